import Assessment
import Screening

/// Understands the answer to the question being asked. Pure and deterministic.
///
/// The answer is tokenized (first 2,000 scalars, lower-cased, punctuation as separate tokens), small typos are
/// corrected against the vocabulary of `kind`, then: "I don't know" and its variants give `.unknown`; the
/// question's own `phrases` are tried; then the reader of `kind`. Untrusted input never traps.
public enum Understanding {
    /// Builds the tables every reader shares (the lexicons of medicine and condition names) now rather than at the
    /// first message; see ``Screening/prepareLexicons()``.
    public static func prepare() {
        Screening.prepareLexicons()
    }

    /// The longest free-text answer kept, in characters.
    static let maxTextLength = 2_000

    /// Reads `text` as an answer of `kind`.
    ///
    /// - Parameter phrases: phrases particular to the question, tried before the general reading of `kind`,
    ///   for example `"both": .yesNo(true)` for "Does it happen both when moving and resting?". Keys are
    ///   lower-case words; a phrase matches when the answer contains it as whole words (longest first).
    ///   - today: the date relative dates are read against ("since Monday"); without it they are unclear.
    public static func read(
        _ text: String, as kind: AnswerKind, phrases: [String: Value] = [:], today: CalendarDate? = nil
    ) -> Reading {
        read(text, as: kind, prepared: phrases.isEmpty ? nil : QuestionPhrases(phrases, kind: kind), today: today)
    }

    /// Reads `text` as an answer of `kind`, with the question's phrases prepared once (see ``Reader``).
    static func read(
        _ text: String, as kind: AnswerKind, prepared questionPhrases: QuestionPhrases?, today: CalendarDate?
    ) -> Reading {
        if kind == .text { return readText(text) }
        let raw = Tokenizer.tokens(text)
        guard raw.contains(where: { Tokenizer.isWord($0) || Tokenizer.isDigits($0) }) else {
            return raw.contains("?") ? .unknown : .unclear
        }
        let tokens = Typos.correct(raw, vocabulary: vocabulary(for: kind), extra: questionPhrases?.extraVocabulary)
        if Unknowns.matches(tokens) {
            // "maybe 2 or 3 weeks, I'm not sure": a number said with a hedge is still the answer; so is a time said
            // with one ("I can't remember, ages ago", "hard to say, it goes on and on for hours").
            switch kind {
            case .daysAgo, .episode, .frequency:
                if case .value(let value) = readKind(tokens, kind, today: today) { return .value(value) }
            case .drinksPerDay, .hours:
                let saysANumber = tokens.contains { Tokenizer.isDigits($0) || Numbers.isNumberWord(Array($0.utf8)) }
                if saysANumber, case .value(let value) = readKind(tokens, kind, today: today) { return .value(value) }
            case .text, .yesNo, .sites, .symptoms:
                break
            }
            return .unknown
        }
        if let value = questionPhrases?.match(tokens) { return .value(value) }
        return readKind(tokens, kind, today: today)
    }

    /// The reader of `kind` on corrected tokens.
    static func readKind(_ tokens: [String], _ kind: AnswerKind, today: CalendarDate?) -> Reading {
        switch kind {
        case .text: return .unclear
        case .yesNo: return YesNo.read(tokens)
        case .daysAgo:
            if let found = Dates.find(tokens, today: today), found.days == nil { return .unclear }
            return Durations.readDaysAgo(tokens, today: today)
        case .episode: return Durations.readEpisode(tokens)
        case .frequency: return Frequencies.read(tokens)
        case .sites: return BodySites.read(tokens)
        case .symptoms: return Symptoms.read(tokens)
        case .drinksPerDay: return Drinks.read(tokens)
        case .hours: return Sleep.read(tokens)
        }
    }

    /// Free text: control characters become spaces, the text is trimmed and cut to ``maxTextLength`` characters.
    static func readText(_ text: String) -> Reading {
        var scalars = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= maxTextLength * 4 { break }
            let value = scalar.value
            let isControl = value < 0x20 || (value >= 0x7F && value < 0xA0)
            scalars.append(isControl ? " " : scalar)
            count += 1
        }
        var result = String(scalars)
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        if result.count > maxTextLength { result = String(result.prefix(maxTextLength)) }
        return result.isEmpty ? .unclear : .value(.text(result))
    }

    /// The vocabulary typos are corrected against, for each kind.
    static func vocabulary(for kind: AnswerKind) -> Typos.Vocabulary {
        switch kind {
        case .text: Vocabularies.yesNo
        case .yesNo: Vocabularies.yesNo
        case .daysAgo: Vocabularies.daysAgo
        case .episode: Vocabularies.episode
        case .frequency: Vocabularies.frequency
        case .sites: Vocabularies.sites
        case .symptoms: Vocabularies.symptoms
        case .drinksPerDay: Vocabularies.drinks
        case .hours: Vocabularies.hours
        }
    }
}

/// The prepared vocabularies of the readers.
enum Vocabularies {
    static let shared = Unknowns.vocabulary
    static let yesNo = Typos.Vocabulary(shared.union(YesNo.vocabulary))
    static let daysAgo = Typos.Vocabulary(
        shared.union(Numbers.vocabulary).union(Durations.vocabulary).union(Dates.vocabulary))
    static let episode = daysAgo
    static let frequency = Typos.Vocabulary(
        shared.union(Numbers.vocabulary).union(Frequencies.vocabulary))
    static let sites = Typos.Vocabulary(shared.union(BodySites.vocabulary))
    static let symptoms = Typos.Vocabulary(shared.union(Symptoms.vocabulary))
    static let drinks = Typos.Vocabulary(shared.union(Numbers.vocabulary).union(Drinks.vocabulary))
    static let hours = Typos.Vocabulary(shared.union(Numbers.vocabulary).union(Sleep.vocabulary))
}

/// The phrases particular to one question, ready to match.
struct QuestionPhrases: Sendable {
    let table: PhraseTable<Value>
    /// The phrases' words that the reader of the question's kind does not know, prepared for the typo corrector.
    let extraVocabulary: Typos.Vocabulary?

    init(_ phrases: [String: Value], kind: AnswerKind) {
        // Longest first by words, then by length, then by text, so matching is deterministic.
        let sorted = phrases.sorted { lhs, rhs in
            lhs.key.utf8.count != rhs.key.utf8.count ? lhs.key.utf8.count > rhs.key.utf8.count : lhs.key < rhs.key
        }
        table = PhraseTable(sorted.map { ($0.key.lowercased(), $0.value) })
        let extra = table.words.subtracting(Understanding.vocabulary(for: kind).words)
        extraVocabulary = extra.isEmpty ? nil : Typos.Vocabulary(extra)
    }

    /// The value of the longest phrase in `tokens`.
    func match(_ tokens: [String]) -> Value? {
        table.longestMatch(in: tokens)?.value
    }
}
