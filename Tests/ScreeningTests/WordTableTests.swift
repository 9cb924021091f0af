import Testing

@testable import Screening

/// The word table agrees with `Dictionary` and `Set` on every word: ASCII words by its own hash, others (and
/// canonically equivalent spellings) as `String` compares them.
@Suite struct WordTableTests {
    let words = ["numb", "weak", "pins", "a", "", "numb", "twitching", "x\u{301}", "caf\u{e9}"]

    @Test func findsEachWordAtItsFirstPosition() {
        let table = WordTable(words)
        #expect(table.position(of: "numb") == 0)
        #expect(table.position(of: "weak") == 1)
        #expect(table.position(of: "a") == 3)
        #expect(table.position(of: "") == 4)
        #expect(table.position(of: "twitching") == 5)
        #expect(table.count == 8)
        #expect(table.words == ["numb", "weak", "pins", "a", "", "twitching", "x\u{301}", "caf\u{e9}"])
    }

    @Test(arguments: ["numbness", "nu", "b", "Numb", "pin", "weak ", "twitchinG", "zzzzzzzzzzzzzzzzzzzzzzzzzz"])
    func findsNoOtherWord(word: String) {
        #expect(WordTable(words).position(of: word) == nil)
    }

    @Test func comparesWordsThatAreNotASCIIAsStringDoes() {
        let table = WordTable(words)
        // "café" spelled with a combining accent is the same String as with "é".
        #expect(table.position(of: "cafe\u{301}") == 7)
        #expect(table.position(of: "x\u{301}") == 6)
        // The Kelvin sign is canonically "K": a table of ASCII words finds it as String does.
        let ascii = WordTable(["k", "K"])
        #expect(ascii.position(of: "\u{212A}") == ["k", "K"].firstIndex(of: "\u{212A}"))
    }

    @Test func agreesWithSetOnManyWords() {
        let many = (0..<2_000).map { "w\($0)" }
        let set = WordSet(many)
        let reference = Set(many)
        for probe in (0..<4_000).map({ "w\($0)" }) + ["", "w", "w-1", "ww1"] {
            #expect(set.contains(probe) == reference.contains(probe), "\(probe)")
        }
    }

    @Test func anEmptyTableFindsNothing() {
        #expect(WordTable([]).position(of: "numb") == nil)
        #expect(!WordSet([String]()).contains(""))
        let literal: WordSet = ["just", "really"]
        #expect(literal.contains("really"))
        #expect(!literal.contains("real"))
    }
}
