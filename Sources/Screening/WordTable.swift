/// Words to their positions, looked up by a quick hash of their bytes rather than `String`'s seeded hash: the
/// readers look up every word of every message in many tables, and most words are a few ASCII letters.
///
/// A word that is not ASCII is looked up in a `Dictionary`, so that equality is `String`'s own (canonical
/// equivalence) for every word.
public struct WordTable: Sendable {
    /// Positions in `keys`, or -1 for an empty slot; open addressing with linear probing.
    private let slots: [Int32]
    private let keys: [String]
    private let mask: Int
    /// Every key, for words that are not ASCII (and for every word when a key is not ASCII).
    private let byWord: [String: Int]
    private let allASCII: Bool

    /// A table of `words`; a word given twice keeps its first position.
    public init(_ words: [String]) {
        var byWord: [String: Int] = [:]
        var keys: [String] = []
        for word in words where byWord[word] == nil {
            byWord[word] = keys.count
            keys.append(word)
        }
        var size = 8
        while size < keys.count * 2 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        var allASCII = true
        for (position, key) in keys.enumerated() {
            guard let hash = Self.hash(key) else {
                allASCII = false
                continue
            }
            var slot = hash & (size - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(position)
        }
        self.slots = slots
        self.keys = keys
        self.mask = size - 1
        self.byWord = byWord
        self.allASCII = allASCII
    }

    /// FNV-1a over the bytes of an ASCII word; `nil` for a word that is not ASCII.
    @inline(__always) private static func hash(_ word: String) -> Int? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word.utf8 {
            guard byte < 128 else { return nil }
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    /// The position of `word` in the words given, if it is one of them.
    public func position(of word: String) -> Int? {
        guard allASCII, let hash = Self.hash(word) else { return byWord[word] }
        var slot = hash & mask
        while true {
            let position = Int(slots[slot])
            if position < 0 { return nil }
            if keys[position] == word { return position }
            slot = (slot + 1) & mask
        }
    }

    /// How many different words the table holds.
    public var count: Int { keys.count }

    /// The words, each once, in the order first given.
    public var words: [String] { keys }
}

/// A set of words with a quick `contains` (see ``WordTable``).
public struct WordSet: Sendable, ExpressibleByArrayLiteral {
    private let table: WordTable

    public init(_ words: some Sequence<String>) {
        table = WordTable(Array(words))
    }

    public init(arrayLiteral words: String...) {
        table = WordTable(words)
    }

    /// Whether `word` is one of the set.
    @inline(__always) public func contains(_ word: String) -> Bool { table.position(of: word) != nil }

    /// The words, in the order given.
    public var words: [String] { table.words }
}
