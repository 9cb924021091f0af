import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind set ac, scored first, unchanged, on 034b6cf (2026-11-29): sign recall 260 of 265, 1 of 41
/// conversations that needed a doctor told self-care, 3 of 23 benign ones sent to a doctor. Each test failed on that
/// commit; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test func somethingTheDoctorGaveIsANewMedicine() {
        let result = Self.play(
            [
                "opening": "twitchy eyelid for about a week, left side",
                "new_medication":
                    "well the doctor gave me something for anxiety about 10 days ago, and the eye started a couple "
                    + "days after i began it",
            ], truth: ["new_medication"])
        #expect(result.case["new_medication"]?.value == .yesNo(true))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test(arguments: [
        "pulled two all nighters for a project and now my right eyelid is jumping around lol",
        "my right eye, sorry i mean left, my left eye has been twitching since tuesday",
        "my right calf, sorry, left calf twitches",
        "twitch in my left foot since saturday, no weakness, i can still do calf raises fine",
    ])
    func onePlaceSaidTwiceOrMovingIsOnePlace(opening: String) {
        let result = Self.play(["opening": opening])
        #expect(result.advice?.triage == .selfCare, "\(opening)")
    }

    @Test func jumpingAroundTheBodyIsStillAsked() {
        let result = Self.play(
            ["opening": "the twitch keeps jumping around my body"], truth: ["multiple_areas"])
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test(arguments: [
        ("opening", "I had a stroke 3 weeks ago, now my arm twitches a lot", "new_condition"),
        ("locations", "calf, and the foot below it feels like its on fire", "sensation_change"),
        ("frequency", "maybe 10 times a day, it's in a different body part each time", "multiple_areas"),
        ("new_condition", "I had a blood test last week and they said my potassium is low", "new_condition"),
        ("diet", "meh. lots of chips lol. weird, my leg feels like hot water is running on it", "sensation_change"),
    ])
    func everydayWordsForSigns(question: String, answer: String, sign: String) {
        #expect(
            Self.signs(after: answer, at: question, has: sign, opening: "I have a twitch").contains(sign), "\(answer)")
    }

    @Test(arguments: [
        "had a stroke 3 weeks ago, now my arm twitches a lot",
        "Got diagnosed with type 1 diabetes 3 weeks ago and now my thigh muscle has started twitching",
        "Eyelid twitching. Was diagnosed with hyperthyroidism 3 weeks ago if that matters",
    ])
    func theTimeOfADiagnosisIsNotWhenTheTwitchingBegan(opening: String) {
        let result = Self.play(["opening": opening])
        #expect(result.case["onset"]?.value == .daysAgo(3), "\(opening)")
    }

    @Test func aDiagnosisThatDatesWhatFollowsIsTheOnset() {
        let result = Self.play([
            "opening": "I was diagnosed with type 1 diabetes three weeks ago and since then my big toe twitches"
        ])
        #expect(result.case["onset"]?.value == .daysAgo(21))
    }

    @Test(arguments: [
        ("exercise", "no, I've been sick in bed with a fever", Symptom.vomiting),
        ("opening", "i keep feeling sick, like I'm going to throw up, and my head is pounding", Symptom.vomiting),
    ])
    func illOrAboutToBeSickIsNotVomiting(question: String, answer: String, symptom: Symptom) {
        let result = Self.play([question: answer])
        #expect(!Self.symptoms(result.case).contains(symptom), "\(answer)")
    }
}
