import Foundation
import Testing

@testable import Assessment

/// The advice a worried person reads (issue 9): how soon, when to come back, what could not be checked, and
/// content that says what its sources say.
@Suite struct AdviceTests {
    let knowledge = try! Knowledge.embedded()

    func calm(with changes: [String: Value?]) -> Case { RulesTests.calm(with: changes) }

    // MARK: How soon

    /// (answers changed from the calm case, the urgency expected).
    static let urgencyCases: [([String: Value?], Urgency)] = [
        ([:], .selfCare),
        (["onset": .daysAgo(21)], .gpRoutine),
        (["new_medication": .yesNo(true)], .gpRoutine),
        (["other_symptoms": .symptoms([.weakness])], .gpWithinDays),
        (["other_symptoms": .symptoms([.numbness])], .gpWithinDays),
        (["other_symptoms": .symptoms([.vomiting])], .gpWithinDays),
        (
            [
                "onset": .daysAgo(21), "moving_and_resting": .yesNo(true),
                "locations": .sites([Site(.arm), Site(.leg)]),
            ], .gpWithinDays
        ),
        (["urgent": .yesNo(true)], .emergency),
    ]

    @Test(arguments: urgencyCases)
    func eachOutcomeHasADispositionWithATimeFrame(change: ([String: Value?], Urgency)) {
        let advice = knowledge.advice(for: calm(with: change.0))
        #expect(advice.disposition.urgency == change.1)
        #expect(advice.triage == change.1.triage)
        #expect(!advice.disposition.action.isEmpty)
        #expect(!advice.disposition.sources.isEmpty)
        #expect(advice.headline == advice.disposition.headline)
    }

    @Test func oneSignAndFourSignsDoNotGetTheSameAdvice() {
        let one = knowledge.advice(for: calm(with: ["onset": .daysAgo(21)]))
        let four = knowledge.advice(
            for: calm(with: [
                "onset": .daysAgo(21), "other_symptoms": .symptoms([.weakness, .muscleLoss]),
                "locations": .sites([Site(.arm), Site(.leg)]), "moving_and_resting": .yesNo(true),
            ]))
        #expect(one.headline != four.headline)
        #expect(four.headline.contains("within the next few days"))
        #expect(one.disposition.sources.contains { $0.contains("NHS") })
    }

    @Test func theDispositionIsInTheJSON() throws {
        let advice = knowledge.advice(for: calm(with: ["other_symptoms": .symptoms([.weakness])]))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(advice)) as? [String: Any]
        let urgency = json?["urgency"] as? [String: Any]
        #expect(urgency?["id"] as? String == "gp_within_days")
        #expect((urgency?["action"] as? String)?.contains("few days") == true)
        #expect((urgency?["sources"] as? [String])?.isEmpty == false)
    }

    // MARK: When to come back

    @Test func selfCareSaysWhenToComeBackWithADate() throws {
        let advice = knowledge.advice(for: calm(with: ["onset": .daysAgo(3)]), dayName: { "day+\($0)" })
        let watch = try #require(advice.watchFor)
        #expect(watch.contains("after day+11 (two weeks after it started)"))
        #expect(watch.contains("weakness, numbness or twitching in other places, see a GP"))
    }

    @Test func withoutADateTheSafetyNetSaysItInDays() throws {
        let advice = knowledge.advice(for: calm(with: ["onset": .daysAgo(3)]))
        #expect(try #require(advice.watchFor).contains("in 11 days (two weeks after it started)"))
        let unknownStart = knowledge.advice(for: calm(with: ["onset": nil]))
        #expect(try #require(unknownStart.watchFor).contains("two weeks after it started"))
    }

    @Test func seeADoctorAlsoSaysWhatToDoBeforeThen() throws {
        let advice = knowledge.advice(for: calm(with: ["onset": .daysAgo(21)]))
        #expect(try #require(advice.watchFor).contains("emergency number"))
    }

    // MARK: Unknown is not reassurance

    @Test func anUnknownEmergencyScreenIsNeverReassurance() {
        let advice = knowledge.advice(for: calm(with: ["urgent": nil]))
        #expect(!advice.headline.contains("Nothing you told me needs a doctor"))
        #expect(advice.unchecked.map(\.id) == ["breathing_or_swallowing"])
        #expect(advice.unchecked.first?.text.contains("call your local emergency number now") == true)
        #expect(advice.notKnown.map(\.question) == ["urgent"])
        #expect(advice.tellDoctor.contains("Trouble breathing or swallowing now: not known"))
        #expect(
            knowledge.summary(of: calm(with: ["urgent": nil])).contains(
                "Trouble breathing or swallowing now: not known"))
    }

    @Test func anUnknownSignQuestionNamesEachSignAndWhatToDo() {
        let advice = knowledge.advice(for: calm(with: ["other_symptoms": nil]))
        #expect(!advice.headline.contains("Nothing you told me needs a doctor"))
        #expect(
            advice.unchecked.map(\.id) == [
                "weakness_or_muscle_loss", "sensation_change", "speech_or_swallowing", "fever_headache_nausea",
            ])
        #expect(advice.unchecked.allSatisfy { $0.text.contains("GP") })
        #expect(advice.unchecked.allSatisfy { $0.because.map(\.question) == ["other_symptoms"] })
    }

    @Test func aSignThatAppliedIsNotAlsoUnchecked() {
        let advice = knowledge.advice(
            for: calm(with: ["onset": nil, "episode_length": .episode(.continuous)]))
        #expect(advice.redFlags.map(\.id) == ["persistent"])
        #expect(advice.unchecked.isEmpty)
    }

    @Test func theEmergencyAnswerIsToldToTheDoctor() {
        let advice = knowledge.advice(for: RulesTests.answers(RulesTests.calm))
        #expect(advice.tellDoctor.contains("Trouble breathing or swallowing now: said for urgent"))
        #expect(advice.unchecked.isEmpty)
        #expect(advice.headline.contains("Nothing you told me needs a doctor"))
    }

    // MARK: Content true to its sources

    @Test func theSelfCareHeadlineKeepsTheArticlesHedges() {
        let headline = knowledge.advice(for: RulesTests.answers(RulesTests.calm)).headline
        #expect(!headline.contains("harmless"))
        #expect(headline.contains("common and normal, and often go away"))
    }

    @Test func exerciseIsAnAdditionalCause() {
        let advice = knowledge.advice(for: calm(with: ["exercise": .yesNo(true)]))
        let text = advice.causes.first { $0.id == "exercise" }?.text ?? ""
        #expect(text.contains("additional causes"))
        #expect(!text.contains("common cause"))
    }

    @Test func theDoctorMayLookForTheNervousSystemCausesTheArticleNames() {
        let weak = knowledge.advice(for: calm(with: ["other_symptoms": .symptoms([.weakness])]))
        let doctor = weak.doctorMayDo.map(\.text).joined(separator: " ")
        for name in ["neuropathy", "myopathy", "spinal muscular atrophy"] { #expect(doctor.contains(name)) }
        let numb = knowledge.advice(for: calm(with: ["other_symptoms": .symptoms([.numbness])]))
        #expect(numb.causes.contains { $0.id == "nerve_damage" && $0.text.contains("Neuropathy") })
        let onlyLong = knowledge.advice(for: calm(with: ["onset": .daysAgo(30)]))
        #expect(!onlyLong.doctorMayDo.map(\.text).joined().contains("neuropathy"))
    }

    @Test func soreMusclesGetTheArticlesWholePreventionList() {
        let advice = knowledge.advice(
            for: calm(with: ["exercise": .yesNo(true), "other_symptoms": .symptoms([.soreness])]))
        let doms = advice.homeCare.first { $0.id == "doms" }?.text ?? ""
        for step in ["compression", "hydrated", "protein", "magnesium", "omega-3", "certified trainer"] {
            #expect(doms.contains(step), "\(step)")
        }
    }

    @Test func theCaffeineLineSaysItIsOurChoice() {
        let advice = knowledge.advice(for: calm(with: ["caffeine": .drinksPerDay(4)]))
        let text = advice.causes.first { $0.id == "caffeine" }?.text ?? ""
        #expect(!text.contains("Four or more drinks a day is around 400 mg"))
        #expect(text.contains("our own"))
        #expect(text.contains("FDA"))
    }

    @Test func notAlwaysInTheSamePlaceIsTwitchingInSeveralPlaces() {
        let advice = knowledge.advice(for: calm(with: ["same_place": .yesNo(false)]))
        #expect(advice.redFlags.map(\.id) == ["multiple_areas"])
        #expect(advice.redFlags.first?.because.map(\.question) == ["same_place"])
        #expect(advice.redFlags.first?.sources.contains { $0.contains("more than 1 place") } == true)
    }

    @Test func dailyExerciseIsNotAdvisedWithWeakness() {
        for symptom in [Symptom.weakness, .muscleLoss] {
            let advice = knowledge.advice(for: calm(with: ["other_symptoms": .symptoms([symptom])]))
            #expect(!advice.homeCare.contains { $0.id == "exercise_daily" })
        }
        let unknown = knowledge.advice(for: calm(with: ["other_symptoms": nil]))
        #expect(!unknown.homeCare.contains { $0.id == "exercise_daily" }, "weakness could not be ruled out")
        #expect(
            knowledge.advice(for: RulesTests.answers(RulesTests.calm)).homeCare.contains { $0.id == "exercise_daily" })
    }

    /// (what the person said to "newly diagnosed?", the causes expected).
    static let diagnosisCases: [(String, Set<String>)] = [
        ("yes, lupus", ["autoimmune"]),
        ("yes, multiple sclerosis last month", ["autoimmune"]),
        ("coeliac disease", ["autoimmune"]),
        ("an underactive thyroid", ["hormonal"]),
        ("yes, Graves' disease", ["autoimmune", "hormonal"]),
        ("yes, asthma", []),
        ("ankylosing spondylitis, from the WordNet vocabulary", ["autoimmune"]),
        ("Cushing's syndrome", ["hormonal"]),
        ("kidney disease", []),
        ("yes", []),
    ]

    @Test(arguments: diagnosisCases)
    func aNewDiagnosisNamesOnlyTheCausesOfItsKind(said: String, causes: Set<String>) {
        var answers = RulesTests.answers(RulesTests.calm)
        answers["new_condition"] = Answer(said: said, value: .yesNo(true))
        let advice = knowledge.advice(for: answers)
        #expect(Set(advice.causes.map(\.id)) == causes)
        #expect(advice.redFlags.map(\.id) == ["new_condition"], "the sign stands alone otherwise")
    }

    // MARK: The knowledge file

    @Test func aRedFlagWithoutAnUrgencyIsRefusedWithItsLine() {
        let text = Knowledge.embeddedText.replacingOccurrences(
            of: "    urgency: gp_routine\n    if_unknown: \"I couldn't check whether it happens both",
            with: "    if_unknown: \"I couldn't check whether it happens both")
        #expect(text != Knowledge.embeddedText)
        #expect(throws: KnowledgeError.self) { try Knowledge(yaml: text, file: "k.yaml") }
        do {
            _ = try Knowledge(yaml: text, file: "k.yaml")
        } catch {
            #expect(error.message.contains("urgency"))
            #expect(error.line > 1)
        }
    }

    @Test func anUnknownKindOfDiagnosisIsRefused() {
        let text = Knowledge.embeddedText.replacingOccurrences(
            of: "names_any: [hormonal]", with: "names_any: [glandular]")
        do {
            _ = try Knowledge(yaml: text, file: "k.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("glandular"))
        }
    }

    @Test func aMissingDispositionIsRefused() {
        let text = Knowledge.embeddedText.replacingOccurrences(of: "  gp_routine:\n", with: "  gp_rootine:\n")
        #expect(throws: KnowledgeError.self) { try Knowledge(yaml: text, file: "k.yaml") }
    }
}
