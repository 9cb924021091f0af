import Assessment
import Screening

/// Reads hours of sleep a night: a duration ("about 7 hours", "6h", "7 hours 30 minutes") or a bare quantity
/// ("6", "seven and a half", "5-6"). Bounds are taken as the amount: "less than 5" and "barely 4" are 5 and 4. Two clock
/// times ("10pm to 6am") give the hours between them.
/// Outside 0…24 is `.unclear`.
enum Sleep {
    /// Answers that mean no sleep.
    static let zeroPhrases = PhraseTable<Bool>([
        ("none", true), ("no sleep", true), ("not at all", true), ("zero", true), ("nothing", true),
    ])

    /// Reads hours a night.
    static func read(_ tokens: [String]) -> Reading {
        if let span = clockSpan(tokens) { return checked(span) }
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

    /// Hours between two clock times ("10pm to 6am", "11:30 pm - 7 am").
    static func clockSpan(_ tokens: [String]) -> Double? {
        var times: [Double] = []
        var index = 0
        while index < tokens.count, times.count < 2 {
            guard let value = Numbers.digits(tokens[index]), value >= 1, value <= 12, let hour = Int(exactly: value)
            else {
                index += 1
                continue
            }
            var next = index + 1
            var minutes = 0.0
            if next + 1 < tokens.count, tokens[next] == ":", let value = Numbers.digits(tokens[next + 1]),
                value < 60
            {
                minutes = value
                next += 2
            }
            guard next < tokens.count, tokens[next] == "am" || tokens[next] == "pm" else {
                index += 1
                continue
            }
            let isAfternoon = tokens[next] == "pm"
            times.append(Double(hour % 12 + (isAfternoon ? 12 : 0)) + minutes / 60)
            index = next + 1
        }
        guard times.count == 2 else { return nil }
        let span = times[1] - times[0]
        return span < 0 ? span + 24 : span
    }

    private static func checked(_ hours: Double) -> Reading {
        hours >= 0 && hours <= 24 ? .value(.hours(hours)) : .unclear
    }

    /// Words the reader uses, for the typo corrector.
    static let vocabulary: Set<String> = zeroPhrases.words.union(Durations.units.keys).union([
        "less", "than", "barely", "about", "around", "night", "sleep", "am", "pm",
    ])
}
