import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind set ab, scored first, unchanged, on 74bd3c2 (2026-11-29): sign recall 273 of 279, 1 of 41
/// conversations that needed a doctor told self-care, 3 of 25 benign ones sent to a doctor. Each test failed on that
/// commit; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test func movingTooAfterOneContextIsBoth() {
        let result = Self.play(
            [
                "moving_and_resting": "I notice it most in bed",
                "exercise":
                    "no, just my normal cycling commute, and it twitches while Im pedalling too, which is weird",
            ], truth: ["moving_and_resting"])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true))
        // "too much gym" is not.
        let gym = Self.play(["opening": "pulsing in my thigh on and off since saturday, probably too much gym"])
        #expect(gym.case["moving_and_resting"]?.value != .yesNo(true))
    }

    @Test(arguments: [
        [
            "opening": "my left butt cheek is doing the cha cha, send help",
            "same_place": "yes its loyal to that cheek",
        ],
        ["opening": "my right hamstring keeps twitching after games", "new_condition": "no. we won both games btw"],
        [
            "opening":
                "Left thumb twitching since the weekend. I had carpal tunnel numbness in that hand about 5 years ago "
                + "but that was operated on and fixed"
        ],
    ])
    func theSamePlaceAndAnOldSignStaySelfCare(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }

    @Test(arguments: [
        ("opening", "I have twitches in my calf and I cant stand on my tiptoes on that side anymore", "weakness"),
        ("exercise", "tried to but my legs gave out halfway through my normal run", "weakness"),
        ("episode_length", "quick ones, but its been twitching without any break since last week", "persistent"),
        ("caffeine", "none. im 9 weeks into this twitching so its not coffee", "persistent"),
        ("sleep", "8 hours, no problem there. the doctor found i have a B12 deficiency last week", "new_condition"),
        (
            "caffeine", "a couple of teas. is it normal that my arm muscle might look a little smaller? not sure",
            "muscle_loss"
        ),
    ])
    func moreEverydayWordsForSigns(question: String, answer: String, sign: String) {
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }

    @Test func aQuestionAboutACauseIsNotADiagnosis() {
        let result = Self.play(["stress": "could it be magnesium deficiency?"])
        #expect(!result.asked.contains("confirm_new_condition"))
    }
}
