import Assessment
import Screening

/// Reads yes or no. The leftmost phrase decides ("yes, started sertraline last week" → yes); longer phrases win
/// at the same place ("I do not" over "I do"). "Maybe", "possibly" and "perhaps" are `.unknown`.
enum YesNo {
    /// What a phrase says.
    enum Answer: Sendable {
        case yes, no, unsure
    }

    /// Yes and no phrases.
    static let phrases = PhraseTable<Answer>([
        ("yes", .yes), ("y", .yes), ("yeah", .yes), ("yea", .yes), ("ya", .yes), ("ye", .yes), ("yep", .yes),
        ("yup", .yes),
        ("aye", .yes),
        ("yes please", .yes), ("sure", .yes), ("definitely", .yes), ("of course", .yes), ("absolutely", .yes),
        ("certainly", .yes), ("i do", .yes), ("i am", .yes), ("im", .yes), ("i have", .yes), ("ive", .yes),
        ("i did", .yes), ("it does", .yes), ("it is", .yes), ("correct", .yes), ("right", .yes),
        ("thats right", .yes), ("true", .yes), ("a lot", .yes), ("lots", .yes), ("a little", .yes), ("a bit", .yes),
        ("somewhat", .yes), ("kind of", .yes), ("kinda", .yes), ("sort of", .yes), ("i think so", .yes),
        ("probably", .yes), ("ok", .yes), ("okay", .yes), ("affirmative", .yes), ("indeed", .yes),
        ("sometimes", .yes), ("occasionally", .yes), ("some", .yes), ("bit", .yes), ("abit", .yes),
        ("quite a bit", .yes), ("a fair bit", .yes),
        ("loads", .yes), ("very", .yes), ("massively", .yes), ("extremely", .yes), ("always", .yes),
        ("a lot of", .yes), ("tons", .yes), ("heaps", .yes), ("for sure", .yes), ("totally", .yes), ("usually", .yes),
        ("mostly", .yes), ("often", .yes),
        ("no", .no), ("n", .no), ("nope", .no), ("nah", .no), ("naw", .no), ("not really", .no), ("never", .no),
        ("not at all", .no), ("none", .no), ("i dont", .no), ("i do not", .no), ("i havent", .no),
        ("i have not", .no), ("i have never", .no), ("ive never", .no), ("i am not", .no), ("im not", .no),
        ("i didnt", .no), ("i did not", .no), ("it doesnt", .no), ("it does not", .no), ("it isnt", .no),
        ("no way", .no), ("definitely not", .no), ("of course not", .no), ("absolutely not", .no),
        ("certainly not", .no), ("probably not", .no), ("i dont think so", .no), ("not that i know of", .no),
        ("not much", .no), ("false", .no), ("incorrect", .no), ("negative", .no), ("nothing", .no),
        ("not", .no), ("dont", .no), ("doesnt", .no), ("havent", .no), ("hasnt", .no), ("isnt", .no),
        ("maybe", .unsure), ("possibly", .unsure), ("perhaps", .unsure), ("might", .unsure),
        ("could be", .unsure), ("maybe not", .unsure), ("maybe a little", .yes), ("maybe a bit", .yes),
        ("maybe slightly", .yes), ("maybe a little bit", .yes),
    ])

    /// Reads yes or no.
    /// "Right" says yes only alone or before punctuation: "right now? no" and "right arm" do not.
    static func read(_ tokens: [String]) -> Reading {
        var start = 0
        var match = phrases.firstMatch(tokens, from: start)
        while let found = match, found.end - found.start == 1, tokens[found.start] == "right",
            found.end < tokens.count, Tokenizer.isWord(tokens[found.end])
        {
            start = found.end
            match = phrases.firstMatch(tokens, from: start)
        }
        guard let found = match else { return .unclear }
        switch found.value {
        case .yes: return .value(.yesNo(true))
        case .no: return .value(.yesNo(false))
        case .unsure: return .unknown
        }
    }

    /// Words the reader uses, for the typo corrector.
    static let vocabulary: Set<String> = phrases.words
}
