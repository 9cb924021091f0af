/// A table of phrases (space-separated lower-case words) to values, matched on whole tokens, longest first.
///
/// The search is done by ``PhraseIndex``, which is not generic, so that a look-up from another module costs no
/// generic metadata; only a phrase found is turned into a ``Match`` with its value.
public struct PhraseTable<Element: Sendable>: Sendable {
    /// A phrase found in a token list.
    public struct Match {
        public var value: Element
        public var start: Int
        public var end: Int

        @inlinable public init(value: Element, start: Int, end: Int) {
            self.value = value
            self.start = start
            self.end = end
        }
    }

    @usableFromInline let index: PhraseIndex
    /// The value of each phrase, by its position in the phrases given.
    @usableFromInline let values: [Element]
    /// Every word of every phrase, for the typo corrector.
    package var words: Set<String> { index.words }

    package init(_ phrases: [(String, Element)]) {
        index = PhraseIndex(phrases.map(\.0))
        values = phrases.map(\.1)
    }

    // The look-ups are inlinable so that each module specializes them for its element type.

    @inlinable func match(_ found: PhraseIndex.Found?) -> Match? {
        guard let found else { return nil }
        return Match(value: values[found.phrase], start: found.start, end: found.end)
    }

    /// The longest phrase that starts at `index`.
    @inlinable public func match(_ tokens: [String], at index: Int) -> Match? {
        match(self.index.match(tokens, at: index))
    }

    /// The leftmost, then longest, phrase in `tokens`.
    @inlinable public func firstMatch(_ tokens: [String], from start: Int = 0) -> Match? {
        match(index.firstMatch(tokens, from: start))
    }

    /// Whether any phrase occurs in `tokens`.
    @inlinable public func occurs(in tokens: [String]) -> Bool { index.firstMatch(tokens, from: 0) != nil }

    /// The longest phrase anywhere in `tokens` (the first of equally long ones).
    @inlinable public func longestMatch(in tokens: [String]) -> Match? {
        match(index.longestMatch(in: tokens))
    }
}

/// The phrases of a ``PhraseTable``, indexed by first word; a match names the phrase by its position.
public struct PhraseIndex: Sendable {
    /// A phrase found: its position in the phrases given, and the tokens it covers.
    public struct Found: Sendable {
        public var phrase: Int
        public var start: Int
        public var end: Int
    }

    private struct Entry: Sendable {
        var words: [String]
        var phrase: Int
    }

    /// The first words of the phrases, and the phrases of each (by its position there), longest first.
    private let firstWords: WordTable
    private let byFirstWord: [[Entry]]
    /// Every word of every phrase.
    package let words: Set<String>
    /// A quick filter before hashing a token: the first bytes (one bit per byte value below 128, bit 0 for any
    /// other) and the lengths (one bit per length up to 63, bit 0 for longer) of the phrases' first words.
    private let firstBytes: (UInt64, UInt64)
    private let firstLengths: UInt64

    package init(_ phrases: [String]) {
        var byFirstWord: [String: [Entry]] = [:]
        var words: Set<String> = []
        for (position, phrase) in phrases.enumerated() {
            let tokens = Tokenizer.tokens(phrase)
            guard let first = tokens.first else { continue }
            byFirstWord[first, default: []].append(Entry(words: tokens, phrase: position))
            words.formUnion(tokens.filter(Tokenizer.isWord))
        }
        for (key, entries) in byFirstWord {
            byFirstWord[key] = entries.sorted { $0.words.count > $1.words.count }
        }
        let firstWords = WordTable(Array(byFirstWord.keys))
        self.firstWords = firstWords
        self.byFirstWord = firstWords.words.map { byFirstWord[$0] ?? [] }
        self.words = words
        var firstBytes: (UInt64, UInt64) = (0, 0)
        var firstLengths: UInt64 = 0
        for word in byFirstWord.keys {
            Self.insert(word, into: &firstBytes, &firstLengths)
        }
        self.firstBytes = firstBytes
        self.firstLengths = firstLengths
    }

    private static func bits(_ word: String) -> (byte: UInt8, length: UInt64) {
        let byte = word.utf8.first ?? 0
        let count = word.utf8.count
        return (byte < 128 ? byte : 0, count < 64 ? UInt64(1) << UInt64(count) : 1)
    }

    private static func insert(_ word: String, into bytes: inout (UInt64, UInt64), _ lengths: inout UInt64) {
        let (byte, length) = bits(word)
        if byte < 64 { bytes.0 |= UInt64(1) << UInt64(byte) } else { bytes.1 |= UInt64(1) << UInt64(byte % 64) }
        lengths |= length
    }

    /// Whether `token` may be a first word (no false negatives).
    private func mayStart(_ token: String) -> Bool {
        let (byte, length) = Self.bits(token)
        guard firstLengths & length != 0 else { return false }
        let mask = byte < 64 ? firstBytes.0 : firstBytes.1
        return mask & (UInt64(1) << UInt64(byte % 64)) != 0
    }

    /// The longest phrase that starts at `index`.
    public func match(_ tokens: [String], at index: Int) -> Found? {
        guard index >= 0, index < tokens.count, mayStart(tokens[index]),
            let position = firstWords.position(of: tokens[index])
        else { return nil }
        for entry in byFirstWord[position] where Self.matches(entry.words, tokens, at: index) {
            return Found(phrase: entry.phrase, start: index, end: index + entry.words.count)
        }
        return nil
    }

    /// The leftmost, then longest, phrase in `tokens`.
    public func firstMatch(_ tokens: [String], from start: Int) -> Found? {
        var index = max(start, 0)
        while index < tokens.count {
            if let found = match(tokens, at: index) { return found }
            index += 1
        }
        return nil
    }

    /// The longest phrase anywhere in `tokens` (the first of equally long ones).
    public func longestMatch(in tokens: [String]) -> Found? {
        var best: Found?
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
