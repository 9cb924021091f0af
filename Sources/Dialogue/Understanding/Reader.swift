import Assessment

/// What one message says: the answer to the pending question, other parts of the case it fills, a correction,
/// a question of the person's own. Pure and deterministic: the same words (and date) give the same reading.
public struct Understood: Hashable, Sendable {
    /// The reading of the pending question, or `nil` when the message was not read as its answer (it asked a
    /// question, or corrected an earlier answer).
    public var pending: Reading?
    /// Other parts of the case the message fills, by question id (never the pending question, `opening` or
    /// `urgent`).
    public var values: [String: Value] = [:]
    /// A side given alone to correct the place ("no, the left one").
    public var side: Side?
    /// Whether the message says it corrects something ("actually", "sorry", "I meant", "…, not 3 days").
    public var corrects = false
    /// Whether the message is a question of the person's own ("is this ALS?").
    public var isQuestion = false
    /// The id of the knowledge answer to that question (`als`), or ``Understanding/Reader/whyTopic``.
    public var topic: String?
}

extension Understanding {
    /// Reads whole messages: prepared once from the knowledge (its answers to the person's questions).
    public struct Reader: Sendable {
        /// The topic of "why do you ask?": answered with the pending question's `why`.
        public static let whyTopic = "why"

        let topics: PhraseTable<String>
        /// Every reader's words and the words of the questions answered, for the typo corrector.
        let vocabulary: Typos.Vocabulary

        public init(knowledge: Knowledge) {
            var phrases: [(String, String)] = Self.whyPhrases.map { ($0, Self.whyTopic) }
            for answer in knowledge.answers {
                phrases += answer.asks.map { ($0, answer.id) }
            }
            topics = PhraseTable(phrases)
            vocabulary = Typos.Vocabulary(Vocabularies.story.words.union(topics.words))
        }

        static let whyPhrases = [
            "why do you ask", "why are you asking", "why ask", "why does that matter", "why do you need",
            "why is that important", "why does it matter", "why do you want to know", "what does that have to do",
            "why that question", "why this question",
        ]

        /// Words that open a question.
        static let interrogatives: Set<String> = [
            "what", "whats", "why", "how", "hows", "is", "are", "can", "could", "should", "would", "will", "do",
            "does", "did", "am", "which", "when", "where", "who", "whos", "isnt", "arent", "shouldnt", "wont", "might",
        ]

        static let correctionOpeners: Set<String> = ["actually", "sorry", "correction", "oops", "wait", "whoops"]
        static let correctionPhrases = PhraseTable<Bool>([
            ("i meant", true), ("i mean", true), ("my mistake", true), ("my bad", true), ("let me correct", true),
            ("i was wrong", true), ("i got that wrong", true), ("i said that wrong", true), ("not right", true),
        ])

        /// Reads `text`, the answer to `pending` (`nil` once the interview is finished), on `today`.
        public func read(_ text: String, pending: Question?, today: CalendarDate? = nil) -> Understood {
            var result = Understood()
            let raw = Tokenizer.tokens(text)
            let hasWords = raw.contains { Tokenizer.isWord($0) || Tokenizer.isDigits($0) }
            guard hasWords else {
                if let pending { result.pending = Understanding.read(text, as: pending.kind, phrases: pending.phrases) }
                return result
            }
            let corrected = Typos.correct(raw, vocabulary: vocabulary, limit: 40, protected: Story.protectedWords)
            let first = raw.first ?? ""
            let asks = raw.contains("?") || first == "why" || first == "what" || first == "whats"
            let opensAsQuestion =
                Self.interrogatives.contains(first) || (first == "tell" && raw.dropFirst().first == "me")
            let topic = topic(in: corrected)
            result.isQuestion = opensAsQuestion && (asks || topic != nil)
            if asks || result.isQuestion { result.topic = topic }
            // A question's own words ("why does my eye twitch?") are not a story: read only what follows it.
            var storyTokens = corrected
            if result.isQuestion {
                let end = corrected.firstIndex(of: "?").map { $0 + 1 } ?? corrected.count
                storyTokens = Array(corrected[end...])
            }
            let story = Story.read(corrected: storyTokens, today: today)
            var values = story
            for id in ["opening", "urgent", pending?.id ?? ""] { values[id] = nil }
            // Places named with other symptoms ("numbness in my hand") are not where it twitches.
            if pending?.id == "other_symptoms" { values["locations"] = nil }
            result.values = values
            result.corrects =
                Self.correctionOpeners.contains(first) || Self.correctionPhrases.occurs(in: corrected)
                || Self.notBeforeANumber(corrected)
            result.side = Self.sideAlone(corrected, values: values)
            guard let pending else { return result }
            if pending.kind == .text {
                result.pending = Understanding.read(text, as: .text)
                return result
            }
            let correcting = (result.corrects && !values.isEmpty) || result.side != nil
            if result.isQuestion || correcting { return result }
            var reading = Understanding.read(text, as: pending.kind, phrases: pending.phrases, today: today)
            // "always the same spot": what the story reader finds answers the question too.
            if reading == .unclear, let value = story[pending.id], value.kind == pending.kind {
                reading = .value(value)
            }
            result.pending = reading
            return result
        }

        /// The topic of the longest `asks` phrase in `tokens`.
        func topic(in tokens: [String]) -> String? {
            topics.longestMatch(in: tokens)?.value
        }

        /// "3 weeks, not 3 days": a "not" right before a quantity.
        static func notBeforeANumber(_ tokens: [String]) -> Bool {
            for (index, token) in tokens.enumerated() where token == "not" {
                if let quantity = Numbers.parse(tokens, at: index + 1), !quantity.isArticle { return true }
            }
            return false
        }

        /// A side named with no body part and nothing else ("no, the left one", "the right side, not the left").
        static func sideAlone(_ tokens: [String], values: [String: Value]) -> Side? {
            guard values.isEmpty, tokens.count <= 12 else { return nil }
            var side: Side?
            for (index, token) in tokens.enumerated() {
                if BodySites.parts.match(tokens, at: index) != nil { return nil }
                let found: Side? =
                    switch token {
                    case "left": .left
                    case "right": .right
                    case "both": .both
                    default: nil
                    }
                guard let found else { continue }
                let negated = tokens[max(0, index - 2)..<index].contains("not")
                if !negated, side == nil { side = found }
            }
            guard side != nil else { return nil }
            let first = tokens.first ?? ""
            let cue =
                ["no", "nope", "actually", "sorry", "wait", "oops", "its", "it", "the"].contains(first)
                || tokens.contains("one") || tokens.contains("side")
            return cue ? side : nil
        }
    }
}
