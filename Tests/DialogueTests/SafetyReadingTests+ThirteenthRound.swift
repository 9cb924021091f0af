import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind set t: the classes it missed or misread on its first score (2026-11-29, at 18a6ca1: sign recall
/// 271 of 282, 1 of 47 conversations that needed a doctor told self-care, 3 of 26 benign ones sent to a doctor). Each
/// test failed on the code of that first score; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test func aWorkTripIsNotTripping() {
        let result = Self.play(["stress": "the work trip was intense"])
        #expect(!Self.symptoms(result.case).contains(.weakness))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func aFeverFullyGotOverIsNotOne() {
        let result = Self.play([
            "opening":
                "I had flu about a month ago with a high fever, fully over it now. Since Tuesday I've had a little twitch in my left thumb."
        ])
        #expect(!Self.symptoms(result.case).contains(.fever))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func aHedgedChecklistAnswerAsksTheSignsOfNervesAndMuscles() {
        let result = Self.play(
            ["other_symptoms": "I'm not sure, the muscle is a bit sore maybe"], truth: ["weakness"])
        #expect(result.asked.contains(Interview.confirmPrefix + "rest_of_checklist"))
        #expect(Self.symptoms(result.case).contains(.weakness))
        #expect(result.advice?.triage == .seeDoctor)
        // Without them, it stays self-care.
        #expect(
            Self.play(["other_symptoms": "I'm not sure, the muscle is a bit sore maybe"]).advice?.triage == .selfCare)
    }

    @Test func notNoticedWhenWalkingIsNotBoth() {
        let result = Self.play([
            "moving_and_resting": "When I'm sitting reading mostly. I haven't noticed it when I'm out walking."
        ])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(false))
    }

    @Test(arguments: [
        "my fingers have felt icy cold from the inside even though they're warm to touch",
        "when I touch the skin there it feels like sandpaper, strange",
        "same place, but that place feels burning hot lately",
    ])
    func aChangeInFeelingInEverydayWordsIsHeard(answer: String) {
        let result = Self.play(["other_symptoms": answer], truth: ["sensation_change"])
        #expect(Self.symptoms(result.case).contains(.sensationChange), "\(answer)")
        #expect(result.advice?.triage == .seeDoctor, "\(answer)")
    }

    @Test(arguments: [
        ["episode_length": "Each flicker is tiny but there's never a moment when it's fully still"],
        ["stress": "not at all. But the twitching is there every single minute since last week"],
    ])
    func twitchingThatIsNeverStillIsContinuous(answers: [String: String]) {
        #expect(Self.play(answers).advice?.triage == .seeDoctor, "\(answers)")
    }

    @Test func putOnAMedicineIsNew() {
        let result = Self.play(
            [
                "hydration":
                    "maybe 1 litre. i was put on lithium three weeks ago and told to drink plenty, the twitch came after"
            ],
            truth: ["new_medication"])
        #expect(result.case["new_medication"]?.value == .yesNo(true))
    }

    @Test func fingersAreSeveralFingersNotBothHands() {
        let result = Self.play(["opening": "my fingers have been twitching a few days"])
        #expect(result.asked.contains("locations"))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func aDoctorsFindingIsAskedAboutAsANewCondition() {
        let result = Self.play(
            [
                "new_condition":
                    "Maybe? The GP said my potassium was low last week but didn't really call it a condition"
            ],
            truth: ["new_condition"])
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test func aBoutThatWentAwayDoesNotDateThisOne() {
        let result = Self.play([
            "opening": "my left eyelid twitches",
            "onset": "Four days ago. I had the same eye twitch in college years ago and it went away on its own",
        ])
        #expect(result.case["onset"]?.value == .daysAgo(4))
        #expect(result.advice?.triage == .selfCare)
    }
}
