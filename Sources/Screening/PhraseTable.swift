/// A table of phrases (space-separated lower-case words) to values, matched on whole tokens, longest first.
package struct PhraseTable<Element: Sendable>: Sendable {
    /// One phrase.
    package struct Entry: Sendable {
        var words: [String]
        var value: Element
    }

    /// A phrase found in a token list.
    package struct Match {
        package var value: Element
        package var start: Int
        package var end: Int
    }

    private let byFirstWord: [String: [Entry]]
    /// Every word of every phrase, for the typo corrector.
    package let words: Set<String>

    package init(_ phrases: [(String, Element)]) {
        var byFirstWord: [String: [Entry]] = [:]
        var words: Set<String> = []
        for (phrase, value) in phrases {
            let tokens = Tokenizer.tokens(phrase)
            guard let first = tokens.first else { continue }
            byFirstWord[first, default: []].append(Entry(words: tokens, value: value))
            words.formUnion(tokens.filter(Tokenizer.isWord))
        }
        for (key, entries) in byFirstWord {
            byFirstWord[key] = entries.sorted { $0.words.count > $1.words.count }
        }
        self.byFirstWord = byFirstWord
        self.words = words
    }

    /// The longest phrase that starts at `index`.
    package func match(_ tokens: [String], at index: Int) -> Match? {
        guard index >= 0, index < tokens.count, let entries = byFirstWord[tokens[index]] else { return nil }
        for entry in entries where Self.matches(entry.words, tokens, at: index) {
            return Match(value: entry.value, start: index, end: index + entry.words.count)
        }
        return nil
    }

    /// The leftmost, then longest, phrase in `tokens`.
    package func firstMatch(_ tokens: [String], from start: Int = 0) -> Match? {
        var index = start
        while index < tokens.count {
            if let found = match(tokens, at: index) { return found }
            index += 1
        }
        return nil
    }

    /// Whether any phrase occurs in `tokens`.
    package func occurs(in tokens: [String]) -> Bool { firstMatch(tokens) != nil }

    /// The longest phrase anywhere in `tokens` (the first of equally long ones).
    package func longestMatch(in tokens: [String]) -> Match? {
        var best: Match?
        for index in tokens.indices {
            if let found = match(tokens, at: index), found.end - found.start > (best.map { $0.end - $0.start } ?? 0) {
                best = found
            }
        }
        return best
    }

    private static func matches(_ words: [String], _ tokens: [String], at index: Int) -> Bool {
        guard index + words.count <= tokens.count else { return false }
        for (offset, word) in words.enumerated() where tokens[index + offset] != word { return false }
        return true
    }
}
