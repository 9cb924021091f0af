import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind sets ap and aq, both scored first, unchanged, on c5edce2 (2026-11-29): ap, sign recall 243 of
/// 250, 1 of 38 conversations that needed a doctor told self-care, none of 26 benign ones sent to a doctor; aq, 298 of
/// 304, none of 40, none of 24. Each test failed on c5edce2; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: [
        ("opening", "Something's been twitching in my calf for ages, easily 2 or 3 months", "persistent"),
        ("opening", "right cheek twitching. I think it's been like 2 weeks, maybe more? lost track", "persistent"),
        ("urgent", "not right now, earlier today I couldn't get words out for a few minutes", "speech_or_swallowing"),
        ("other_symptoms", "my tongue, and speaking has felt clumsy on and off", "speech_or_swallowing"),
        (
            "hydration",
            "yes, water bottle all day, but my throat's been struggling to get it down sometimes this week",
            "speech_or_swallowing"
        ),
        ("new_condition", "I think the doctor said prediabetes a few weeks ago? does that count", "new_condition"),
        ("new_medication", "steroids for my asthma flare, started last week, twitching began after", "new_medication"),
        ("other_symptoms", "no, I've been too sick with a fever", "fever"),
        (
            "opening",
            "Retired, 74. Twitches in my left hand when I'm knitting and also when I'm just sitting with it in my lap.",
            "moving_and_resting"
        ),
    ])
    func signsOfSetsAPAndAQ(question: String, answer: String, sign: String) {
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }

    @Test(arguments: [
        ("new_medication", "I've been on a new water tablet since last month, twitching started after that"),
        ("new_medication", "yeah I'm on a new antipsychotic for about 3 weeks, the twitch came after"),
        ("urgent", "I had pneumonia 5 years ago, breathing's been fine since. no"),
        ("new_condition", "I had a headache last month before the twitching, gone now"),
        ("moving_and_resting", "No, and walking doesn't stop the twitch either"),
    ])
    func aTimeOrAWordThatIsNotTheTwitchingsIsNotPersistent(question: String, answer: String) {
        #expect(!Self.signs(after: answer, at: question, has: "none").contains("persistent"), "\(answer)")
    }

    @Test func aMedicineTheTwitchingCameSoonAfterDatesIt() {
        let result = Self.play(["opening": "i started lithium in october and the twitching started soon after"])
        if case .daysAgo(let days)? = result.case["onset"]?.value {
            #expect(days > 14)
        } else {
            Issue.record("no onset: \(String(describing: result.case["onset"]))")
        }
    }

    @Test func aDoctorSayingItIsNothingIsNoDiagnosis() {
        let result = Self.play(["opening": "my eyelid twitches, my doctor said it's probably nothing"])
        #expect(result.case["new_condition"]?.value != .yesNo(true))
        #expect(!result.asked.contains(Interview.confirmPrefix + "new_condition"))
    }
}
