import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind sets ax and ay, both scored first, unchanged, on 9aae249 (2026-11-29): ax, sign recall 262 of
/// 269, 1 of 38 conversations that needed a doctor told self-care, 4 of 26 benign ones sent to a doctor; ay, 204 of
/// 205, none of 42, 1 of 24. Each test failed on 9aae249; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: [
        (
            "opening", "thumb twitches when i scroll my phone and also when my hand is just lying on the desk",
            "moving_and_resting"
        ),
        ("same_place", "same spot. the twitch never fully goes away", "persistent"),
        ("other_symptoms", "my arm feels numb and cold", "sensation_change"),
        ("sleep", "about 7h, the twitch keeps me up and it's there when I walk around too", "moving_and_resting"),
        ("diet", "no fruit, some veg. the twitch has gone on 4 weeks", "persistent"),
        ("exercise", "I tried a new hot yoga class, but the twitch started a month before that", "persistent"),
        (
            "opening", "writing for dad: he started a new parkinson tablet and since then his jaw twitches",
            "new_medication"
        ),
    ])
    func signsOfSetsAXAndAY(question: String, answer: String, sign: String) {
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }

    @Test(arguments: [
        ["opening": "swimmer, my right eyelid twitches since the gala on saturday, eyes red from chlorine too"],
        [
            "opening":
                "I'm a hairdresser, on my feet all day, and my right calf twitches when I put my feet up at night."
        ],
        [
            "opening":
                "years ago I hurt my back and had numbness down my leg, that got fixed. now my left foot twitches",
            "other_symptoms": "no, the numbness from back then is long gone, feeling is normal",
        ],
    ])
    func benignCasesOfSetsAXAndAY(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }

    @Test func aConditionSinceAYearDoesNotDateTheTwitching() {
        let result = Self.play([
            "opening": "my left eye twitches since monday. I have type 2 diabetes since 2012 and take metformin"
        ])
        #expect(!BlindSet.signs(in: result.case).contains("persistent"))
    }
}
