import Foundation
import Testing

@testable import Assessment

@Suite struct KnowledgeTests {
    let knowledge = try! Knowledge.embedded()

    @Test func questionIDsAreThePublicContract() {
        #expect(
            knowledge.questions.map(\.id) == [
                "opening", "urgent", "onset", "episode_length", "locations", "same_place", "frequency",
                "moving_and_resting", "other_symptoms", "new_medication", "new_condition", "stress", "caffeine",
                "sleep", "hydration", "diet", "exercise",
            ])
    }

    @Test func redFlagsAreTheArticlesEightAndSpeechOrSwallowing() {
        #expect(
            knowledge.redFlags.map(\.id) == [
                "persistent", "moving_and_resting", "multiple_areas", "weakness_or_muscle_loss", "sensation_change",
                "speech_or_swallowing", "new_medication", "new_condition", "fever_headache_nausea",
            ])
        #expect(knowledge.emergency.id == "breathing_or_swallowing")
        #expect(knowledge.redFlags.allSatisfy { $0.urgency != nil })
        #expect(
            knowledge.redFlags.filter { $0.id != "speech_or_swallowing" }.allSatisfy {
                $0.source == "article-when-to-see"
            })
        #expect(knowledge.redFlags.first { $0.id == "speech_or_swallowing" }?.source == "nhs-mnd")
    }

    @Test func renamingAQuestionTheReaderReliesOnFailsToLoad() {
        let renamed = Knowledge.embeddedText.replacingOccurrences(of: "id: other_symptoms", with: "id: symptoms_else")
            .replacingOccurrences(of: "question: other_symptoms", with: "question: symptoms_else")
        #expect(throws: KnowledgeError.self) { try Knowledge(yaml: renamed, file: "k.yaml") }
        do {
            _ = try Knowledge(yaml: renamed, file: "k.yaml")
        } catch {
            #expect(error.description.contains("other_symptoms"))
        }
    }

    @Test func aSignWithABadPhraseNamesItsLine() {
        let broken = Knowledge.embeddedText.replacingOccurrences(of: "\"legs like jelly\"", with: "\"legs' jelly\"")
        do {
            _ = try Knowledge(yaml: broken, file: "k.yaml")
            Issue.record("a phrase with an apostrophe was accepted")
        } catch {
            #expect(error.description.hasPrefix("k.yaml:"))
            #expect(error.description.contains("legs' jelly"))
        }
    }

    @Test func combinationsOnlySuggestEveryPair() throws {
        let weakness = try #require(knowledge.signs.first { $0.id == "weakness" })
        let pair = weakness.phrases.first { $0.words == ["cannot", "*", "lift"] }
        #expect(pair?.suggestsOnly == true)
        #expect(weakness.phrases.contains { $0.words == ["struggling", "to", "*", "climb"] })
        // A combination part that is itself a suggestion or has a gap is refused, with its line.
        let broken = Knowledge.embeddedText.replacingOccurrences(of: "then: [\"lift\",", with: "then: [\"?lift\",")
        #expect(broken != Knowledge.embeddedText)
        do {
            _ = try Knowledge(yaml: broken, file: "k.yaml")
            Issue.record("a combination part marked ? was accepted")
        } catch {
            #expect(error.description.hasPrefix("k.yaml:"))
            #expect(error.description.contains("?lift"))
        }
    }

    @Test func causesAreTheArticlesElevenAndNeuropathy() {
        #expect(
            Set(knowledge.causes.map(\.id)) == [
                "stress", "caffeine", "sleep", "dehydration", "nutrition", "exercise", "medication", "nervous_system",
                "nerve_damage", "autoimmune", "hormonal", "pinched_nerve",
            ])
    }

    @Test func everyItemCitesAListedSource() {
        let rules =
            knowledge.redFlags + knowledge.causes + knowledge.homeCare + knowledge.doctor + [knowledge.emergency]
        for rule in rules {
            #expect(knowledge.sources[rule.source] != nil, "\(rule.id)")
        }
        for question in knowledge.questions {
            #expect(knowledge.sources[question.source] != nil, "\(question.id)")
            #expect(!question.why.isEmpty)
        }
    }

    @Test func everyMessageIsDefined() {
        for key in Messages.Key.allCases {
            #expect(knowledge.messages[key] != key.rawValue, "\(key)")
        }
    }

    /// A broken copy of the built-in file: (what to replace, with what, the line expected, words of the message).
    static let brokenFiles: [(String, String, Int?, String)] = [
        ("version: 1", "version: 2", 8, "unsupported version 2"),
        (
            "question: onset\n          more_than: 14", "question: onsett\n          more_than: 14", nil,
            "question onsett"
        ),
        ("    kind: days_ago", "    kind: date", nil, "unknown kind \"date\""),
        (
            "source: article-causes\n    when:\n      question: stress",
            "source: nowhere\n    when:\n      question: stress",
            nil, "source nowhere"
        ),
        ("includes_any: [weakness, muscle_loss]", "includes_any: [weakness, muscle_wasting]", nil, "unknown symptom"),
        ("      more_than: 14", "      more_than: fourteen", nil, "expected a number"),
        ("  goodbye: \"Take care.\"\n", "", nil, "missing `goodbye`"),
        ("  - id: urgent\n", "  - id: opening\n", nil, "defined twice"),
        ("    example: \"no\"\n", "    example: \"no\"\n    colour: red\n", nil, "unknown key `colour`"),
        ("          is: continuous", "          is: forever", nil, "only be `continuous`"),
        ("      question: sleep\n      less_than: 7", "      question: stress\n      less_than: 7", nil, "cannot test"),
        ("questions:\n", "questions: [\n", nil, "YAML syntax"),
        ("places_at_least: 2", "places_at_least: 1e300", nil, "whole number"),
        ("      more_than: 14", "      more_than: .nan", nil, "expected a number"),
    ]

    @Test(arguments: brokenFiles)
    func brokenFileIsRefusedWithItsLine(change: (String, String, Int?, String)) throws {
        let text = Knowledge.embeddedText
        #expect(text.contains(change.0), "the built-in file no longer holds \(change.0)")
        let broken = text.replacing(change.0, with: change.1, maxReplacements: 1)
        let error = #expect(throws: KnowledgeError.self) { try Knowledge(yaml: broken, file: "broken.yaml") }
        #expect(error?.file == "broken.yaml")
        #expect(error?.message.contains(change.3) == true, "\(error?.message ?? "")")
        if let line = change.2 { #expect(error?.line == line) }
        // The line points into the file, at or near the change.
        let lineCount = broken.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect((1...lineCount).contains(error?.line ?? 0), "line \(error?.line ?? 0) of \(lineCount)")
        #expect(error?.description.hasPrefix("broken.yaml:") == true)
    }

    @Test func emptyFileIsRefused() {
        #expect(throws: KnowledgeError.self) { try Knowledge(yaml: "", file: "empty.yaml") }
        #expect(throws: KnowledgeError.self) { try Knowledge(yaml: "- a list", file: "list.yaml") }
    }
}
