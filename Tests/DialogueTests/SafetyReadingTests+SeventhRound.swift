import Assessment
import Screening
import Testing

@testable import Dialogue

/// The ninth round: the classes blind set l missed or misread on its first score (2026-11-28, at 6ed3f73). Each
/// test failed on 6ed3f73 in at least one of its cases.
extension SafetyReadingTests {
    @Test(arguments: [
        ("new_medication", "new asthma preventer last week, twitch started a couple of days later", "new_medication"),
        ("stress", "no, haven't felt like it with the headaches", "headache"),
        ("episode_length", "seconds, but my head has been aching the whole time", "headache"),
        ("caffeine", "2 teas, can't have more because I'm getting dizzy and sick", "nausea"),
        ("new_condition", "hyperthyroid, found out the week before this started", "new_condition"),
    ])
    func signsOfSetLAreHeard(question: String, text: String, sign: String) {
        Self.expectHeard(sign, in: text, at: question)
    }

    @Test func whatAnotherPersonSawOfTheSpeakerIsTheSpeakers() {
        Self.expectHeard(
            "muscle_loss",
            in:
                "I have a fluttering in my upper left arm since the spring. My wife says the arm looks thinner than the other one.",
            at: "opening")
        // A report about themselves stays theirs.
        let result = Self.play(["stress": "a bit, my husband says he has a headache from the noise"])
        #expect(!Self.symptoms(result.case).contains(.headache))
    }

    @Test func aFortnightAgoAndABitMoreIsMoreThanTwoWeeks() {
        let result = Self.play(["opening": "my calf twitches", "onset": "a fortnight ago maybe a bit more"])
        #expect(result.case["onset"]?.value == .daysAgo(15))
    }

    @Test func theHandOfAFingerAlreadyNamedIsOnePlace() {
        let result = Self.play([
            "opening": "my right index finger twitches when I rest my hand on the mouse at work"
        ])
        guard case .sites(let sites)? = result.case["locations"]?.value else {
            Issue.record("no place read")
            return
        }
        #expect(sites.map(\.part) == [.finger])
        // An eyelid and a cheek stay two places.
        let face = BodySites.read(Screening.tokens("eyelid mostly, but sometimes my cheek too"))
        #expect(face == .value(.sites([Site(.eyelid), Site(.face)])))
    }

    @Test func wontStopTwitchingInAStoryAsksHowLongEachTwitchLasts() {
        // Three blind writers used it of an ordinary eyelid twitch that keeps coming back: it is asked, not assumed.
        let result = Self.play(["opening": "my left eye lid wont stop twitching, 4 days now"])
        #expect(result.asked.contains("episode_length"))
        #expect(result.advice?.triage == .selfCare)
        let continuous = Self.play([
            "opening": "my left eye lid wont stop twitching, 4 days now", "episode_length": "it never stops",
        ])
        #expect(continuous.advice?.triage == .seeDoctor)
    }
}
