import Assessment
import Screening

/// Reads the other-symptoms checklist, with negation.
///
/// A negator ("no", "not", "without", "don't have", "never", "neither", "nor") negates the symptoms after it until
/// a clause boundary (punctuation, "but", "just", "only", "though", "although", "however", "except", "apart from",
/// "some", "slight", "mild", "a bit of", "a little"). So "no weakness or numbness" is none, and "no weakness, just
/// tingling" is tingling. An answer with no symptom left but a "none" word or a negator means none (the empty set);
/// "just twitching" is none too.
enum Symptoms {
    /// What a phrase is.
    enum Word: Sendable {
        case symptom(Symptom)
        case negator
        case boundary
        /// "None", "nothing else": no symptoms.
        case none
    }

    /// Symptom words and phrases.
    static let symptomPhrases: [(String, Symptom)] = [
        ("weak", .weakness), ("weakness", .weakness), ("weaker", .weakness), ("weakening", .weakness),
        ("grip is weaker", .weakness), ("losing strength", .weakness), ("loss of strength", .weakness),
        ("feel weak", .weakness), ("cant grip", .weakness), ("dropping things", .weakness),
        ("muscle loss", .muscleLoss), ("losing muscle", .muscleLoss), ("loss of muscle", .muscleLoss),
        ("wasting", .muscleLoss), ("atrophy", .muscleLoss), ("atrophied", .muscleLoss), ("shrinking", .muscleLoss),
        ("getting smaller", .muscleLoss), ("getting thinner", .muscleLoss), ("smaller", .muscleLoss),
        ("thinner", .muscleLoss), ("muscle wasting", .muscleLoss),
        ("numb", .numbness), ("numbness", .numbness), ("numbing", .numbness),
        ("tingling", .tingling), ("tingly", .tingling), ("tingle", .tingling), ("tingles", .tingling),
        ("pins and needles", .tingling), ("prickling", .tingling), ("buzzing", .tingling),
        ("change in feeling", .sensationChange), ("loss of feeling", .numbness),
        ("cant feel", .sensationChange), ("sensation", .sensationChange), ("sensations", .sensationChange),
        ("no feeling", .numbness), ("feels different", .sensationChange),
        ("change in sensation", .sensationChange), ("loss of sensation", .sensationChange),
        ("fever", .fever), ("temperature", .fever), ("feverish", .fever), ("high temperature", .fever),
        ("chills", .fever),
        ("headache", .headache), ("headaches", .headache), ("migraine", .headache), ("migraines", .headache),
        ("head hurts", .headache), ("head aches", .headache), ("head ache", .headache), ("head pain", .headache),
        ("head is paining", .headache), ("head paining", .headache),
        ("head is aching", .headache), ("head aching", .headache),
        ("nausea", .nausea), ("nauseous", .nausea), ("nauseated", .nausea), ("queasy", .nausea),
        ("feel sick", .nausea), ("feeling sick", .nausea), ("sick to my stomach", .nausea),
        ("like throwing up", .nausea), ("feel like throwing up", .nausea), ("like being sick", .nausea),
        ("like i might throw up", .nausea), ("like i could throw up", .nausea), ("like i might be sick", .nausea),
        ("like i might vomit", .nausea), ("like vomiting", .nausea), ("like puking", .nausea), ("pukey", .nausea),
        ("nearly threw up", .nausea), ("almost threw up", .nausea), ("nearly vomited", .nausea),
        ("almost vomited", .nausea), ("nearly puked", .nausea), ("almost puked", .nausea),
        ("sick in my stomach", .nausea), ("going to throw up", .nausea), ("gonna throw up", .nausea),
        ("going to be sick", .nausea), ("gonna be sick", .nausea), ("going to vomit", .nausea),
        ("vomiting", .vomiting), ("vomit", .vomiting), ("vomited", .vomiting), ("throwing up", .vomiting),
        ("threw up", .vomiting), ("throw up", .vomiting), ("puking", .vomiting), ("puked", .vomiting),
        ("being sick", .vomiting),
        ("sore", .soreness), ("soreness", .soreness), ("aching", .soreness), ("achy", .soreness),
        ("ache", .soreness), ("aches", .soreness), ("stiff", .soreness), ("stiffness", .soreness),
        ("pain", .soreness), ("pains", .soreness), ("painful", .soreness), ("hurts", .soreness), ("tender", .soreness),
    ]

    /// Negators.
    static let negators = [
        "no", "not", "without", "dont have", "do not have", "dont get", "dont feel", "never", "neither", "nor",
        "havent", "hasnt", "dont", "didnt", "isnt", "arent", "nope", "nah", "free of",
    ]

    /// Words that say something is as usual: after a symptom word ("sensation normal", "feeling is fine") or a
    /// body part ("my right leg is fine").
    static let normalWords: Set<String> = ["normal", "fine", "ok", "okay", "alright", "unchanged", "good", "strong"]

    /// Clause boundaries (punctuation is a boundary too).
    static let boundaries = [
        "but", "just", "only", "though", "although", "however", "except", "apart from", "some", "slight", "mild",
        "a bit of", "a little", "a bit", "occasional", "yes", "also", "and also", "plus", "sometimes", "lots of",
        // Degrees, not denials: "head is paining in the evening, not too much" names a symptom, it does not deny one.
        "not too much", "not too bad", "not very", "not much", "not that bad", "not bad", "not a lot", "not so bad",
        "not too", "not that much",
    ]

    /// "None" words.
    static let noneWords = [
        "none", "nothing", "nothing else", "no other symptoms", "no others", "none of them", "none of those", "nil",
        "not really", "no symptoms", "nothing like that", "none of that", "all good", "n", "fine", "feel fine",
        "twitching", "twitches", "twitch", "twitchy", "just the twitching",
    ]

    /// All phrases of the reader.
    static let table: PhraseTable<Word> = PhraseTable(
        symptomPhrases.map { ($0.0, Word.symptom($0.1)) } + negators.map { ($0, Word.negator) }
            + boundaries.map { ($0, Word.boundary) } + noneWords.map { ($0, Word.none) })

    /// Reads the symptoms.
    static func read(_ tokens: [String]) -> Reading {
        let scanned = scan(tokens, with: table)
        if !scanned.found.isEmpty || scanned.sawNegator || scanned.sawNone { return .value(.symptoms(scanned.found)) }
        return .unclear
    }

    /// The symptoms named in `tokens` and not negated: a negator ("no", "without") holds until a clause break or a
    /// boundary word ("but", "just"). Also says whether a negator or a "none" word was seen.
    static func scan(
        _ tokens: [String], with table: PhraseTable<Word>
    ) -> (found: Set<Symptom>, sawNegator: Bool, sawNone: Bool) {
        var found: Set<Symptom> = []
        var negated = false
        var sawNegator = false
        var sawNone = false
        var index = 0
        while index < tokens.count {
            if Tokenizer.clauseBreaks.contains(tokens[index]) {
                negated = false
                index += 1
                continue
            }
            guard let match = table.match(tokens, at: index) else {
                index += 1
                continue
            }
            switch match.value {
            case .symptom(let symptom):
                // "weakness no, wasting no, tingling yes": a symptom answered by the word after it.
                switch Screening.answeredAfter(tokens, at: match.end) {
                case true?:
                    found.insert(symptom)
                    index = match.end + 1
                    continue
                case false?:
                    sawNegator = true
                    index = match.end + 1
                    continue
                case nil:
                    break
                }
                // "sensation normal, power normal": a symptom word said to be normal is not that symptom.
                let after = Array(tokens[match.end..<min(tokens.count, match.end + 2)])
                // ("can't grip like normal" is not.)
                let saidNormal = after.indices.contains { index in
                    normalWords.contains(after[index])
                        && (index == 0 || !["like", "as", "than"].contains(after[index - 1]))
                }
                if !negated, !saidNormal { found.insert(symptom) }
            case .negator:
                negated = true
                sawNegator = true
            case .boundary: negated = false
            case .none: sawNone = true
            }
            index = match.end
        }
        return (found, sawNegator, sawNone)
    }

    /// The symptoms of nerves and muscles: what "no fever, no headache" leaves unsaid.
    static let nerveAndMuscle: Set<Symptom> = [.weakness, .muscleLoss, .numbness, .tingling, .sensationChange]

    /// Whether a checklist answer only denies symptoms it names, and none of nerves and muscles ("no fever no
    /// headache", "no fever, no nausea, just tired"): a careful doctor would still ask about weakness and feeling.
    /// Not when it says "none", "no" alone ("No. I had a fever in March"), or names a symptom as present.
    static func deniesOnlyOthers(_ tokens: [String]) -> Bool {
        var denied: Set<Symptom> = []
        var negated = false
        // A negator whose clause named no symptom is a "no" alone.
        var negatorNamedNothing = false
        var index = 0
        while index < tokens.count {
            if Tokenizer.clauseBreaks.contains(tokens[index]) {
                if negatorNamedNothing { return false }
                negated = false
                index += 1
                continue
            }
            guard let match = table.match(tokens, at: index) else {
                index += 1
                continue
            }
            switch match.value {
            case .symptom(let symptom):
                guard negated, Screening.answeredAfter(tokens, at: match.end) == nil else { return false }
                denied.insert(symptom)
                negatorNamedNothing = false
            case .negator:
                if negatorNamedNothing { return false }
                negated = true
                negatorNamedNothing = true
            case .boundary:
                if negatorNamedNothing { return false }
                negated = false
            case .none:
                return false
            }
            index = match.end
        }
        return !negatorNamedNothing && !denied.isEmpty && denied.isDisjoint(with: nerveAndMuscle)
    }

    /// Words the reader uses, for the typo corrector.
    static let vocabulary: Set<String> = table.words
}
