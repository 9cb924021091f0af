import Screening

/// Recognizes "I don't know" in all its forms; it wins over everything else in the answer.
enum Unknowns {
    /// Phrases that mean the person does not know.
    static let phrases = PhraseTable<Bool>([
        ("dont know", true), ("do not know", true), ("didnt know", true), ("dunno", true), ("idk", true),
        ("no idea", true), ("not sure", true), ("unsure", true), ("cant remember", true), ("cannot remember", true),
        ("can not remember", true), ("dont remember", true), ("do not remember", true), ("cant recall", true),
        ("dont recall", true), ("not certain", true), ("no clue", true), ("hard to say", true), ("cant say", true),
        ("i forget", true), ("i forgot", true), ("who knows", true), ("not known", true), ("unknown", true),
    ])

    /// Whether the tokens say "I don't know".
    static func matches(_ tokens: [String]) -> Bool { phrases.occurs(in: tokens) }

    /// Words the recognizer uses, for the typo corrector.
    static let vocabulary: Set<String> = phrases.words
}
