import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind sets az and ba, both scored first, unchanged, on f0810aa (2026-11-29): az, sign recall 233 of
/// 241, 1 of 41 conversations that needed a doctor told self-care, 1 of 25 benign ones sent to a doctor; ba, 272 of
/// 277, none of 40, 2 of 24. Weakness told through what a person can no longer do was most of the misses. Each test
/// failed on f0810aa.
extension SafetyReadingTests {
    @Test(arguments: [
        (
            "opening", "my legs twitch and stairs have got hard, i need the railing to pull myself up now",
            "weakness"
        ),
        ("new_medication", "yes, but even lifting the water bottle feels hard with my right arm", "weakness"),
        (
            "opening",
            "I'm typing for my wife, it's in her right thumb and she has trouble turning the door key with that hand now",
            "weakness"
        ),
        ("other_symptoms", "can't do my shoelaces, fingers just don't have the power", "weakness"),
        ("caffeine", "2 coffees. the cup shakes and slips now, the hand just doesn't hold it", "weakness"),
        (
            "opening", "Twitching in right thigh for about 5 weeks now, and I struggle getting up off the floor",
            "weakness"
        ),
        ("exercise", "no, I haven't been able to grip the weights like before", "weakness"),
        ("episode_length", "a few seconds, and the skin round it goes cold and odd after", "sensation_change"),
        ("opening", "eyelid twitch 2 days, since I started a new migraine preventer", "new_medication"),
    ])
    func signsOfSetsAZAndBA(question: String, answer: String, sign: String) {
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }

    @Test func noTroubleWithTheStairsIsNoWeakness() {
        let result = Self.play(["other_symptoms": "no, no trouble with the stairs or lifting things"])
        #expect(!Self.symptoms(result.case).contains(.weakness))
        #expect(result.advice?.triage == .selfCare)
    }
}
