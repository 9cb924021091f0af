import Foundation
import Testing

@testable import Assessment

@Suite struct LexiconTests {
    let lexicon = Lexicon.embedded

    @Test func theEmbeddedLexiconLoads() {
        #expect(lexicon.englishWordCount > 50_000)
        #expect(lexicon.medicines.count > 10_000)
        #expect(lexicon.conditions.count > 1_000)
        #expect(!lexicon.triggers.isEmpty)
    }

    /// Issue 8, class 5: typo correction turned these real words into body parts.
    @Test(arguments: ["skin", "heck", "spin", "switched", "bottom", "lid", "Skin", "HECK"])
    func realWordsAreEnglish(_ word: String) {
        #expect(lexicon.isEnglishWord(word))
    }

    @Test(arguments: ["twichting", "calff", "", "skin ", "sk-in", "ſkin", "zzzzzzzz", "a\u{301}"])
    func typosAndNonWordsAreNotEnglish(_ word: String) {
        #expect(!lexicon.isEnglishWord(word))
    }

    @Test func everyListedWordIsFoundAndItsNeighboursAreNot() throws {
        let words = LexiconText.englishWords.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        #expect(lexicon.englishWords() == words)
        let listed = Set(words)
        let missed = words.filter { !lexicon.isEnglishWord($0) }
        let wrong = words.map { $0 + "q" }.filter { lexicon.isEnglishWord($0) != listed.contains($0) }
        #expect(missed.isEmpty)
        #expect(wrong.isEmpty)
    }

    @Test func substringsAreLookedUp() {
        let text = "my bottom lid"
        #expect(text.split(separator: " ").allSatisfy { lexicon.isEnglishWord($0) })
    }

    @Test func medicinesKnowWhichAreAlsoEverydayWords() {
        #expect(lexicon.medicines["lithium"] == true)
        #expect(lexicon.medicines["sertraline"] == false)
        #expect(lexicon.medicines["salbutamol"] == false)
        #expect(lexicon.medicines["zoloft"] == false)
        #expect(lexicon.medicines["skin"] == nil)
    }

    @Test func conditionsHaveTheirKinds() {
        #expect(lexicon.conditions["lupus"] == .autoimmune)
        #expect(lexicon.conditions["systemic lupus erythematosus"] == .autoimmune)
        #expect(lexicon.conditions["coeliac disease"] == .autoimmune)
        #expect(lexicon.conditions["hypothyroidism"] == .hormonal)
        #expect(lexicon.conditions["diabetes"] == .hormonal)
        #expect(lexicon.conditions["asthma"] == .other)
        #expect(lexicon.conditions["stress"] == nil)
        #expect(lexicon.conditions["anxiety"] == nil)
    }

    @Test func triggersCoverNegationHedgesAndScopeEnds() {
        let triggers = Set(lexicon.triggers)
        #expect(triggers.contains(Trigger(term: "no", category: .precedingNegation)))
        #expect(triggers.contains(Trigger(term: "but", category: .termination)))
        #expect(triggers.contains(Trigger(term: "apart from", category: .termination)))
        #expect(triggers.contains(Trigger(term: "might be", category: .precedingPossible)))
        #expect(triggers.contains(Trigger(term: "mother", category: .otherExperiencer)))
        #expect(triggers.contains(Trigger(term: "no change", category: .pseudo)))
    }

    /// Lexicon+Text.swift is what the binary holds; it must be the files in Lexicon/.
    @Test(arguments: [
        (LexiconText.englishWords, Lexicon.FileName.englishWords), (LexiconText.medicines, Lexicon.FileName.medicines),
        (LexiconText.conditions, Lexicon.FileName.conditions), (LexiconText.triggers, Lexicon.FileName.triggers),
    ])
    func theEmbeddedTextIsTheFile(_ embedded: String, _ file: String) throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Assessment/Lexicon")
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        #expect(embedded + "\n" == text, "run scripts/generate-lexicons --embed-only")
    }

    // MARK: Validation

    private func load(
        words: String = "a\nb\n", medicines: String = "aspirin\t0\n", conditions: String = "asthma\tother\n",
        triggers: String = "no\tpreceding_negation\n"
    ) throws(KnowledgeError) -> Lexicon {
        try Lexicon(englishWords: words, medicines: medicines, conditions: conditions, triggers: triggers)
    }

    @Test func commentsAndBlankLinesAreSkipped() throws {
        let lexicon = try load(words: "# source\n#\nbee\n\ncat\n", medicines: "# licence\naspirin\t0\n")
        #expect(lexicon.englishWordCount == 2)
        #expect(lexicon.isEnglishWord("cat"))
        #expect(!lexicon.isEnglishWord("ca"))
        #expect(!lexicon.isEnglishWord("cats"))
        #expect(lexicon.medicines == ["aspirin": false])
    }

    @Test(arguments: [
        ("# header\nlupus autoimmune\n", "conditions.tsv:2: 1 column; expected 2, separated by tabs"),
        (
            "lupus\tautoimune\n",
            "conditions.tsv:1: unknown kind \"autoimune\"; expected one of autoimmune, hormonal, other"
        ),
        (
            "asthma\tother\nLupus\tautoimmune\n",
            "conditions.tsv:2: bad name \"Lupus\"; expected lower-case letters a-z with single spaces or hyphens between words"
        ),
        ("asthma\tother\nasthma\tother\n", "conditions.tsv:2: duplicate condition \"asthma\""),
        (
            "kidney  disease\tother\n",
            "conditions.tsv:1: bad name \"kidney  disease\"; expected lower-case letters a-z with single spaces or hyphens between words"
        ),
    ])
    func aMalformedConditionLineNamesItsFileAndLine(_ text: String, _ expected: String) {
        let error = #expect(throws: KnowledgeError.self) { try load(conditions: text) }
        #expect(error?.description == expected)
    }

    @Test func aMalformedLineInEachFileNamesItsFileAndLine() {
        let words = #expect(throws: KnowledgeError.self) { try load(words: "# x\nbee\nant\n") }
        #expect(words?.description.hasPrefix("english-words.txt:3: \"ant\" is out of order") == true)
        let upper = #expect(throws: KnowledgeError.self) { try load(words: "Bee\n") }
        #expect(upper?.description.hasPrefix("english-words.txt:1:") == true)
        let medicine = #expect(throws: KnowledgeError.self) { try load(medicines: "aspirin\tyes\n") }
        #expect(medicine?.description == "medicines.tsv:1: the english column is \"yes\"; expected 0 or 1")
        let trigger = #expect(throws: KnowledgeError.self) { try load(triggers: "no\tnegation\n") }
        #expect(trigger?.description == "negation-triggers.tsv:1: unknown category \"negation\"")
        let named = #expect(throws: KnowledgeError.self) {
            try Lexicon(
                englishWords: "a\n", medicines: "X\t0\n", conditions: "", triggers: "",
                medicinesFile: "Lexicon/medicines.tsv")
        }
        #expect(named?.file == "Lexicon/medicines.tsv")
    }
}
