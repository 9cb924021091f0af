import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind sets ar and as, both scored first, unchanged, on 717b0b3 (2026-11-29): ar, sign recall 269 of
/// 270, 1 of 38 conversations that needed a doctor told self-care, 2 of 26 benign ones sent to a doctor; as, 248 of
/// 254, 1 of 40, 2 of 24. Each test failed on 717b0b3; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: [
        ("moving_and_resting", "thumb twitches. it happens typing and when my hand is in my lap", "moving_and_resting"),
        (
            "opening",
            "My grandmother is 80, her legs give way when she stands and her right thigh twitches. I'm writing for her.",
            "weakness"
        ),
        ("same_place", "it started in one spot but now it's everywhere", "multiple_areas"),
        ("new_medication", "my son started amoxicillin a few days before it began (writing for him)", "new_medication"),
        (
            "sleep", "like 4 hours, the twitching goes on all night and when i'm up walking around too",
            "moving_and_resting"
        ),
        ("sleep", "7 hours, fine. My twitches started after my new beta blocker though", "new_medication"),
    ])
    func signsOfSetsARAndAS(question: String, answer: String, sign: String) {
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }

    @Test func aNoThatKeepsSomethingBackAsksAboutWeaknessAndFeeling() {
        let result = Self.play(
            ["other_symptoms": "no, just that hand thing I mentioned"], truth: ["weakness"])
        #expect(result.asked.contains(Interview.confirmPrefix + Interview.restOfChecklist))
        #expect(Self.symptoms(result.case).contains(.weakness))
        let plain = Self.play(["other_symptoms": "no, just tired"])
        #expect(!plain.asked.contains(Interview.confirmPrefix + Interview.restOfChecklist))
    }

    @Test func aTimeSaidLaterFillsOneNotedAsUnknown() {
        let result = Self.play([
            "onset": "not sure exactly",
            "exercise": "no, but it's been every day for at least 3 weeks because it started when I stopped the gym",
        ])
        #expect(BlindSet.signs(in: result.case).contains("persistent"))
    }

    @Test(arguments: [
        ["opening": "G'day, right calf's been jumping like a cricket since the weekend. Been mustering on foot"],
        ["exercise": "I walked a lot more than usual on a city trip, like 25,000 steps a day."],
    ])
    func benignCasesOfSetsARAndAS(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }
}
