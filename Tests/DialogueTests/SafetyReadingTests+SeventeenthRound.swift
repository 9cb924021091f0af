import Assessment
import Screening
import Testing

@testable import Dialogue

/// Misses that recur across the blind sets b to w, read together on 2026-11-29: a hedged "both" at the question on
/// moving and resting (seven sets), twitching both when moving and resting said at another question, and a hedged
/// time near two weeks (five sets). Each test failed on 160cf12; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: [
        "I think both? not sure", "not sure, I guess both?", "I think so? not sure I notice it while moving",
        "I think both? not certain",
    ])
    func aHedgedBothIsConfirmed(answer: String) {
        let result = Self.play(["moving_and_resting": answer], truth: ["moving_and_resting"])
        #expect(result.asked.contains("confirm_moving_and_resting"), "\(answer)")
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true), "\(answer)")
        // A no to the confirming question is a no, and the advice stays self-care.
        let denied = Self.play(["moving_and_resting": answer])
        #expect(denied.case["moving_and_resting"]?.value == .yesNo(false), "\(answer)")
        #expect(denied.advice?.triage == .selfCare, "\(answer)")
    }

    @Test(arguments: ["not sure", "I'm not sure, maybe only when resting", "not both, I think"])
    func aDoubtThatDoesNotLeanToBothIsNotConfirmed(answer: String) {
        let result = Self.play(["moving_and_resting": answer])
        #expect(!result.asked.contains("confirm_moving_and_resting"), "\(answer)")
        #expect(result.advice?.triage == .selfCare, "\(answer)")
    }

    @Test func notSureGetsAConcreteQuestion() throws {
        let question = try #require(Self.knowledge.question("moving_and_resting"))
        let text = try #require(question.ifUnsure)
        var asked: [String] = []
        _ = BlindSet.play(knowledge: Self.knowledge, reader: Self.reader, today: Self.today) { prompt, _ in
            if prompt.id == "moving_and_resting" {
                asked.append(prompt.text)
                return "not sure"
            }
            return Self.calm[prompt.id] ?? "no"
        }
        #expect(asked == [question.text, text])
    }

    @Test(arguments: [
        ["sleep": "6 hours, and the twitching is there day and night whether I'm up or lying down"],
        ["caffeine": "about 3 cups, but I wanted to say my forearm twitches whether I'm using it or not"],
        ["exercise": "walking only, and it twitches while I walk and while I sit"],
    ])
    func bothSaidAtAnotherQuestionIsTaken(answers: [String: String]) {
        let result = Self.play(answers, truth: ["moving_and_resting"])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true), "\(answers)")
    }

    @Test(arguments: [
        "a fortnight or so", "maybe 2 weeks? could be longer, I ignored it at first",
        "dunno exactly, a couple of weeks ish?",
        "not sure, maybe a week, maybe two",
    ])
    func aHedgedTimeNearTwoWeeksAsksIfItIsMore(answer: String) {
        let result = Self.play(["onset": answer], truth: ["persistent"])
        #expect(result.asked.contains("confirm_longer"), "\(answer)")
        #expect(result.advice?.triage == .seeDoctor, "\(answer)")
        // No keeps it under two weeks, and self-care.
        let under = Self.play(["onset": answer])
        #expect(under.advice?.triage == .selfCare, "\(answer)")
    }

    @Test(arguments: ["2 weeks ago", "10 days ago", "about 3 days ago"])
    func aPlainOrShortTimeIsNotAsked(answer: String) {
        let result = Self.play(["onset": answer])
        #expect(!result.asked.contains("confirm_longer"), "\(answer)")
    }

    @Test func couldBeThreeIsTheLongerOfTwo() {
        let result = Self.play(["onset": "Tough to say, could be 2 weeks could be 3"])
        #expect(result.case["onset"]?.value == .daysAgo(21))
    }
}
