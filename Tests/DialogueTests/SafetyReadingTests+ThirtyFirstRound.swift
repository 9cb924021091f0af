import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind sets at and au, both scored first, unchanged, on 709beba (2026-11-29): at, sign recall 262 of
/// 270, none of 39 conversations that needed a doctor told self-care, none of 27 benign ones sent to a doctor; au, 160
/// of 162, none of 44, 2 of 25. Each test failed on 709beba; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: [
        (
            "opening",
            "I'm a violinist, my left forearm has been twitching during practice and also when I'm lying in bed",
            "moving_and_resting"
        ),
        (
            "opening", "Hello, my english not so good. I have twitch in the arm from three weeks, left arm.",
            "persistent"
        ),
        ("other_symptoms", "my arm doesn't feel like my arm, touch feels muffled", "sensation_change"),
        ("exercise", "gym, but lifting was harder than usual, couldn't do my normal weight", "weakness"),
        ("other_symptoms", "things feel colder than they should on that side", "sensation_change"),
        ("diet", "nope. the calf has gone smaller though", "muscle_loss"),
        ("hydration", "yes. and since I began my new diuretic it started", "new_medication"),
        ("exercise", "yes, and my legs twitch both during and after", "moving_and_resting"),
        ("opening", "twitching started right after the doctor raised the dose of my adhd meds", "new_medication"),
    ])
    func signsOfSetsATAndAU(question: String, answer: String, sign: String) {
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }

    @Test(arguments: [
        ["urgent": "had trouble swallowing last year with tonsillitis, nothing now"],
        ["urgent": "nope. had a weird choking thing years ago, long before any of this, never since"],
    ])
    func troubleSaidToBeFineOrPastIsNoEmergency(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage != .emergency, "\(answers)")
    }

    @Test(arguments: ["yes, swallowing is hard", "I can't swallow properly right now"])
    func troubleNowIsStillAnEmergency(answer: String) {
        #expect(Self.play(["urgent": answer]).advice?.triage == .emergency, "\(answer)")
    }

    @Test(arguments: [
        ["frequency": "randomly all day"],
        ["opening": "had a fever last month with the flu, all gone now, but since 3 days my eyelid twitches"],
    ])
    func benignCasesOfSetsATAndAU(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }
}
