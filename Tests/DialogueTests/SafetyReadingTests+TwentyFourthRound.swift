import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind sets af and ag, both scored first, unchanged, on fee7074 (2026-11-29): af, sign recall 274 of
/// 282, 2 of 42 conversations that needed a doctor told self-care, 1 of 24 benign ones sent to a doctor; ag, 237 of
/// 241, none, none. Each test failed on that commit; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: ["na im good", "nah I'm good", "I'm alright"])
    func imGoodIsNoEmergency(answer: String) {
        let result = Self.play(["urgent": answer])
        #expect(result.case["urgent"]?.value == .yesNo(false), "\(answer)")
    }

    @Test func anAgeIsNotATime() {
        let result = Self.play([
            "opening":
                "asking for my 12 year old son, his eyelid has been twitching since the weekend. he's been gaming late"
        ])
        #expect(result.advice?.triage == .selfCare)
    }

    @Test(arguments: [
        (
            "new_medication", "my doctor put up the dose of my ADHD meds the week before, does that count?",
            "new_medication"
        ),
        (
            "opening",
            "I'm 81, my daughter is typing this. I have the twitching in my left arm and this morning I could not button "
                + "my shirt because my fingers would not grip", "weakness"
        ),
        ("opening", "Muscle twitch in my left calf every night in bed for about 3 weeks now", "persistent"),
        (
            "moving_and_resting", "Yes, when I'm using my arm and when it's just resting on the table",
            "moving_and_resting"
        ),
        (
            "new_medication", "maybe? I started an antihistamine around then, not sure which came first",
            "new_medication"
        ),
        ("new_medication", "yes, the new blood pressure one, it started right after", "new_medication"),
        (
            "stress", "No, I'm 19 and healthy. It's just that it twitches every second without ever stopping",
            "persistent"
        ),
        ("stress", "kind of? it's been a rough month, and this twitching has been there the whole month", "persistent"),
        ("caffeine", "1 can of Red Bull. i also feel like im gonna puke most of the day", "nausea"),
        ("opening", "Eyelid twitching 2 weeks?? maybe 3, I'm not sure", "persistent"),
        ("opening", "I have twitches in my calf, I'm on chemo which started 3 weeks ago", "new_medication"),
        ("opening", "my tongue. and it's harder to talk some days", "speech_or_swallowing"),
    ])
    func signsOfSetsAFAndAG(question: String, answer: String, sign: String) {
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }

    @Test(arguments: [
        ["moving_and_resting": "resting. can't really move much anyway because I've got a fever"],
        [
            "opening":
                "I have twitches in my calf, I'm on chemo which started 3 weeks ago, and the twitches began last week"
        ],
        [
            "opening":
                "I had a stroke scare 10 years ago (turned out to be a migraine). Now my left eyelid has been twitching "
                + "for 3 days"
        ],
        ["opening": "my eyelid twitches. this new one started Tuesday"],
    ])
    func notBothNotPersistentNotNew(answers: [String: String]) {
        let result = Self.play(answers)
        let found = BlindSet.signs(in: result.case)
        #expect(!found.contains("moving_and_resting") && !found.contains("persistent"), "\(answers)")
    }

    @Test func thisNewOneIsNotANewMedicine() {
        let result = Self.play(["opening": "my eyelid twitches. this new one started Tuesday"])
        #expect(result.case["new_medication"]?.value != .yesNo(true))
        #expect(!result.asked.contains("confirm_new_medication"))
    }
}
