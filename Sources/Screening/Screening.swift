import Assessment

/// Reads a whole message for every sign the knowledge file lists, with how each is said: present, absent,
/// possible, in the past, or about someone else. Pure and deterministic.
///
/// In the manner of NegEx (Chapman et al. 2001) and ConText (Harkema et al. 2009): a cue ("no", "might", "my mum",
/// "years ago") governs the signs after it (or, for `negation_after`, before it) up to a terminator ("but",
/// "except", "apart from"), clause punctuation, or a comma that does not continue a list. A negation reaches at
/// most ``negationReach`` words; the other cues reach the whole clause. The nearest cue wins, but a sign said of
/// someone else is always about someone else. A sign at the end of a question ("is my hand weaker?") is possible.
public struct Screening: Sendable {
    /// How a sign is said.
    public enum Assertion: String, Hashable, Sendable, CaseIterable {
        case present
        case absent
        case possible
        /// In the past ("I had numbness years ago").
        case historical
        /// About someone else ("my dad had weakness").
        case otherPerson = "other_person"
    }

    /// One sign found in a message.
    public struct Mention: Hashable, Sendable {
        /// The sign's id in the knowledge file.
        public var sign: String
        public var assertion: Assertion
        /// The words that are its evidence, as typed (after lower-casing).
        public var evidence: String
        /// Where the evidence lies, in tokens.
        public var span: Range<Int>
        /// The cue that set the assertion, if any.
        public var cue: String?
        /// Whether a typo correction was needed to find it: a corrected word alone never affirms a sign.
        public var typoCorrected: Bool
        /// Whether the phrase only suggests the sign ("clumsy").
        public var suggestsOnly: Bool
        /// Whether the evidence is a medicine or condition name from the lexicons (never affirms; a name only
        /// asked about or worried about, "is this ALS?", is not a mention at all).
        public var fromLexicon = false
        /// Whether that name is also an everyday English word ("lithium"): it counts only at its own question.
        public var everydayWord = false
        /// For urgent signs: `true` when the clause says it is happening now, `false` when it says it is not
        /// ("sometimes", "last week"), `nil` when it says neither.
        public var now: Bool?

        public init(
            sign: String, assertion: Assertion, evidence: String, span: Range<Int>, cue: String?, typoCorrected: Bool,
            suggestsOnly: Bool, fromLexicon: Bool = false, everydayWord: Bool = false, now: Bool? = nil
        ) {
            self.sign = sign
            self.assertion = assertion
            self.evidence = evidence
            self.span = span
            self.cue = cue
            self.typoCorrected = typoCorrected
            self.suggestsOnly = suggestsOnly
            self.fromLexicon = fromLexicon
            self.everydayWord = everydayWord
            self.now = now
        }

        /// Whether the mention asks a confirming question rather than filling the case.
        public var needsConfirmation: Bool {
            switch assertion {
            case .present: typoCorrected || suggestsOnly
            case .possible, .historical: true
            case .absent, .otherPerson: false
            }
        }

        /// Whether the mention fills the case at once.
        public var affirms: Bool { assertion == .present && !needsConfirmation }
    }

    /// What a message says about the signs.
    public struct Result: Hashable, Sendable {
        public var mentions: [Mention]
        /// Whether the whole message was read; when it was not, the interview asks rather than assumes.
        public var complete: Bool
    }

    /// At most this many words lie between a negation and the sign it negates.
    public static let negationReach = 6
    /// The longest message read whole, in scalars (longer messages are refused by the interview).
    public static let maximumScalars = 8_192

    private struct Pattern: Sendable {
        var sign: Int
        let words: [String]
        var suggestsOnly: Bool
        /// Made from a sign's combinations: a phrase written out and stated outright, matched at the same word, wins
        /// over it.
        var combined: Bool
        var fromLexicon: Bool
        var everydayWord: Bool
        /// Has a `*`, which matches up to three words.
        let hasGap: Bool
        /// How many of its words are not `*`.
        let ownWords: Int

        init(
            sign: Int, words: [String], suggestsOnly: Bool, combined: Bool = false, fromLexicon: Bool = false,
            everydayWord: Bool = false
        ) {
            self.sign = sign
            self.words = words
            self.suggestsOnly = suggestsOnly
            self.combined = combined
            self.fromLexicon = fromLexicon
            self.everydayWord = everydayWord
            hasGap = words.contains("*")
            ownWords = words.count { $0 != "*" }
        }
    }

    /// The sign phrases that start with one stem, longest first, with the word each needs second (`nil` for a phrase
    /// of one word or one with a `*` second), so that most are passed over without matching them.
    private struct Candidates: Sendable {
        var patterns: [Pattern] = []
        var seconds: [String?] = []
    }

    public let signs: [Sign]
    /// The first stems of the sign phrases, and the phrases of each (by its position there).
    private let firstStems: WordTable
    private let patterns: [Candidates]
    private let cues: PhraseTable<AssertionCues.Category>
    /// Every word of every sign phrase and cue, for the typo corrector.
    public let vocabulary: Set<String>

    /// Words that continue a list after a comma ("no weakness, numbness or tingling").
    static let listWords: Set<String> = [
        "or", "and", "nor", "any", "a", "an", "the", "my", "some", "of", "in", "other", "either", ",",
    ]
    /// Words after "and" that start a new clause ("no weakness and my hand is numb").
    static let clauseStarters: Set<String> = [
        "i", "im", "ive", "id", "my", "it", "its", "the", "he", "she", "they", "theres", "there", "now", "then",
        "also", "since", "lately", "recently", "yesterday", "today",
    ]
    /// Verbs after "and" that start a new clause of the same subject ("no appetite and been sick twice"): a denial
    /// before them does not reach past them; who it is said of does.
    static let verbStarters: Set<String> = ["been", "was", "have", "has", "had", "got", "keep", "keeps"]
    public static let sentenceBreaks: Set<String> = [".", ";", "!", "?", ":"]
    public static let firstPerson: Set<String> = ["my", "i", "im", "ive", "me", "mine", "myself"]
    /// Verbs by which another person reports what they saw of the speaker ("my wife says the arm looks thinner").
    public static let reportingVerbs: Set<String> = [
        "says", "said", "thinks", "thought", "noticed", "reckons", "reckoned", "tells", "told", "saw",
        "spotted", "pointed",
    ]
    /// Words that make a report about someone other than the speaker ("my husband says he has a headache").
    static let thirdPerson: Set<String> = [
        "he", "she", "his", "her", "hes", "shes", "him", "they", "their", "theyre", "them",
    ]

    /// The first token of the segment at `position`.
    private static func start(of position: Int, in segments: [Segment]) -> Int {
        switch segments[position] {
        case .sign(_, let span): span.lowerBound
        case .cue(_, let range): range.lowerBound
        case .word(let index): index
        }
    }

    private static func end(of position: Int, in segments: [Segment]) -> Int {
        switch segments[position] {
        case .sign(_, let span): span.upperBound
        case .cue(_, let range): range.upperBound
        case .word(let index): index + 1
        }
    }

    public init(knowledge: Knowledge) {
        signs = knowledge.signs
        var patterns: [String: [Pattern]] = [:]
        var words: Set<String> = []
        for (index, sign) in knowledge.signs.enumerated() {
            for phrase in sign.phrases {
                let stems = phrase.words.map(Self.stem)
                guard let first = stems.first else { continue }
                patterns[first, default: []].append(
                    Pattern(sign: index, words: stems, suggestsOnly: phrase.suggestsOnly, combined: phrase.combined))
                words.formUnion(phrase.words.filter { $0 != "*" })
            }
        }
        for key in patterns.keys { patterns[key]?.sort { $0.words.count > $1.words.count } }
        firstStems = WordTable(Array(patterns.keys))
        self.patterns = firstStems.words.map { stem in
            let patterns = patterns[stem] ?? []
            return Candidates(
                patterns: patterns,
                seconds: patterns.map { $0.words.count > 1 && $0.words[1] != "*" ? $0.words[1] : nil })
        }
        // Earlier categories win when a term is listed twice.
        let order: [AssertionCues.Category] = [
            .pseudo, .possible, .otherPerson, .historical, .negationBefore, .terminators, .negationAfter, .notNow, .now,
        ]
        var seen: Set<String> = []
        var cueList: [(String, AssertionCues.Category)] = []
        for category in order {
            for term in knowledge.assertionCues.terms[category] ?? [] where seen.insert(term).inserted {
                cueList.append((term, category))
            }
        }
        cues = PhraseTable(cueList)
        vocabulary = words.union(cues.words)
    }

    /// `tokens` with the pseudo cues blanked out ("muscle fever" is soreness after exercise, not a fever), for
    /// readers that look for symptom words.
    public func maskingPseudoCues(_ tokens: [String]) -> [String] {
        var result = tokens
        var index = 0
        while index < tokens.count {
            if let cue = cues.match(tokens, at: index), cue.value == .pseudo {
                for position in cue.start..<cue.end { result[position] = "_" }
                index = cue.end
            } else {
                index += 1
            }
        }
        return result
    }

    /// The tokens of a message as the screening reads them: the whole message.
    public static func tokens(_ text: String) -> [String] {
        Tokenizer.tokens(text, scalarLimit: maximumScalars, tokenLimit: maximumScalars)
    }

    /// Screens `text` with no typo correction.
    public func screen(_ text: String) -> Result {
        let tokens = Self.tokens(text)
        return screen(raw: tokens, corrected: tokens, complete: text.unicodeScalars.count <= Self.maximumScalars)
    }

    // MARK: Reading

    private enum Segment {
        case sign(Pattern, Range<Int>)
        case cue(AssertionCues.Category, Range<Int>)
        case word(Int)
    }

    /// Screens a message's tokens: `raw` as typed, `corrected` after typo correction (the same length).
    public func screen(raw: [String], corrected tokens: [String], complete: Bool = true) -> Result {
        guard raw.count == tokens.count else { return screen(raw: tokens, corrected: tokens, complete: complete) }
        let stems = tokens.map(Self.stem)
        var segments: [Segment] = []
        var index = 0
        while index < tokens.count {
            // Pseudo cues first: "muscle fever" (soreness after exercise) is not a fever, "not only" not a negation.
            if let pseudo = cues.match(tokens, at: index), pseudo.value == .pseudo {
                if let sign = deniedBack(pseudo.start..<pseudo.end, in: tokens) {
                    // "breathing fine? no", "am I breathing easily? not at all": said back and denied, it is trouble.
                    // The span takes in the "?" and the no, which say it; they deny nothing else.
                    let span = pseudo.start..<pseudo.end + 2
                    segments.append(.sign(Pattern(sign: sign, words: Array(tokens[span]), suggestsOnly: false), span))
                    index = span.upperBound
                } else {
                    segments.append(.cue(.pseudo, pseudo.start..<pseudo.end))
                    index = pseudo.end
                }
            } else if let found = matchSign(tokens, stems, at: index),
                !givesWay(found, tokens, stems, at: index)
            {
                segments.append(.sign(found.pattern, index..<found.end))
                index = found.end
            } else if let cue = cueMatch(tokens, stems, at: index) {
                segments.append(.cue(cue.category, index..<cue.end))
                index = cue.end
            } else {
                segments.append(.word(index))
                index += 1
            }
        }
        var mentions: [Mention] = []
        for (position, segment) in segments.enumerated() {
            guard case .sign(let pattern, let span) = segment else { continue }
            let read = assertion(of: position, in: segments, tokens: tokens)
            var assertion = read.0
            var cue = read.1
            let sign = signs[pattern.sign]
            // "I started propranolol the week before this started": what came before the twitching is a new
            // medicine's evidence, though a symptom before it ("a fever before this began") is not since it began.
            if assertion == .historical, let range = cue, tokens[range].first == "before",
                case .answer("new_medication", true) = sign.effect
            {
                assertion = .present
            }
            // "my doctor told me years ago I had anemia": a time of the past inside a phrase's gap ("told * i had")
            // says the sign is of the past (and so it is asked).
            if assertion == .present, pattern.hasGap,
                let past = historicalCue(inGapsOf: pattern, tokens: tokens, stems: stems, at: span.lowerBound)
            {
                assertion = .historical
                cue = past
            }
            if pattern.fromLexicon, assertion != .present {
                // "I had glandular fever years ago": a sign inside a name of the past is of the past too, so that
                // another reader's "fever" is not taken as now.
                for position in span.dropFirst() {
                    guard let inner = matchSign(tokens, stems, at: position, gaps: false), !inner.pattern.fromLexicon,
                        inner.end <= span.upperBound
                    else { continue }
                    mentions.append(
                        Mention(
                            sign: signs[inner.pattern.sign].id, assertion: assertion,
                            evidence: raw[position..<inner.end].joined(separator: " "), span: position..<inner.end,
                            cue: cue.map { tokens[$0].joined(separator: " ") }, typoCorrected: false,
                            suggestsOnly: inner.pattern.suggestsOnly, fromLexicon: false,
                            everydayWord: inner.pattern.everydayWord, now: nil))
                    break
                }
                continue
            }
            let typo = span.contains { raw[$0] != tokens[$0] }
            mentions.append(
                Mention(
                    sign: sign.id, assertion: assertion,
                    evidence: raw[span].joined(separator: " "), span: span,
                    cue: cue.map { tokens[$0].joined(separator: " ") }, typoCorrected: typo,
                    suggestsOnly: pattern.suggestsOnly, fromLexicon: pattern.fromLexicon,
                    everydayWord: pattern.everydayWord,
                    now: sign.urgent ? now(around: position, in: segments, tokens: tokens) : nil))
        }
        // "my friend had a pinched nerve with numbness. I don't have any numbness myself": a sign taken as present and
        // denied later in the same message is uncertain, so it is asked rather than taken.
        for (index, mention) in mentions.enumerated() where mention.assertion == .present {
            let deniedLater = mentions[(index + 1)...].contains {
                $0.sign == mention.sign && $0.assertion == .absent && !$0.fromLexicon
            }
            if deniedLater {
                mentions[index].assertion = .possible
                mentions[index].cue = "denied later"
            }
        }
        return Result(mentions: mentions, complete: complete)
    }

    /// The urgent sign of a "breathing fine" or "swallowing ok" phrase that a question mark and a no follow ("breathing
    /// comfortably? no"), if it is one.
    /// Not "breathing fine? no problems" or "swallowing ok? no, all good": a no that goes on to say it is fine.
    private func deniedBack(_ range: Range<Int>, in tokens: [String]) -> Int? {
        guard range.upperBound + 1 < tokens.count, tokens[range.upperBound] == "?",
            ["no", "not", "nope", "nah", "never"].contains(tokens[range.upperBound + 1])
        else { return nil }
        let rest = tokens[(range.upperBound + 2)...].prefix { !Self.sentenceBreaks.contains($0) }
        // "no problems", "no trouble"; "no, all good" (but not "no, it's not good").
        let fine: Set<String> = ["fine", "good", "ok", "okay", "alright", "sure", "great", "normal", "well"]
        let saysFine =
            rest.first { $0 != "," && $0 != "no" }.map {
                ["problem", "problems", "issue", "issues", "trouble", "worries"].contains($0)
            } == true
            || rest.indices.contains { index in
                fine.contains(rest[index])
                    && !(index > rest.startIndex && ["not", "isnt", "arent", "never"].contains(rest[index - 1]))
            }
        guard !saysFine else { return nil }
        let first = tokens[range.lowerBound]
        let id = ["breathing", "breathe", "breath"].contains(first) ? "breathing" : first
        guard id == "breathing" || id == "swallowing" else { return nil }
        return signs.firstIndex { $0.id == id }
    }

    /// Whether a phrase that only suggests its sign, found at `index`, gives way to a phrase stated outright that
    /// starts inside it and ends after it: in "my words come out wrong", "my words" (possible trouble speaking) gives
    /// way to "words come out wrong".
    private func givesWay(
        _ found: (pattern: Pattern, end: Int), _ tokens: [String], _ stems: [String], at index: Int
    ) -> Bool {
        guard found.pattern.suggestsOnly, !found.pattern.fromLexicon, found.end > index else { return false }
        return (index + 1..<found.end).contains { position in
            guard let inner = matchSign(tokens, stems, at: position) else { return false }
            return !inner.pattern.suggestsOnly && inner.end > found.end
        }
    }

    /// The longest cue at `index` that does not swallow the start of a sign ("my hand has gone dead", "no problem
    /// breathing": the cue is "no", the sign "problem breathing").
    private func cueMatch(
        _ tokens: [String], _ stems: [String], at index: Int
    ) -> (category: AssertionCues.Category, end: Int)? {
        guard let cue = cues.match(tokens, at: index) else { return nil }
        guard let sign = (index + 1..<cue.end).first(where: { matchSign(tokens, stems, at: $0) != nil }) else {
            return (cue.value, cue.end)
        }
        guard let shorter = cues.match(Array(tokens[index..<sign]), at: 0) else { return nil }
        return (shorter.value, index + shorter.end - shorter.start)
    }

    /// Where sign phrases start in `tokens`. With `symptomsOnly`, only the signs of the symptom checklist count ("my
    /// leg gives way", not "both legs"). The stems are computed once for the whole message.
    public func signStarts(in tokens: [String], symptomsOnly: Bool = false) -> Set<Int> {
        let stems = tokens.map(Self.stem)
        return Set(
            tokens.indices.filter { index in
                guard let found = matchSign(tokens, stems, at: index) else { return false }
                if symptomsOnly, case .answer = signs[found.pattern.sign].effect { return false }
                return true
            })
    }

    /// Builds the lexicon tables now (about 0.2 s: tens of thousands of names), so that a front end can do it on
    /// another thread while the person reads the first question, rather than on the first message. Safe to call
    /// from any thread, any number of times.
    public static func prepareLexicons() {
        _ = lexiconFirstWords.words.count
    }

    /// Medicine and condition names from the lexicons (drug-named-entity-recognition, WordNet), by their words,
    /// with the yes/no question they suggest: "lithium, about 3 weeks ago" may be a new medication. Names that
    /// are also everyday English words ("hops") are left out. Built once, on first use.
    static let lexiconNames: (names: WordTable, marks: [String]) = {
        var names: [String: String] = [:]
        let lexicon = Lexicon.embedded
        for (name, english) in lexicon.medicines { names[name] = english ? everydayMedicine : "new_medication" }
        for name in lexicon.conditions.keys { names[name] = "new_condition" }
        let table = WordTable(Array(names.keys))
        return (table, table.words.map { names[$0] ?? "" })
    }()
    static let lexiconNameWords = 4
    /// The mark of a medicine name that is also an everyday word ("lithium"): it counts only as the answer to the
    /// medication question itself.
    static let everydayMedicine = "new_medication?"
    /// The first words of the names of more than one word, so that most words cost one look-up.
    static let lexiconFirstWords = WordSet(
        lexiconNames.names.words.compactMap { name in name.contains(" ") ? String(name.prefix { $0 != " " }) : nil })

    /// The longest sign phrase that starts at `index`; `*` matches up to three words within the clause. Words are
    /// compared by their stems ("buckle", "buckles", "buckling"), and a few filler words may come between the words
    /// of a phrase ("my arms just feel heavy"). A medicine or condition name from the lexicons only suggests its
    /// sign. A `*` never swallows a phrase of another sign stated outright: in "it feels prickly and odd", "feels *
    /// odd" (a possible change in feeling) gives way to "prickly" (tingling).
    private func matchSign(
        _ tokens: [String], _ stems: [String], at index: Int, gaps: Bool = true
    ) -> (pattern: Pattern, end: Int)? {
        guard let first = firstStems.position(of: stems[index]) else { return matchName(tokens, at: index) }
        let candidates = patterns[first]
        // The words a phrase's second word may be: the next one, or one after one or two fillers (as `match` reads).
        let next = (index + 1..<min(index + 4, stems.count)).map { stems[$0] }
        var reach = min(1, next.count)
        while reach < next.count, Self.fillers.contains(next[reach - 1]) { reach += 1 }
        var best: (pattern: Pattern, end: Int)?
        for (position, second) in candidates.seconds.enumerated() {
            if let second, !next[..<reach].contains(second) { continue }
            let pattern = candidates.patterns[position]
            if pattern.hasGap, !gaps { continue }
            // A phrase written out and stated outright wins over a combination ("put me on" over "put me on *
            // tablets"); then the longest
            // match; of two as long, the one with more words of its own ("cant really feel" over "cant feel" with a
            // filler), then one stated outright over one that only suggests.
            guard let end = Self.match(pattern.words, stems, at: index) else { continue }
            if let best {
                let words = pattern.ownWords
                let bestWords = best.pattern.ownWords
                if pattern.combined, !best.pattern.combined, !best.pattern.suggestsOnly { continue }
                let better =
                    (best.pattern.combined && !pattern.combined && !pattern.suggestsOnly) || end > best.end
                    || (end == best.end
                        && (words > bestWords
                            || (words == bestWords && best.pattern.suggestsOnly && !pattern.suggestsOnly)))
                guard better else { continue }
            }
            if pattern.hasGap, swallowsAnotherSign(pattern, tokens, stems, at: index) { continue }
            best = (pattern, end)
        }
        return best
    }

    /// Whether a phrase of another sign, stated outright (not only suggested), starts in a word that a `*` of
    /// `pattern` matches at `index`.
    private func swallowsAnotherSign(_ pattern: Pattern, _ tokens: [String], _ stems: [String], at index: Int) -> Bool {
        var swallows = false
        _ = Self.match(pattern.words, stems, at: index) { gap in
            for position in gap where !swallows {
                guard let inner = matchSign(tokens, stems, at: position, gaps: false) else { continue }
                swallows = inner.pattern.sign != pattern.sign && !inner.pattern.suggestsOnly
            }
        }
        return swallows
    }

    /// The range of a cue of the past that starts in a word a `*` of `pattern` matched at `index`, if any.
    private func historicalCue(
        inGapsOf pattern: Pattern, tokens: [String], stems: [String], at index: Int
    ) -> Range<Int>? {
        var found: Range<Int>?
        _ = Self.match(pattern.words, stems, at: index) { gap in
            for position in gap where found == nil {
                if let cue = cues.match(tokens, at: position), cue.value == .historical {
                    found = cue.start..<cue.end
                }
            }
        }
        return found
    }

    /// A medicine or condition name of the lexicons at `index`, as a suggestion of its sign.
    private func matchName(_ tokens: [String], at index: Int) -> (pattern: Pattern, end: Int)? {
        guard Tokenizer.isWord(tokens[index]), tokens[index].utf8.count >= 3 else { return nil }
        var length =
            Self.lexiconFirstWords.contains(tokens[index]) ? min(Self.lexiconNameWords, tokens.count - index) : 1
        while length >= 1 {
            let name = length == 1 ? tokens[index] : tokens[index..<index + length].joined(separator: " ")
            if let position = Self.lexiconNames.names.position(of: name),
                case let mark = Self.lexiconNames.marks[position],
                let sign = signs.firstIndex(where: {
                    $0.effect == .answer(question: String(mark.prefix { $0 != "?" }), yes: true)
                }
                )
            {
                let pattern = Pattern(
                    sign: sign, words: Array(tokens[index..<index + length]), suggestsOnly: true, fromLexicon: true,
                    everydayWord: mark == Self.everydayMedicine)
                return (pattern, index + length)
            }
            length -= 1
        }
        return nil
    }

    /// Where `words` match `tokens` from `start`: the end, or nil. `gap` is told the tokens each `*` matched.
    private static func match(
        _ words: [String], _ tokens: [String], at start: Int, gap onGap: (Range<Int>) -> Void = { _ in }
    ) -> Int? {
        var position = start
        var gap = false
        for word in words {
            if word == "*" {
                gap = true
                continue
            }
            if gap {
                var look = position
                var found: Int?
                while look < tokens.count, look <= position + 3 {
                    if Tokenizer.clauseBreaks.contains(tokens[look]) { break }
                    if tokens[look] == word {
                        found = look
                        break
                    }
                    look += 1
                }
                guard let found else { return nil }
                onGap(position..<found)
                position = found + 1
                gap = false
            } else {
                if position > start {
                    // "arms just feel heavy", "feels kind of numb": at most two filler words inside a phrase.
                    var skipped = 0
                    while skipped < 2, position < tokens.count, tokens[position] != word,
                        fillers.contains(tokens[position])
                    {
                        position += 1
                        skipped += 1
                    }
                }
                guard position < tokens.count, tokens[position] == word else { return nil }
                position += 1
            }
        }
        return position
    }

    /// Words that may come between the words of a sign phrase without changing it.
    static let fillers: WordSet = [
        "just", "really", "a", "bit", "little", "kind", "sort", "kinda", "sorta", "so", "very", "quite", "pretty",
        "totally", "completely", "slightly", "somewhat", "rather", "weirdly", "strangely", "oddly", "literally",
        "actually", "all", "even", "proper", "properly", "abit", "of",
    ]

    /// A light stem, so that a phrase matches its inflections: "buckles", "buckled" and "buckling" are "buckl";
    /// "dragging" and "drags" are "drag". Short words and words that are not plain letters are kept as they are.
    /// Both the phrases and the message go through it, so only equality of stems matters.
    public static func stem(_ word: String) -> String {
        // Most words end in none of the letters a suffix or the final "e" ends in, and are kept without copying.
        let last = word.utf8.last
        guard
            last == UInt8(ascii: "s") || last == UInt8(ascii: "g") || last == UInt8(ascii: "d")
                || last == UInt8(ascii: "e")
        else { return word }
        var utf8 = Array(word.utf8)
        guard utf8.count >= 4, utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        let s = UInt8(ascii: "s")
        for suffix in ["ing", "ed", "es", "s"] {
            let bytes = Array(suffix.utf8)
            guard utf8.count - bytes.count >= 3, utf8.suffix(bytes.count).elementsEqual(bytes) else { continue }
            // "numbness", "less": a double s is not a plural.
            if suffix == "s", utf8[utf8.count - 2] == s || utf8[utf8.count - 2] == UInt8(ascii: "u") { break }
            utf8.removeLast(bytes.count)
            // "dragging" → "drag", but "falling" → "fall".
            if let last = utf8.last, utf8.count >= 4, utf8[utf8.count - 2] == last,
                !"lsfz".utf8.contains(last), !"aeiou".utf8.contains(last)
            {
                utf8.removeLast()
            }
            break
        }
        if utf8.count >= 4, utf8.last == UInt8(ascii: "e") { utf8.removeLast() }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Whether the word at `index`, right after a sign, answers it as a checklist item does ("weakness no, tingling
    /// yes"): a lone yes or no followed by a break, "and" or the end. Nil when it does not.
    public static func answeredAfter(_ tokens: [String], at index: Int) -> Bool? {
        guard index < tokens.count else { return nil }
        let answer: Bool
        switch tokens[index] {
        case "yes", "yeah", "yep": answer = true
        case "no", "nope", "none", "nah": answer = false
        default: return nil
        }
        let next = index + 1 < tokens.count ? tokens[index + 1] : ","
        if Tokenizer.clauseBreaks.contains(next) || next == "and" || next == "but" { return answer }
        // "tingling yes a little": a degree may follow a yes (after a no, "no some" would be a new negation).
        return answer && ["a", "some", "slight"].contains(next) ? true : nil
    }

    /// How the sign at `position` is said, and the token range of the cue that says so.
    private func assertion(
        of position: Int, in segments: [Segment], tokens: [String]
    ) -> (Assertion, Range<Int>?) {
        // "weakness no, wasting no, tingling yes a little": the word after the sign answers it.
        let end = Self.end(of: position, in: segments)
        switch Self.answeredAfter(tokens, at: end) {
        case true?: return (.present, nil)
        case false?: return (.absent, end..<end + 1)
        case nil: break
        }
        var found: (Assertion, Range<Int>)?
        var otherPerson: Range<Int>?
        var words = 0
        var wordsBeforeComma = false
        var denialEnded = false
        var look = position - 1
        scan: while look >= 0 {
            switch segments[look] {
            case .sign:
                break
            case .word(let index):
                let token = tokens[index]
                if Self.sentenceBreaks.contains(token) { break scan }
                if token == "," && !Self.continuesList(segments, from: look + 1, to: position, tokens: tokens) {
                    break scan
                }
                // "probably not enough tbh, swallowing has been hard": a denied list goes on after a sign ("no
                // weakness, numbness or tingling"), not after other words.
                if token == ",", look > 0 {
                    let afterASign: Bool
                    if case .sign = segments[look - 1] { afterASign = true } else { afterASign = false }
                    if !afterASign { wordsBeforeComma = true }
                }
                // "no, swallowing water has been hard": a "no" alone before the comma answers the question; it
                // does not deny what follows.
                if token == ",", look > 0, case .cue(.negationBefore, let range) = segments[look - 1],
                    range.upperBound == index,
                    range.lowerBound == 0 || Self.sentenceBreaks.contains(tokens[range.lowerBound - 1])
                {
                    break scan
                }
                if token == "and", index + 1 < tokens.count, Self.clauseStarters.contains(tokens[index + 1]) {
                    break scan
                }
                if token == "and", index + 1 < tokens.count, Self.verbStarters.contains(tokens[index + 1]) {
                    denialEnded = true
                }
                if !Self.listWords.contains(token) { words += 1 }
            case .cue(let category, let range):
                switch category {
                case .terminators:
                    // "my husband just started new pills": "just" right after the other person goes on about them.
                    guard tokens[range] == ["just"], look > 0, case .cue(.otherPerson, _) = segments[look - 1] else {
                        break scan
                    }
                    words += 1
                case .otherPerson:
                    // "my husband says my speech is slurred": a first-person word after the other person makes
                    // the sign the speaker's own again.
                    // So does a report of what they saw, said of no one else: "my wife says the arm looks thinner".
                    let between = tokens[range.upperBound..<Self.start(of: position, in: segments)]
                    let reports =
                        between.first.map(Self.reportingVerbs.contains) == true
                        && !between.contains(where: Self.thirdPerson.contains)
                    if otherPerson == nil, !between.contains(where: Self.firstPerson.contains), !reports {
                        otherPerson = range
                    }
                case .possible: if found == nil { found = (.possible, range) }
                case .historical: if found == nil { found = (.historical, range) }
                case .negationBefore:
                    // "I don't have weakness in my arms, numbness or tingling": a denial that may reach past other
                    // words and a comma is asked, not taken.
                    if found == nil, !denialEnded, words <= Self.negationReach {
                        found = (wordsBeforeComma ? .possible : .absent, range)
                    }
                case .pseudo, .negationAfter, .now, .notNow: words += 1
                }
            }
            look -= 1
        }
        if let otherPerson { return (.otherPerson, otherPerson) }
        if let found { return (found.0, found.1) }
        // Cues after the sign, up to the end of its clause.
        look = position + 1
        words = 0
        after: while look < segments.count, words <= 4 {
            switch segments[look] {
            case .sign:
                break
            case .word(let index):
                let token = tokens[index]
                if token == "?" { return (.possible, index..<index + 1) }
                // "a fever, thats long gone": a lapse right after the comma still says it has gone.
                if token == ",", let lapse = Self.lapse(in: tokens, after: index + 1) { return (.historical, lapse) }
                if Self.sentenceBreaks.contains(token) || token == "," { break after }
                // "he also has weakness in his arms": the part is someone else's, and so is the sign.
                if ["his", "her"].contains(token), index > 0, ["in", "on"].contains(tokens[index - 1]) {
                    return (.otherPerson, index..<index + 1)
                }
                words += 1
            case .cue(let category, let range):
                switch category {
                case .terminators:
                    // "I get headaches sometimes but I haven't had one in weeks": not now, only in the past.
                    if let lapse = Self.lapse(in: tokens, after: range.upperBound) { return (.historical, lapse) }
                    // "she keeps asking if I'm weaker but I'm not" may deny the sign, or insist on it ("everyone says
                    // I'm imagining the weakness but I'm not"): it is asked.
                    if let denial = Self.closingDenial(in: tokens, after: range.upperBound) {
                        return (.possible, denial)
                    }
                    break after
                case .negationAfter:
                    // "my shoulder looks smaller and that arm has gone weak": "has gone" says how the next sign
                    // came, it does not deny this one.
                    if look + 1 < segments.count, case .sign = segments[look + 1] {
                        words += 1
                    } else {
                        return (.absent, range)
                    }
                case .possible: return (.possible, range)
                case .historical: return (.historical, range)
                case .otherPerson, .negationBefore, .pseudo, .now, .notNow: words += 1
                }
            }
            look += 1
        }
        // "numbness in my hand after a fall two years ago, but it healed completely": a lapse after "but" further on
        // in the sentence says it has gone (and so it is asked).
        var ahead = look
        var commas = 0
        while ahead < segments.count {
            if case .word(let index) = segments[ahead], Self.sentenceBreaks.contains(tokens[index]) { break }
            if case .sign = segments[ahead] { break }
            // "… with numbness but that was a slipped disc and it's fine now"; "had a fever last month with the flu,
            // all gone now".
            // Only the first comma after the sign: not "I can't swallow properly at the moment, had tonsillitis last
            // month, all gone now".
            if case .word(let index) = segments[ahead], tokens[index] == "and" || (tokens[index] == "," && commas == 0),
                let lapse = Self.lapse(in: tokens, after: index + 1)
            {
                return (.historical, lapse)
            }
            if case .word(let index) = segments[ahead], tokens[index] == "," { commas += 1 }
            if case .cue(.terminators, let range) = segments[ahead],
                let lapse = Self.lapse(in: tokens, after: range.upperBound)
            {
                return (.historical, lapse)
            }
            ahead += 1
        }
        return (.present, nil)
    }

    /// Words after "but" that say a sign said before it has not come for a while ("but I haven't had one in
    /// weeks", "but not had any for months").
    static let lapses = PhraseTable<Bool>(
        [
            "havent had one", "havent had any", "have not had one", "have not had any", "not had one", "not had any",
            "havent had it", "havent had them", "ive not had one", "ive not had any",
            // "I had a headache last month but it went away", "a fever with covid in 2021 but nothing now",
            // "pins and needles 2 years ago but that's long gone"
            "it went away", "they went away", "it went", "that all went away", "sorted itself out",
            "that sorted itself out", "it sorted itself out", "that went", "it healed", "it healed completely",
            "that healed", "i dont have that", "i dont have it", "i do not have that", "i dont have any of that",
            "its fine now", "its all fine now", "its fine",
            "it all went away", "all went away", "its gone",
            "its long gone", "thats gone", "thats long gone",
            "long gone", "nothing now", "none now", "not now", "gone now", "it cleared up", "it cleared", "it passed",
            "it settled", "it stopped", "they stopped", "that went away", "that cleared up",
            // "Last month I have flu with fever but it is finish".
            "it is finish", "it is finished", "its finished", "its over", "it is over", "thats over", "its done",
            // "flu … with a high fever, fully over it now".
            "fully over it", "over it now", "all over it", "fully recovered", "im totally recovered",
            // "glandular fever in spring, completely over it now", "a temperature but thats totally cleared up now".
            "completely over it", "totally over it", "well over it", "im over it", "thats cleared up",
            "thats all cleared up", "thats totally cleared up", "thats completely cleared up", "its cleared up",
            "its all cleared up", "its totally cleared up", "its completely cleared up", "all cleared up",
            "totally cleared up", "completely cleared up", "cleared up now",
            "im fully recovered", "totally recovered", "completely recovered", "im recovered", "recovered now",
            // "a nasty flu with high fever 2 months ago, all good now".
            "all good now", "all fine now", "all better now", "its all good now", "fine now", "better now",
            "that all went", "it all went", "all went",
            "all gone now", "all gone", "gone now",
            // "with a fever, but that was over by then".
            "that was over", "it was over", "was over by then", "that was gone", "it was gone", "they were gone",
            // "pins and needles … from carpal tunnel but the operation fixed it".
            "the operation fixed it", "the operation fixed that", "surgery fixed it", "the surgery fixed it",
            "the op fixed it", "that fixed it", "which fixed it", "it got fixed", "got sorted",
            // "carpal tunnel numbness … but that was operated on and fixed".
            "that was operated on", "it was operated on", "that was fixed", "it was fixed", "got fixed",
            // "a chest infection in 2019 with breathing trouble but that's long over".
            "thats long over", "its long over", "long over", "long since gone", "thats in the past", "all in the past",
            // "a migraine last month, well before this started, long gone".
            "well before this started", "before this started", "before the twitching started",
            "well before the twitching started", "before the twitching began", "before this began",
        ].map { ($0, true) })

    /// Words that may follow a lapse phrase.
    static let lapseEnds: Set<String> = [
        "in", "for", "since", "lately", "recently", "now", "at", ",", ".", "!", "before", "after", "ages", "years",
        "months", "weeks", "a", "long", "and", "by", "on", "quickly", "completely", "totally",
    ]

    /// Number words that may follow a lapse phrase ("it went away two years ago").
    static let numberWords: Set<String> = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "many", "several",
        "ages", "last",
    ]

    /// The range of a lapse phrase right after `index` (after "I"), if there is one.
    private static func lapse(in tokens: [String], after index: Int) -> Range<Int>? {
        // "but I haven't had one": the lapse may follow "I".
        let start = index < tokens.count && tokens[index] == "i" ? index + 1 : index
        for position in [index, start] {
            // "but I haven't had one in weeks", not "but I haven't had any painkillers".
            if let found = lapses.match(tokens, at: position),
                found.end == tokens.count || lapseEnds.contains(tokens[found.end])
                    // "but that went away 10 years ago".
                    || tokens[found.end].allSatisfy(\.isNumber) || numberWords.contains(tokens[found.end])
            {
                return found.start..<found.end
            }
        }
        return nil
    }

    /// "I'm not" or "I am not" ending its clause right after `index` (so not "but I'm not sure"). Not "it isn't":
    /// "my foot feels icy cold even though it isn't" tells a change of feeling.
    private static func closingDenial(in tokens: [String], after index: Int) -> Range<Int>? {
        for denial in closingDenials where index + denial.count <= tokens.count {
            let end = index + denial.count
            guard Array(tokens[index..<end]) == denial,
                end == tokens.count || Tokenizer.clauseBreaks.contains(tokens[end])
            else { continue }
            return index..<end
        }
        return nil
    }

    private static let closingDenials: [[String]] = [["im", "not"], ["i", "am", "not"], ["im", "really", "not"]]

    /// Whether the segments between a comma and the sign at `end` only continue a list.
    private static func continuesList(_ segments: [Segment], from start: Int, to end: Int, tokens: [String]) -> Bool {
        guard start < end else { return true }
        for segment in segments[start..<end] {
            switch segment {
            case .sign: continue
            case .word(let index): if !listWords.contains(tokens[index]) { return false }
            case .cue(let category, _): if category != .negationBefore { return false }
            }
        }
        return true
    }

    /// Whether the sentence around `position` says the sign is happening now.
    private func now(around position: Int, in segments: [Segment], tokens: [String]) -> Bool? {
        let isBreak = { (segment: Segment) -> Bool in
            if case .word(let index) = segment { return Self.sentenceBreaks.contains(tokens[index]) }
            return false
        }
        var start = position
        while start > 0, !isBreak(segments[start - 1]) { start -= 1 }
        var end = position
        while end + 1 < segments.count, !isBreak(segments[end + 1]) { end += 1 }
        var now = false
        for segment in segments[start...end] {
            guard case .cue(let category, _) = segment else { continue }
            if category == .notNow { return false }
            if category == .now { now = true }
        }
        return now ? true : nil
    }
}
