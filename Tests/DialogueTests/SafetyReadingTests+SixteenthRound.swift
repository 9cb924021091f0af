import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind set w: the classes it missed or misread on its first score (2026-11-29, at 2df7e9b: sign recall
/// 275 of 280, no conversation that needed a doctor told self-care, none of 22 benign ones sent to a doctor). Each
/// test failed on the code of that first score; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test func whenIUseItIsMoving() {
        let result = Self.play([
            "opening": "twitch in my left upper arm when i rest, and also when i use it, its been like 9 days"
        ])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true))
        // "It stops when I use my hand" is not.
        let stops = Self.play(["moving_and_resting": "when resting, it stops when I use my hand"])
        #expect(stops.case["moving_and_resting"]?.value == .yesNo(false))
    }

    @Test func chemoThatStartedIsANewMedicine() {
        let result = Self.play(
            ["new_medication": "Just after my chemo started, about ten days ago"], truth: ["new_medication"])
        #expect(result.case["new_medication"]?.value == .yesNo(true))
    }

    @Test(arguments: [
        "I had Bell's palsy 10 years ago, fully recovered. Now a small twitch in my left eyebrow since Sunday",
        "my left eyelid twitches since Sunday. no, I had a sore throat last month from a cold but it's gone",
    ])
    func anIllnessThatIsOverDoesNotDateTheTwitching(opening: String) {
        let result = Self.play(["opening": opening])
        #expect(result.advice?.triage == .selfCare, "\(opening)")
    }

    @Test(arguments: [
        ["stress": "sort of. my mum is sick and I'm looking after her. she's the one with the weakness, not me"],
        [
            "other_symptoms":
                "Nothing. Well, I was in the ER in 2019 with numbness but that was a slipped disc and it's fine now"
        ],
    ])
    func aSignOfSomeoneElseOrLongOverIsNotNoted(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }
}
