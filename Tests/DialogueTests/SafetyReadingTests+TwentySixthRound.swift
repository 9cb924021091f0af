import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind sets aj and ak, both scored first, unchanged, on fb3b226 (2026-11-29): aj, sign recall 261 of
/// 265, none of 44 conversations that needed a doctor told self-care, 1 of 22 benign ones sent to a doctor; ak, 253 of
/// 258, none of 42, 2 of 24. Each test failed on that commit; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: [
        ["opening": "I'm 63, did a whole day of gardening and now my right forearm twitches in the evening"],
        ["other_symptoms": "nope. the fever and cough from covid were gone well before this started"],
        [
            "opening": "twitching in the web of my left hand",
            "other_symptoms": "nothing. it looks the same as the other hand",
        ],
    ])
    func benignCasesOfSetsAJAndAK(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }

    @Test func itDidItOnMyWalkIsMoving() {
        let result = Self.play(
            ["moving_and_resting": "mostly at rest. though come to think of it it did it on my walk yesterday too"],
            truth: ["moving_and_resting"])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true))
    }

    @Test(arguments: [
        ("urgent", "not now, but this morning my tongue felt thick and i couldn't talk right", "speech_or_swallowing"),
        (
            "caffeine", "a ton, and I haven't been able to swallow properly a few times this week",
            "speech_or_swallowing"
        ),
        ("exercise", "when I touched my feet they felt strange, like the skin wasn't mine", "sensation_change"),
        (
            "exercise", "yes lots of push ups, and my chest twitches whether i'm working out or lying down",
            "moving_and_resting"
        ),
        ("new_medication", "arm twitch started after i came off my old meds and onto a new one", "new_medication"),
        ("urgent", "not at the moment. last week i had a few days where talking felt clumsy", "speech_or_swallowing"),
        (
            "hydration", "yeah I drink a lot, the twitch is there whether I'm sitting or on my feet",
            "moving_and_resting"
        ),
        ("diet", "I eat fine. the twitch in my foot has been there all month though", "persistent"),
        ("exercise", "gym yes, but I can't curl what I used to with my right arm", "weakness"),
    ])
    func signsOfSetsAJAndAK(question: String, answer: String, sign: String) {
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }
}
