import Assessment
import Screening
import Testing

@testable import Dialogue

/// Blind sets bf and bg, first scores, unchanged, on 4894797 (2026-11-29): together sign recall 517 of 521, 1 of 77
/// conversations that needed a doctor told self-care, 5 of 55 benign ones sent to a doctor. Each test of a miss failed
/// on 4894797; the guards of what must not change with the fixes (`longTakenPillsForSomethingAreNotNew`,
/// `aSignSinceLastMonthStays`) passed on it too.
extension SafetyReadingTests {
    /// bf c21: "just the one for my anxiety" says which medicine; it was read as stress and the question given up.
    @Test func theOneForMyAnxietyIsAMedicine() {
        let result = Self.play(
            ["opening": "eyelid flicker for about 10 days", "new_medication": "just the one for my anxiety"],
            truth: ["new_medication"])
        #expect(result.case["new_medication"]?.value == .yesNo(true))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test(arguments: ["No. Same pills for my heart since many years.", "not the one for my anxiety, that was before"])
    func longTakenPillsForSomethingAreNotNew(answer: String) {
        let result = Self.play(["opening": "my left calf twitches since 5 days", "new_medication": answer])
        #expect(result.case["new_medication"]?.value != .yesNo(true), "\(answer)")
    }

    /// bf c14: "pregnant with my second, 30 weeks" is not when the twitching began; a vitamin taken for months is not
    /// new; tingling "in my first pregnancy but not this time" is gone; "yes always the right one" answers.
    @Test func aPregnantMotherWithAWeekOfEyelidTwitching() {
        let result = Self.play([
            "opening":
                "Hi, I'm 34 and pregnant with my second, 30 weeks. Eyelid twitching for about a week. I know pregnancy makes everything weird.",
            "locations": "right eyelid",
            "same_place": "yes always the right one",
            "other_symptoms":
                "no, just the usual pregnancy tiredness. I had tingling hands in my first pregnancy but not this time",
            "new_medication": "just my prenatal vitamins that I've been on for months",
        ])
        #expect(result.case["onset"]?.value == .daysAgo(7))
        #expect(result.case["same_place"]?.value == .yesNo(true))
        #expect(result.advice?.triage == .selfCare)
    }

    /// "no, sometimes the left one too" at "always in the same place?": both sides.
    @Test func theOtherSideTooIsBothSides() {
        let result = Self.play(
            [
                "opening": "my right eyelid twitches since 3 days", "locations": "right eyelid",
                "same_place": "no, sometimes the left one too",
            ], truth: ["multiple_areas"])
        #expect(result.case["locations"]?.value == .sites([Site(.eyelid, side: .both)]))
    }

    /// bf c26: a migraine "last month, well before this started, long gone" is past; "in the evenings mainly" is daily.
    @Test func aMigraineLastMonthIsPast() {
        let result = Self.play([
            "opening": "my left shoulder twitches when I'm reading in bed. Started last week.",
            "frequency": "In the evenings mainly",
            "other_symptoms": "I had a migraine last month, well before this started, long gone. Otherwise nothing.",
        ])
        #expect(result.case["frequency"]?.value == .frequency(.daily))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test(arguments: ["my hand has been numb since last month", "numbness in my hand for the last month"])
    func aSignSinceLastMonthStays(answer: String) {
        #expect(Self.signs(after: answer, at: "other_symptoms", has: "numbness").contains("numbness"), "\(answer)")
    }

    /// bg c13: both legs compared in the mirror name no second place.
    @Test func legsComparedInTheMirrorAreNoSecondPlace() {
        let result = Self.play([
            "opening": "my right thigh has been twitching since the weekend",
            "other_symptoms":
                "No weakness, no numbness, no muscle loss. I checked both legs in the mirror and they look the same.",
        ])
        #expect(!BlindSet.signs(in: result.case).contains("multiple_areas"))
    }

    /// bg c61: "Just a jerk." is how long; "Normal." to the stress question is no. ("I don't feel it much" is still
    /// read as numbness: the review found that hiding it lost "i dont feel it much in my fingertips anymore".)
    @Test func aJerkTheSleeperDoesNotFeel() {
        let result = Self.play([
            "opening":
                "My wife says my foot jerks when I'm falling asleep, I don't feel it much. Started this week.",
            "episode_length": "Just a jerk.", "stress": "Normal.",
        ])
        #expect(result.case["episode_length"]?.value != nil)
        #expect(result.case["stress"]?.value == .yesNo(false))
    }

    /// bg c63: resting after typing is at rest; "when it's active" is the twitching.
    @Test(arguments: [
        ("moving_and_resting", "when my arm is resting after typing"),
        ("frequency", "every few minutes when it's active, then quiet for the rest of the day"),
    ])
    func restAfterMovingIsNotBoth(question: String, answer: String) {
        let result = Self.play(["opening": "twitch in my right forearm since 3 days", question: answer])
        #expect(result.case["moving_and_resting"]?.value != .yesNo(true), "\(answer)")
    }

    @Test(arguments: ["yes it doesnt matter if im running or lying down", "it does both, walking and sitting"])
    func doesNotMatterIsBoth(answer: String) {
        let result = Self.play(
            ["opening": "my right calf twitches since 3 days", "moving_and_resting": answer],
            truth: ["moving_and_resting"])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true), "\(answer)")
        #expect(!BlindSet.signs(in: result.case).contains("multiple_areas"), "\(answer)")
    }

    @Test func everythingIsTwitchingIsSeveralPlaces() {
        let signs = Self.signs(
            after: "right now I'm having a hard time breathing and everything is twitching", at: "urgent",
            has: "multiple_areas")
        #expect(signs.contains("multiple_areas"))
        #expect(signs.contains("emergency"))
    }
}
