import Assessment
import Screening

/// Corrects small typos against the vocabulary a parser uses.
///
/// A word that is in the vocabulary, or is a real English word (Debian's `wamerican` and `wbritish` lists, in
/// ``Lexicon``), is kept. Otherwise, in order:
/// 1. stretched letters are squeezed ("yesss" → "yes", "noo" → "no", "hourss" → "hours");
/// 2. a word of 4–7 letters is replaced by the vocabulary word at Damerau–Levenshtein distance 1, a word of 8 or
///    more letters by one at distance ≤ 2 (the closest; ties go to the shorter word, then the first in alphabetical order). At most
///    ``maxCorrections`` words of an answer are looked up.
///
/// Number words are never corrected (they are in every vocabulary), and a word shorter than 5 letters is never
/// corrected into a number word ("nice" stays "nice", not "nine").
enum Typos {
    /// A vocabulary prepared for correction.
    struct Vocabulary: Sendable {
        let words: Set<String>
        /// The words as bytes with their letter sets, sorted, grouped by length, for the distance search.
        fileprivate let byLength: [Int: [Candidate]]

        init(_ words: Set<String>) {
            self.words = words
            byLength = Dictionary(grouping: words.sorted().map { Candidate(Array($0.utf8)) }, by: \.bytes.count)
        }

        /// The words whose length is within `limit` of `length`, shorter first, alphabetical within a length.
        fileprivate func candidates(length: Int, limit: Int) -> [Candidate] {
            (length - limit...length + limit).flatMap { byLength[$0] ?? [] }
        }
    }

    /// A word to correct into.
    fileprivate struct Candidate: Sendable {
        let bytes: [UInt8]
        /// The set of letters in the word, one bit per letter; each edit changes at most two bits.
        let letters: UInt32

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            letters = Typos.letterSet(bytes)
        }
    }

    /// Words never corrected even though no parser uses them.
    static let commonWords: Set<String> = [
        "about", "after", "again", "also", "always", "any", "anything", "are", "because", "been", "before", "being",
        "but", "can", "cant", "could", "did", "does", "doing", "done", "each", "else", "even", "ever", "feel", "feels",
        "felt", "from", "get", "gets", "getting", "got", "had", "has", "have", "having", "here", "how", "into", "its",
        "just", "know", "like", "likes", "mine", "more", "most", "much", "must", "myself", "need", "noticed", "notice",
        "only", "other", "others", "over", "pretty", "quite", "really", "said", "same", "says", "see", "seem", "seems",
        "should", "since", "some", "something", "started", "start", "still", "stuff", "such", "than", "that", "thats",
        "the", "their", "them", "then", "there", "these", "they", "thing", "things", "think", "this", "those",
        "though", "thru", "till", "time", "too", "very", "want", "was", "well", "went", "were", "what", "when",
        "where", "which", "while", "will", "with", "would", "yeah", "your", "youre", "mostly", "usually", "maybe",
        "stop", "stops", "stopped", "home", "work", "coffee", "tea", "water", "sleep", "slept", "night",
        "nights", "bed", "worse", "better", "bad", "good", "fine", "okay", "happen", "happens", "happened", "twitch",
        "twitches", "twitching", "twitchy", "muscle", "muscles", "moving", "resting", "rest", "both",
        "week", "weeks", "day", "days", "month", "months", "year", "years", "hour", "hours", "today", "lately",
        "recently", "light", "might", "fight", "sight", "tight", "lift", "lifting", "fact", "lack", "walk",
        "walking", "talk", "once", "twice", "exercise", "gym", "run", "running",
    ]

    /// At most this many words of one answer are looked up by distance.
    static let maxCorrections = 12

    /// The set of letters in `bytes`, one bit per letter a–z.
    static func letterSet(_ bytes: [UInt8]) -> UInt32 {
        var set: UInt32 = 0
        for byte in bytes where byte >= 0x61 && byte <= 0x7A { set |= 1 << UInt32(byte - 0x61) }
        return set
    }

    /// `tokens` with misspelled words corrected against `vocabulary` and `extra` (more words, prepared once by the
    /// caller, for example a question's own phrases less `vocabulary`).
    static func correct(
        _ tokens: [String], vocabulary: Vocabulary, extra extraVocabulary: Vocabulary? = nil,
        limit: Int = maxCorrections, protected: Set<String> = []
    ) -> [String] {
        var result = tokens
        var buffers = Buffers()
        var attempts = 0
        let extra = extraVocabulary?.words ?? []
        for (index, token) in tokens.enumerated() where Tokenizer.isWord(token) {
            if vocabulary.words.contains(token) || extra.contains(token) || commonWords.contains(token)
                || protected.contains(token) || Numbers.isNumberWord(Array(token.utf8))
            {
                continue
            }
            // A real English word is never "corrected" ("skin" is not "shin", "heck" is not "neck").
            if token.utf8.count >= 3, Lexicon.englishOnly.isEnglishWord(token) { continue }
            let isKnown: (String) -> Bool = { vocabulary.words.contains($0) || extra.contains($0) }
            if let squeezed = squeeze(token, isKnown: isKnown) {
                result[index] = squeezed
                continue
            }
            let bytes = Array(token.utf8)
            guard bytes.count >= 4, attempts < limit else { continue }
            attempts += 1
            let letters = letterSet(bytes)
            let distanceLimit = bytes.count >= 8 ? 2 : 1
            var best: (distance: Int, word: [UInt8])?
            let candidates =
                vocabulary.candidates(length: bytes.count, limit: distanceLimit)
                + (extraVocabulary?.candidates(length: bytes.count, limit: distanceLimit) ?? [])
            for candidate in candidates {
                if (candidate.letters ^ letters).nonzeroBitCount > 2 * distanceLimit { continue }
                if bytes.count < 5, Numbers.isNumberWord(candidate.bytes) { continue }
                let distance = damerauLevenshtein(bytes, candidate.bytes, limit: distanceLimit, buffers: &buffers)
                guard distance <= distanceLimit else { continue }
                if let current = best, distance == current.distance {
                    // Ties: the same first letter (people seldom mistype it), then the same length (a swapped
                    // letter), then the shorter word, then alphabetical order (the candidates' order).
                    if rank(candidate.bytes, bytes) < rank(current.word, bytes) { best = (distance, candidate.bytes) }
                } else if distance < (best?.distance ?? Int.max) {
                    best = (distance, candidate.bytes)
                }
            }
            if let best { result[index] = String(decoding: best.word, as: UTF8.self) }
        }
        return result
    }

    /// How good a candidate is among those at the same distance: lower is better.
    static func rank(_ candidate: [UInt8], _ word: [UInt8]) -> Int {
        (candidate.first == word.first ? 0 : 2) + (candidate.count == word.count ? 0 : 1)
    }

    /// `word` with stretched letters squeezed, when that gives a known word.
    static func squeeze(_ word: String, isKnown: (String) -> Bool) -> String? {
        let bytes = Array(word.utf8)
        var single: [UInt8] = []
        var double: [UInt8] = []
        var run = 0
        for (index, byte) in bytes.enumerated() {
            run = index > 0 && bytes[index - 1] == byte ? run + 1 : 1
            if run == 1 { single.append(byte) }
            if run <= 2 { double.append(byte) }
        }
        if single.count < bytes.count {
            let squeezed = String(decoding: single, as: UTF8.self)
            if isKnown(squeezed) { return squeezed }
        }
        if double.count < bytes.count {
            let squeezed = String(decoding: double, as: UTF8.self)
            if isKnown(squeezed) { return squeezed }
        }
        return nil
    }

    /// Rows reused across distance computations.
    struct Buffers {
        var previous2: [Int] = []
        var previous: [Int] = []
        var current: [Int] = []
    }

    /// The optimal-string-alignment (restricted Damerau–Levenshtein) distance of `a` and `b`, or `limit + 1` as soon
    /// as it is sure to exceed `limit`.
    static func damerauLevenshtein(_ a: [UInt8], _ b: [UInt8], limit: Int, buffers: inout Buffers) -> Int {
        let n = a.count
        let m = b.count
        if abs(n - m) > limit { return limit + 1 }
        if n == 0 || m == 0 { return max(n, m) }
        if buffers.current.count < m + 1 {
            buffers.previous2 = Array(repeating: 0, count: m + 1)
            buffers.previous = Array(repeating: 0, count: m + 1)
            buffers.current = Array(repeating: 0, count: m + 1)
        }
        for j in 0...m { buffers.previous[j] = j }
        for i in 1...n {
            buffers.current[0] = i
            var rowMinimum = i
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(buffers.previous[j] + 1, buffers.current[j - 1] + 1, buffers.previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, buffers.previous2[j - 2] + 1)
                }
                buffers.current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&buffers.previous2, &buffers.previous)
            swap(&buffers.previous, &buffers.current)
        }
        return buffers.previous[m]
    }
}
