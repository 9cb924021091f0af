import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind sets av and aw, both scored first, unchanged, on 68a8251 (2026-11-29): av, sign recall 236 of
/// 246, none of 41 conversations that needed a doctor told self-care, 1 of 25 benign ones sent to a doctor; aw, 253 of
/// 258, 3 of 42, 1 of 26. Each test failed on 68a8251; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: [
        (
            "opening", "my wife noticed my thigh twitching while i watch tv, and i feel it at the gym mid-set too",
            "moving_and_resting"
        ),
        (
            "opening", "my left foot twitches on the clutch, and also when im lying in bed at night",
            "moving_and_resting"
        ),
        (
            "opening", "I'm a nurse, I know it's probably benign fasciculations but it's my left arm, 3 weeks in",
            "persistent"
        ),
        (
            "opening", "I was diagnosed with diabetes two weeks ago and started insulin, now my foot twitches",
            "new_medication"
        ),
        (
            "opening", "twitching forearm, started when I quit smoking and went on nicotine patches 4 days ago",
            "new_medication"
        ),
        ("moving_and_resting", "it happens when I chop veg at work and when I'm in bed", "moving_and_resting"),
        ("caffeine", "3 coffees, and I noticed my cup keeps slipping out of my hand lately", "weakness"),
        ("sleep", "8 but I wake up drenched, thermometer said 38.4 last night", "fever"),
        (
            "opening", "Not me, my grandma: her right hand twitches and she says she can't open jars anymore",
            "weakness"
        ),
        ("opening", "I'm 55, started HRT a fortnight ago and now my calf twitches", "new_medication"),
        ("urgent", "no, but I had to cough and cough to get my tea down this morning", "speech_or_swallowing"),
        ("sleep", "6, I'd sleep more but the twitch goes all night without a single break", "persistent"),
    ])
    func signsOfSetsAVAndAW(question: String, answer: String, sign: String) {
        let found = Self.signs(after: answer, at: question, has: sign)
        #expect(BlindSet.recalls(sign, in: found), "\(answer)")
    }

    @Test(arguments: [
        [
            "opening":
                "calf twitching, no weakness no numbness. i had sciatica years back with pins and needles but that all went years ago"
        ],
        ["opening": "twitch in my shoulder", "locations": "right shoulder, the back of it"],
        [
            "opening":
                "69 year old here, my left calf has a twitch since yesterday. Had sciatica two years back but that cleared up"
        ],
    ])
    func benignCasesOfSetsAVAndAW(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }
}
