import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind set y: the classes it missed or misread on its first score (2026-11-29, at a74bae1: sign recall
/// 277 of 282, no conversation that needed a doctor told self-care, 2 of 25 benign ones sent to a doctor). Each test
/// failed on the code of that first score; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: ["Im healthy usually", "I'm healthy", "im usually fine"])
    func healthyIsNoNewCondition(answer: String) {
        let result = Self.play(["new_condition": answer])
        #expect(result.case["new_condition"]?.value == .yesNo(false), "\(answer)")
        #expect(result.advice?.triage == .selfCare, "\(answer)")
    }

    @Test func lateWhatTheDoctorFoundStillAsks() {
        let result = Self.play(
            ["new_condition": "im healthy but they found my thyroid is low last week"], truth: ["new_condition"])
        #expect(result.case["new_condition"]?.value == .yesNo(true))
    }

    @Test func anActivityAllDayIsNotTheTwitching() {
        let result = Self.play([
            "opening":
                "Ive got these little pulses in my lower back muscle, started after I moved house last weekend, "
                + "lifting boxes all day"
        ])
        #expect(result.advice?.triage == .selfCare)
        // The twitching itself "pinging away nonstop for days" still is constant.
        let constant = Self.play([
            "opening": "my forearm has been pinging away nonstop for days, never gets a break"
        ])
        #expect(constant.advice?.triage != .selfCare)
    }

    @Test(arguments: [
        ["moving_and_resting": "hard to say. it happens at my desk, and also on my run this morning"],
        ["hydration": "yes. the twitch in my thigh now also comes when I walk, not just at rest"],
    ])
    func bothContextsInEverydayWords(answers: [String: String]) {
        let result = Self.play(answers, truth: ["moving_and_resting"])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true), "\(answers)")
    }

    @Test func aMaybeToANewMedicineIsConfirmed() {
        let result = Self.play(["new_medication": "idk maybe? i take a lot of stuff"], truth: ["new_medication"])
        #expect(result.asked.contains("confirm_new_medication"))
        let not = Self.play(["new_medication": "maybe not, nothing new"])
        #expect(!not.asked.contains("confirm_new_medication"))
    }

    @Test(arguments: [
        ["opening": "Sir I am having the twitch in left side of neck since 2 weeks back, now it is 18 days. No pain."],
        ["onset": "abt 2 wks ago... actualy more like 3"],
        ["onset": "2 weeks ago, actually 3"],
    ])
    func theLaterOrCorrectedTimeCounts(answers: [String: String]) {
        let result = Self.play(answers, truth: ["persistent"])
        #expect(result.advice?.triage == .seeDoctor, "\(answers)")
    }

    @Test func aNumberOfSomethingElseIsNotAnotherTime() {
        let result = Self.play(["onset": "1 week ago, like 5 times a day"])
        #expect(result.case["onset"]?.value == .daysAgo(7))
    }

    @Test(arguments: [
        "the muscle between my thumb and finger twitches",
        "last weekend my eyelid started. i had the flu before that, with a fever, but that was over by then",
    ])
    func onePlaceAndAnIllnessOverAreNotSigns(opening: String) {
        let result = Self.play(["opening": opening])
        #expect(result.advice?.triage == .selfCare, "\(opening)")
    }

    @Test func aMedicineSinceAnAgeIsNotNew() {
        let result = Self.play(["new_medication": "only birth control, which I've been on since I was 18"])
        #expect(result.case["new_medication"]?.value != .yesNo(true))
        #expect(result.advice?.triage == .selfCare)
    }
}
