import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind sets z and aa, both scored first, unchanged, on 7f86d5c (2026-11-29): z, sign recall 249 of 258,
/// 1 of 39 conversations that needed a doctor told self-care, 4 of 25 benign ones sent to a doctor; aa, 245 of 251,
/// none, 3 of 24. Each test failed on that commit; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: [
        "typing for my dad (81) - his right arm has been twitching for about two months and he cant grip the kettle",
        "My husband asked me to write. His tongue has been twitching and his speech has gone slurred this week",
    ])
    func whatIsSaidOfThePersonWrittenForIsTheirs(opening: String) {
        let result = Self.play(["opening": opening], truth: ["weakness", "speech_or_swallowing", "persistent"])
        #expect(result.advice?.triage != .selfCare, "\(opening)")
    }

    @Test func afterSayingItIsForAnotherTheirSignsAreTaken() {
        let result = Self.play(
            ["opening": "asking for my mum, her left eyelid keeps twitching", "other_symptoms": "she's been weaker"],
            truth: ["weakness"])
        #expect(Self.symptoms(result.case).contains(.weakness))
        // Without it, another person's sign is not the speaker's.
        let other = Self.play([
            "opening": "my left eyelid keeps twitching", "other_symptoms": "no. my mum has numbness in her hands",
        ])
        #expect(!Self.symptoms(other.case).contains(.numbness))
    }

    @Test func writingForAnotherIsSaidOnce() throws {
        let knowledge = Self.knowledge
        var interview = Interview(knowledge: knowledge, reader: Self.reader, today: Self.today)
        _ = interview.start()
        let actions = interview.received(text: "typing for my dad, his calf twitches since monday")
        let says = actions.compactMap { action -> String? in
            if case .say(let text) = action { return text }
            return nil
        }
        #expect(says.first == knowledge.messages[.forAnother])
        let later = interview.received(text: "no, he is fine, typing for my dad still")
        #expect(
            !later.contains { action in
                if case .say(let text) = action { return text == knowledge.messages[.forAnother] }
                return false
            })
    }

    @Test(arguments: [
        ["urgent": "no, I breathe good"],
        ["moving_and_resting": "when I am sitting, no when I walk"],
        ["moving_and_resting": "when i sit at computer yes, when i walk no"],
        ["moving_and_resting": "when I am sitting to read, when I am moving about I don't notice it"],
        ["other_symptoms": "nope, no headaches, nothing numb, nothing"],
        ["opening": "I have a twitch", "locations": "right shoulder, the back part"],
        [
            "opening":
                "My left calf twitches since I moved house on the weekend, carried heavy stuff up stairs all day"
        ],
        [
            "opening":
                "my right lower eyelid has been twitching since Tuesday. I thought I was having a stroke, but my "
                + "face looks normal in the mirror"
        ],
    ])
    func plainBenignWordsStaySelfCare(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
        #expect(!result.asked.contains("confirm_breathing"), "\(answers)")
    }

    @Test(arguments: [
        ("frequency", "it never really goes away"), ("episode_length", "its ongoing, doesnt really switch off"),
        ("opening", "twitching thigh, it never actually stops even for a minute"),
        ("new_medication", "nope. and btw its been going over a month now"),
    ])
    func neverGoingAwayIsPersistent(question: String, answer: String) {
        let result = Self.play([question: answer], truth: ["persistent"])
        #expect(result.advice?.triage == .seeDoctor, "\(answer)")
    }

    @Test(arguments: [
        [
            "sleep":
                "7 hrs. actually now i think about it, it twitches lying in bed at night and also when im carrying stuff"
        ],
        [
            "exercise":
                "Not at all, I'm on holiday. The twitching follows me though, lying on the beach and while I swim"
        ],
        ["opening": "my leg twitches nonstop even while im walking, its been going about 3 weeks"],
    ])
    func bothContextsAreHeard(answers: [String: String]) {
        let result = Self.play(answers, truth: ["moving_and_resting", "persistent"])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true), "\(answers)")
    }

    @Test func constantEvenAsITypeIsNotMoving() {
        let result = Self.play(["opening": "Right shoulder twitching constantly, it never stops, even as I type this"])
        #expect(result.case["moving_and_resting"]?.value != .yesNo(true))
    }

    @Test(arguments: [
        ("diet", "i try, but ive had no appetite and been sick twice", Symptom.vomiting),
        ("diet", "mostly pasta and ramen, student life. been chucking most of it up this week", Symptom.vomiting),
    ])
    func vomitingAfterADenialOfSomethingElse(question: String, answer: String, symptom: Symptom) {
        let result = Self.play([question: answer], truth: [symptom.rawValue])
        #expect(Self.symptoms(result.case).contains(symptom), "\(answer)")
    }

    @Test func aNewAntiepilepticIsANewMedicine() {
        let result = Self.play(
            ["new_medication": "i think the new antiepileptic? it might have started just after, cant remember"],
            truth: ["new_medication"])
        #expect(result.case["new_medication"]?.value == .yesNo(true))
    }

    @Test(arguments: [
        ("other_symptoms", "nothing helps the tingling in my hand", "tingling"),
        ("stress", "yes, nothing makes the numbness go away", "numbness"),
    ])
    func nothingThatHelpsDoesNotDenyTheSign(question: String, answer: String, sign: String) {
        // "nothing" denies ("nothing numb"), but not in "nothing helps …": the sign is still there.
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }
}
