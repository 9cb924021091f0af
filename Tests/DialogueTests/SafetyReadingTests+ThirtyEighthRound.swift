import Assessment
import Screening
import Testing

@testable import Dialogue

/// Blind sets bh and bi, first scores, unchanged, on e2f8206 (2026-11-29): together sign recall 507 of 511, no
/// conversation that needed a doctor told self-care, 2 of 47 benign ones sent to a doctor. Each test failed on
/// e2f8206.
extension SafetyReadingTests {
    /// bi c05: pins and needles ten years ago that "the operation fixed" are past.
    @Test func pinsAndNeedlesTheOperationFixedArePast() {
        let result = Self.play([
            "opening": "I'm 72 and my left thumb has started twitching, since Thursday.",
            "other_symptoms":
                "No. I had pins and needles in that hand about 10 years ago from carpal tunnel but the operation fixed it",
        ])
        #expect(!Self.symptoms(result.case).contains(.tingling))
        #expect(result.advice?.triage == .selfCare)
    }

    /// bi c18: "a 30 day ab challenge" is how long the challenge lasts, not when the twitching began.
    @Test func aThirtyDayChallengeIsNoOnset() {
        let result = Self.play([
            "opening": "weird flicker in my belly muscles since I started a 30 day ab challenge 4 days ago"
        ])
        #expect(result.case["onset"]?.value == .daysAgo(4))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test(arguments: [
        ("opening", "8 weeks of a twitchy right thumb now. not painful, just there most days", "persistent"),
        ("same_place", "same place. the area also feels kind of pins and needly", "tingling"),
    ])
    func everydayWordsOfBhAndBi(question: String, answer: String, sign: String) {
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }

    @Test func bothWhenIRideAndWhenISit() {
        let result = Self.play(
            [
                "opening": "my left calf twitches since 3 days",
                "moving_and_resting": "the twitch was already there, both when I ride and when I sit",
            ], truth: ["moving_and_resting"])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true))
    }

    /// Places that are someone else's or compared with name no second place.
    @Test(arguments: [
        "my husband says his leg twitches, but I'm here for me: my eyebrow has been twitching since yesterday",
        "Elderly here (81). Twitching in my left arm and that arm feels cold all the time, not like the other one",
    ])
    func placesOfOthersOrComparedAreNoSecondPlace(opening: String) {
        let result = Self.play(["opening": opening])
        #expect(!BlindSet.signs(in: result.case).contains("multiple_areas"), "\(opening)")
    }
}

/// Blind sets bj and bk, first scores, unchanged, with the reader of e2f8206 (2026-11-29): together sign recall 530 of
/// 533, no conversation that needed a doctor told self-care, 5 of 48 benign ones sent to a doctor. Each test failed
/// on e2f8206.
extension SafetyReadingTests {
    /// bj c05: "I can still stand on my toes" is a test of strength, not a place.
    /// bj c18: "my body is telling me something" is not twitching all over.
    @Test(arguments: [
        "My left calf has been twitching for 5 days. I've been checking my strength every hour, I can still stand on my toes, no weakness, no wasting",
        "started a new job as a manager last week and my right cheek has been twitching since, I think my body is telling me something lol",
    ])
    func wordsThatNameNoPlace(opening: String) {
        let result = Self.play(["opening": opening])
        #expect(!BlindSet.signs(in: result.case).contains("multiple_areas"), "\(opening)")
        #expect(result.advice?.triage == .selfCare, "\(opening)")
    }

    /// bj c09: "back to the gym after 6 months off" is a break, not when the twitching began.
    @Test func monthsOffIsABreak() {
        let result = Self.play([
            "opening":
                "Quick q, the front of my thigh flutters when I'm lying in bed at night. Started after I went back to the gym after 6 months off."
        ])
        #expect(result.case["onset"]?.value != .daysAgo(180))
        #expect(!BlindSet.signs(in: result.case).contains("persistent"))
    }

    /// bj c21: "I am far away" is no change of feeling.
    @Test func farAwayIsNoChangeOfFeeling() {
        let signs = Self.signs(
            after: "yes, my mother is sick in Spain and I am far away", at: "stress", has: "none")
        #expect(!signs.contains("sensation_change"))
    }

    /// bk c36: "Nothing now. The old numbness has been gone for ages." answers none; a spin class is exercise.
    @Test func anOldNumbnessLongGoneIsNone() {
        let result = Self.play([
            "opening": "Hi, I've had a twitch in my right thigh for the past 4 days.",
            "other_symptoms": "Nothing now. The old numbness has been gone for ages.",
            "exercise": "I started a new spin class this week, it was brutal.",
        ])
        #expect(result.case["other_symptoms"]?.value == .symptoms([]))
        #expect(result.case["exercise"]?.value == .yesNo(true))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func toldMeLastWeekIsANewDiagnosis() {
        let signs = Self.signs(
            after: "high blood pressure, they told me last week", at: "new_condition", has: "new_condition")
        #expect(signs.contains("new_condition"))
    }

    /// "her legs twitch all the time" is the partner's; "my leg twitches when I'm asleep" is no numbness.
    @Test(arguments: [
        (
            "moving_and_resting",
            "Only at night in bed. My partner says her legs twitch all the time, moving or not, but mine don't"
        ),
        ("opening", "My husband says my leg twitches when im asleep, I dont notice it. Started few days ago"),
        ("caffeine", "one tea in the morning. I switched to tea because my new tablets upset my stomach"),
    ])
    func whatIsSaidOfOthersOrOfSleepAddsNoSign(question: String, answer: String) {
        var answers = ["opening": "my left calf twitches since 3 days"]
        answers[question] = answer
        let signs = BlindSet.signs(in: Self.play(answers).case)
        #expect(
            signs.isDisjoint(with: ["multiple_areas", "persistent", "moving_and_resting", "numbness"]), "\(answer)")
    }

    @Test(arguments: ["my foot feels like its asleep all the time", "my hands fall asleep at night"])
    func aLimbAsleepIsNumbness(answer: String) {
        #expect(Self.signs(after: answer, at: "other_symptoms", has: "numbness").contains("numbness"), "\(answer)")
    }
}
