import Testing

@testable import Screening

/// The phrase table: longest first, whole tokens, and the quick first-word filter never hides a phrase.
@Suite struct PhraseTableTests {
    let long = String(repeating: "a", count: 35)

    var table: PhraseTable<Int> {
        PhraseTable([
            ("pins and needles", 1), ("pins", 2), ("électrique", 3), (long, 4), ("x", 5), ("gives way", 6),
            ("gives way a lot", 7),
        ])
    }

    @Test(arguments: [
        ("my fingers have pins and needles", 1), ("a pins b", 2), ("c'est électrique", 3), ("x", 5),
        ("it gives way", 6), ("it gives way a lot", 7),
    ])
    func findsEachPhrase(text: String, value: Int) {
        #expect(table.longestMatch(in: Tokenizer.tokens(text))?.value == value)
    }

    @Test func findsALongWord() {
        let tokens = Tokenizer.tokens("so \(long) here")
        #expect(table.firstMatch(tokens)?.value == 4)
        #expect(table.firstMatch(tokens)?.start == 1)
    }

    @Test func ignoresWordsThatOnlyShareAFirstLetterOrLength() {
        for text in ["pint and needles", "gives", "way", "piny", "electriqu", "y", String(repeating: "a", count: 34)] {
            #expect(!table.occurs(in: Tokenizer.tokens(text)), "\(text)")
        }
    }

    @Test func matchesAtAnIndexOnly() {
        let tokens = Tokenizer.tokens("pins and needles")
        #expect(table.match(tokens, at: 0)?.end == 3)
        #expect(table.match(tokens, at: 1) == nil)
        #expect(table.match(tokens, at: -1) == nil)
        #expect(table.match(tokens, at: 3) == nil)
    }
}
