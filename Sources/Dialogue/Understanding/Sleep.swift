import Assessment

/// Reads hours of sleep a night: a duration ("about 7 hours", "6h", "7 hours 30 minutes") or a bare quantity
/// ("6", "seven and a half", "5-6"). Bounds are taken as the amount: "less than 5" and "barely 4" are 5 and 4.
/// Outside 0…24 is `.unclear`.
enum Sleep {
    /// Answers that mean no sleep.
    static let zeroPhrases = PhraseTable<Bool>([
        ("none", true), ("no sleep", true), ("not at all", true), ("zero", true), ("nothing", true),
    ])

    /// Reads hours a night.
    static func read(_ tokens: [String]) -> Reading {
        var index = 0
        while index < tokens.count {
            if let found = Durations.duration(tokens, at: index, barePlurals: false) {
                return checked(found.seconds / Durations.hour)
            }
            index += 1
        }
        index = 0
        while index < tokens.count {
            if let quantity = Numbers.parse(tokens, at: index), !quantity.isArticle {
                return checked(quantity.value)
            }
            index += 1
        }
        return zeroPhrases.occurs(in: tokens) ? .value(.hours(0)) : .unclear
    }

    private static func checked(_ hours: Double) -> Reading {
        hours >= 0 && hours <= 24 ? .value(.hours(hours)) : .unclear
    }

    /// Words the reader uses, for the typo corrector.
    static let vocabulary: Set<String> = zeroPhrases.words.union(Durations.units.keys).union([
        "less", "than", "barely", "about", "around", "night", "sleep",
    ])
}
