/// A sign read in every message, whatever question is pending: its lay phrasings and what it means for the case.
public struct Sign: Hashable, Sendable, Codable {
    /// What a sign found as present does to the case.
    public enum Effect: Hashable, Sendable, Codable {
        /// Joins the other-symptoms checklist.
        case symptom(Symptom)
        /// Sets a yes/no question: to yes, or, with `yes: false`, to no ("it moves around" answers "always in the
        /// same place?" no).
        case answer(question: String, yes: Bool = true)
    }

    /// One way of saying the sign: lower-case words, where `*` stands for up to three words. A phrase that only
    /// suggests the sign (`?clumsy`) never affirms it: it asks the confirming question.
    public struct Phrase: Hashable, Sendable, Codable {
        public var words: [String]
        public var suggestsOnly: Bool
        /// Made from the sign's `combinations`, not written out: a written phrase matched at the same word wins over
        /// it ("put me on new tablets" affirms through "put me on").
        public var combined: Bool

        public init(words: [String], suggestsOnly: Bool, combined: Bool = false) {
            self.words = words
            self.suggestsOnly = suggestsOnly
            self.combined = combined
        }
    }

    public var id: String
    public var effect: Effect
    /// A mention also asks the emergency question about right now (breathing, swallowing, speaking).
    public var urgent: Bool
    /// How a read-back names it ("numbness").
    public var noted: String
    /// The yes/no question that confirms a possible mention.
    public var confirm: String
    public var phrases: [Phrase]
    public var source: String
    public var alsoSource: String?

    public init(
        id: String, effect: Effect, urgent: Bool, noted: String, confirm: String, phrases: [Phrase], source: String,
        alsoSource: String? = nil
    ) {
        self.id = id
        self.effect = effect
        self.urgent = urgent
        self.noted = noted
        self.confirm = confirm
        self.phrases = phrases
        self.source = source
        self.alsoSource = alsoSource
    }
}

/// The cue terms that set how a sign is said (NegEx and ConText trigger terms), from the knowledge file.
public struct AssertionCues: Hashable, Sendable, Codable {
    public enum Category: String, CaseIterable, Hashable, Sendable, Codable {
        case negationBefore = "negation_before"
        case negationAfter = "negation_after"
        case possible
        case historical
        case otherPerson = "other_person"
        case pseudo
        case terminators
        case now
        case notNow = "not_now"
    }

    /// Lower-case phrases by category.
    public var terms: [Category: [String]]
    public var source: String
    public var alsoSource: String?

    public init(terms: [Category: [String]], source: String, alsoSource: String? = nil) {
        self.terms = terms
        self.source = source
        self.alsoSource = alsoSource
    }
}
