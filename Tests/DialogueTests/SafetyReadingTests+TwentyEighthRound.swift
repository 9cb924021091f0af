import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind sets an and ao, both scored first, unchanged, on f03f044 (2026-11-29): an, sign recall 255 of
/// 259, none of 39 conversations that needed a doctor told self-care, 2 of 25 benign ones sent to a doctor; ao, 266 of
/// 269, 1 of 41, 2 of 23. Each test failed on f03f044; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: [
        // "all day" in a story is often, not without a break: how often is asked.
        ["opening": "new mum here, my eyelid twitches all day, baby is 2 weeks old, I'm exhausted"],
        ["opening": "bicep keeps twitching after my new push pull legs program lol, is this normal"],
        ["opening": "ugh my eye has been twitching since the move, boxes everywhere, no sleep"],
        ["new_medication": "only paracetamol now and then"],
    ])
    func benignCasesOfSetsANAndAO(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }

    @Test(arguments: [
        ("frequency", "every few minutes, all day, for weeks now", "persistent"),
        ("frequency", "its never stopped since it started", "persistent"),
        (
            "opening", "My husband asked me to write. His thigh has been twitching for weeks, well over a month",
            "persistent"
        ),
        (
            "moving_and_resting", "yes, it does it when he's walking and when he sits (asking for my grandad)",
            "moving_and_resting"
        ),
        (
            "opening", "yo so my arm twitches when i play and when i chill, doesnt matter, for like 5 days",
            "moving_and_resting"
        ),
        ("other_symptoms", "light touch on that skin hurts now, even my shirt rubbing on it", "sensation_change"),
    ])
    func signsOfSetsANAndAO(question: String, answer: String, sign: String) {
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }

    @Test func whatAMedicineIsForIsNotAPlace() {
        let result = Self.play(["new_medication": "started steroids for my back 5 days ago, then the twitching"])
        #expect(!BlindSet.signs(in: result.case).contains("multiple_areas"))
        #expect(BlindSet.signs(in: result.case).contains("new_medication"))
    }

    @Test func forWeeksAsksWhetherItIsMoreThanTwoWeeks() {
        let result = Self.play(["opening": "my calf has been twitching for weeks"])
        #expect(result.asked.contains(Interview.confirmPrefix + Interview.longerCheck))
        let counted = Self.play(["opening": "my calf has been twitching for 2 weeks"])
        #expect(!counted.asked.contains(Interview.confirmPrefix + Interview.longerCheck))
    }

    @Test func nearlyThrewUpIsNauseaNotVomiting() {
        let result = Self.play(["opening": "My back muscle twitches, nearly threw up this morning"])
        #expect(Self.symptoms(result.case).contains(.nausea))
        #expect(!Self.symptoms(result.case).contains(.vomiting))
    }
}
