import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind sets ah and ai, both scored first, unchanged, on 21d5acb (2026-11-29): ah, sign recall 282 of
/// 289, none of 43 conversations that needed a doctor told self-care, 1 of 27 benign ones sent to a doctor; ai, 264 of
/// 269, 2 of 40, 5 of 24. Each test failed on that commit; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: [
        ["opening": "I've had a twitch in my left calf since the start of the month, it's the 24th today"],
        ["onset": "the 1st or 2nd of the month"],
    ])
    func theStartOfTheMonthIsADate(answers: [String: String]) {
        // 2026-11-27: the 1st is 26 days ago.
        let result = Self.play(answers, truth: ["persistent"])
        #expect(result.advice?.triage == .seeDoctor, "\(answers)")
    }

    @Test func brokenEnglishForNumbAndTingling() {
        let result = Self.play(
            [
                "opening":
                    "Hello, sorry my english. My right leg is twitch and the foot is like sleeping, I not feel it good, "
                    + "and it have needles feeling"
            ], truth: ["numbness", "tingling"])
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test(arguments: [
        [
            "opening": "Did my first ultramarathon Sunday. Since then my left foot arch has these tiny twitches.",
            "new_medication":
                "Ibuprofen for a couple of days for the soreness, but the twitching started before I took any",
        ],
        [
            "opening":
                "I am 75 years, my son type for me. Since Friday I have small jumping in the muscle of left thigh when "
                + "I sit in the chair. I walk to the shop every day no problem, my legs are strong."
        ],
        [
            "opening": "eyelid again. happened last year too and went away. started again sunday",
            "same_place": "yes, same eye as last year",
        ],
        ["opening": "baby is 5 weeks old and my eye has started twitching", "frequency": "comes and goes all day"],
        [
            "opening": "Nurse here, my left calf has little twitches when I finally get into bed",
            "other_symptoms": "No weakness, no numbness, no fever. both calves look the same size.",
        ],
        ["stress": "Yes, I'm a worrier, and work has been a real headache this month."],
    ])
    func benignCasesOfSetsAHAndAI(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }

    @Test(arguments: [
        ("opening", "weird twitch in my neck and its hard to get my food down sometimes", "speech_or_swallowing"),
        ("urgent", "nah im good. just the twitch in my shoulder that hasnt let up in like 3 weeks", "persistent"),
        ("stress", "kind of. its been going non stop for 3 weeks so yeah im fed up", "persistent"),
        ("sleep", "not great. 5 hours. I keep waking up to be sick", "vomiting"),
        (
            "hydration", "I drink ok. But my arm, where the twitch is, it feels like there's ice on it",
            "sensation_change"
        ),
        ("opening", "I'm 64 and my calves twitch, my hands twitch, my shoulders twitch. Months now.", "persistent"),
        ("other_symptoms", "my tongue, and talking has been a bit harder than usual some days", "speech_or_swallowing"),
        (
            "new_condition", "maybe? the doctor said my blood sugar was borderline, not sure if that counts",
            "new_condition"
        ),
        ("caffeine", "2 coffee. I have to hold the cup with both hands now, one hand isn't strong enough", "weakness"),
        (
            "exercise", "Heavy gardening on Sunday. The twitch was already there for weeks before that, maybe 4 weeks",
            "persistent"
        ),
    ])
    func signsOfSetsAHAndAI(question: String, answer: String, sign: String) {
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }
}
