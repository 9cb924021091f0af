import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind set v: the classes it missed or misread on its first score (2026-11-29, at 4f7d948: sign recall
/// 272 of 282, no conversation that needed a doctor told self-care, 1 of 24 benign ones sent to a doctor). Each test
/// failed on the code of that first score; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test func tinglingThatWentWhenTheBabyCameIsAsked() {
        let result = Self.play([
            "other_symptoms":
                "No. I did have tingling in my hands when I was pregnant with my son 10 years ago, but that went after he was born."
        ])
        #expect(!Self.symptoms(result.case).contains(.tingling))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func headachesSinceItStartedAreHeardThoughAMedicineIsTakenForThem() {
        let result = Self.play(
            [
                "new_medication":
                    "I've been taking ibuprofen for the headaches I've had since this started, nothing before it"
            ],
            truth: ["headache"])
        #expect(Self.symptoms(result.case).contains(.headache))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test(arguments: [
        ["new_condition": "no, my doctor told me to rest since they found the hyperthyroid thing last week"],
        ["new_condition": "maybe? they said my potassium might be low, waiting to hear back"],
    ])
    func aFindingOfTheDoctorsIsAskedAbout(answers: [String: String]) {
        let result = Self.play(answers, truth: ["new_condition"])
        #expect(result.advice?.triage == .seeDoctor, "\(answers)")
    }

    @Test(arguments: [
        ["hydration": "I'm drinking loads since they started me on a new diuretic, that's when it all started"],
        ["hydration": "yes, and my doctor upped the dose of my thyroid pills last month, twitch came after"],
    ])
    func aNewMedicineOrDoseIsHeard(answers: [String: String]) {
        let result = Self.play(answers, truth: ["new_medication"])
        #expect(result.case["new_medication"]?.value == .yesNo(true), "\(answers)")
    }

    @Test func itsBeenGoingForOverAMonthIsTheTwitching() {
        let result = Self.play(["stress": "I'm stressed because it's been going for over a month"])
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test func aFootThatKeepsCatchingIsWeakness() {
        let result = Self.play(
            ["exercise": "I tried to run but my foot kept catching, like it won't lift properly"], truth: ["weakness"])
        #expect(Self.symptoms(result.case).contains(.weakness))
    }

    @Test func neverWhenWalkingIsNotBoth() {
        let result = Self.play([
            "opening": "i get twitches in my right thigh when i sit on the couch, never when walking. few days now"
        ])
        #expect(result.case["moving_and_resting"]?.value != .yesNo(true))
        // "no" answering another question does not deny the walking after it.
        let both = Self.play(["exercise": "no, I walk the dog and the twitch is there both then and when I'm sitting"])
        #expect(both.case["moving_and_resting"]?.value == .yesNo(true))
    }

    @Test(arguments: [
        "nope. my friend said numbness is bad but i don't have that",
        "no. i had numbness in my hand after a fall two years ago, but it healed completely",
    ])
    func numbnessSaidToBeAbsentOrHealedIsNotNoted(answer: String) {
        let result = Self.play(["other_symptoms": answer])
        #expect(!Self.symptoms(result.case).contains(.numbness), "\(answer)")
        #expect(result.advice?.triage == .selfCare, "\(answer)")
    }
}
