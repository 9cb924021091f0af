import Assessment
import Screening
import Testing

@testable import Dialogue

/// The eighth round: the classes blind set k missed or misread on its first score (2026-11-28, at 786d509). Each
/// test failed on 786d509 in at least one of its cases.
extension SafetyReadingTests {
    @Test(arguments: [
        (
            "other_symptoms", "i dont think so... maybe a little tight in the throat but i think that's the anxiety",
            "speech_or_swallowing"
        ),
        ("exercise", "I used to play 5-a-side but I stopped because I kept falling over", "weakness"),
        (
            "new_medication", "I think the doctor switched my blood pressure tablets recently, maybe thats it?",
            "new_medication"
        ),
        ("new_medication", "twitching and tingling in my hand since I started chemo", "new_medication"),
        (
            "stress", "a bit, and I keep getting this strange cold feeling down my leg even though it's warm",
            "sensation_change"
        ),
    ])
    func signsOfSetKAreHeard(question: String, text: String, sign: String) {
        Self.expectHeard(sign, in: text, at: question)
    }

    @Test func aSideWithTooIsThePartNamedLast() {
        let text = "my right forearm mainly but sometimes the left too"
        #expect(BodySites.read(Screening.tokens(text)) == .value(.sites([Site(.forearm, side: .both)])))
        // A side still waiting for its part is not taken for the one before it.
        let unsure = "the calf, i think the left but sometimes it feels like the right too"
        #expect(BodySites.read(Screening.tokens(unsure)) == .value(.sites([Site(.calf, side: .both)])))
    }

    @Test(arguments: [
        "so i started going to the gym properly 3 days ago and now my right bicep is twitching when im chilling on the sofa",
        "The muscle in my left shoulder twitches, I noticed it yesterday after I carried boxes all day moving house.",
    ])
    func whatTheTwitchingFollowedSaysNeitherWhenNorHowOften(opening: String) {
        let result = Self.play(["opening": opening])
        #expect(result.case["moving_and_resting"]?.value != .yesNo(true), "\(opening)")
        #expect(result.case["frequency"]?.value != .frequency(.constant), "\(opening)")
        #expect(result.advice?.triage == .selfCare, "\(opening)")
    }
}
