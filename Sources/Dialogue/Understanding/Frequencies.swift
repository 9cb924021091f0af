import Assessment
import Screening

/// Reads how often twitching happens into a ``Frequency`` bucket.
///
/// Rates ("3 times a day", "twice a week", "every 2 hours", "every few minutes") become events per day, then:
/// at least 24 a day (about once an hour or more) → `.hourly`; at least 1 a day → `.daily`; at least 1 a week →
/// `.weekly`; less → `.occasional`. So "every other day" (½ a day) is `.weekly`, and "many times a day" (many = 24)
/// is `.hourly`. A count with no period ("once or twice so far", "a few times") is `.occasional`.
enum Frequencies {
    /// Length of rate periods, in days.
    static let periods: [String: Double] = [
        "second": 1 / 86_400, "seconds": 1 / 86_400, "sec": 1 / 86_400, "secs": 1 / 86_400,
        "minute": 1 / 1_440, "minutes": 1 / 1_440, "min": 1 / 1_440, "mins": 1 / 1_440,
        "hour": 1 / 24, "hours": 1 / 24, "hr": 1 / 24, "hrs": 1 / 24, "h": 1 / 24,
        "day": 1, "days": 1, "d": 1, "night": 1, "nights": 1, "morning": 1, "mornings": 1, "evening": 1,
        "evenings": 1, "afternoon": 1,
        "week": 7, "weeks": 7, "wk": 7, "wks": 7, "weekend": 7, "fortnight": 14,
        "month": 30, "months": 30, "mo": 30, "year": 365, "years": 365, "yr": 365,
        "hourly": 1 / 24, "daily": 1, "nightly": 1, "weekly": 7, "monthly": 30, "yearly": 365,
    ]

    /// Words for "times" after a count.
    static let timesWords: Set<String> = ["times", "time", "x"]

    /// Counts that imply "times".
    static let onceWords: [String: Double] = ["once": 1, "twice": 2, "thrice": 3]

    /// Vague large counts ("many times a day"): taken as 24.
    static let manyWords: Set<String> = ["many", "lots", "loads", "tons", "dozens", "plenty", "countless", "multiple"]

    /// Words between "times" and the period.
    static let rateJoiners: Set<String> = ["a", "an", "per", "each", "every", "in", "/", "the"]

    /// Fixed phrases.
    static let phrases = PhraseTable<Frequency>(
        [
            ("constantly", .constant), ("constant", .constant), ("all the time", .constant), ("nonstop", .constant),
            ("non stop", .constant), ("continuously", .constant), ("continuous", .constant), ("always", .constant),
            // "comes and goes all day": on and off, not constant.
            ("comes and goes all day", .daily), ("on and off all day", .daily), ("off and on all day", .daily),
            ("randomly all day", .daily), ("random times all day", .daily), ("randomly throughout the day", .daily),
            ("all day", .constant), ("24 / 7", .constant), ("never stops", .constant), ("doesnt stop", .constant),
            ("not stopping", .constant), ("never stopping", .constant), ("never ending", .constant),
            ("neverending", .constant), ("endless", .constant), ("never fully stops", .constant),
            ("never completely stops", .constant), ("hasnt stopped once", .constant),
            ("hasnt stopped for a single second", .constant), ("hasnt stopped for a second", .constant),
            ("never really off", .constant), ("its never off", .constant),
            ("hourly", .hourly), ("every minute", .hourly), ("every few minutes", .hourly),
            ("every couple of minutes", .hourly), ("every few seconds", .hourly),
            ("daily", .daily), ("every day", .daily), ("everyday", .daily), ("each day", .daily), ("nightly", .daily),
            ("every night", .daily), ("every morning", .daily), ("every evening", .daily), ("per day", .daily),
            ("most days", .daily), ("most nights", .daily), ("every single day", .daily),
            // "in the evenings mainly": at that time of day, day after day.
            ("in the evenings", .daily), ("in the evening", .daily), ("evenings", .daily), ("in the mornings", .daily),
            ("at night mostly", .daily), ("mostly at night", .daily), ("mainly at night", .daily),
            ("weekly", .weekly), ("every week", .weekly), ("each week", .weekly), ("every other day", .weekly),
            ("monthly", .occasional), ("rarely", .occasional), ("rare", .occasional), ("seldom", .occasional),
            ("occasionally", .occasional), ("occasional", .occasional), ("sometimes", .occasional),
            ("now and then", .occasional), ("every now and then", .occasional), ("once in a while", .occasional),
            ("every so often", .occasional), ("from time to time", .occasional), ("not often", .occasional),
            ("hardly ever", .occasional), ("only once", .occasional), ("just once", .occasional),
            ("on and off", .occasional), ("here and there", .occasional), ("infrequently", .occasional),
        ] + (Durations.notStopped + Durations.neverStops + everyMinute).map { ($0, Frequency.constant) })

    /// Every minute of the day ("it's there every single minute"): constant, for the answer and the story readers.
    static let everyMinute = ["every single minute", "every minute of the day"]

    /// Reads how often.
    ///
    /// The first rate said is taken, unless the answer also says the twitching never stops ("every few seconds,
    /// literally nonstop"; not `Durations.oftenPhrases` such as "always", which say how often): that is the rate that
    /// needs a doctor. A phrase denied just before ("not continuous") is
    /// not read.
    static func read(_ tokens: [String]) -> Reading {
        var first: Frequency?
        var index = 0
        while index < tokens.count {
            if let phrase = phrases.match(tokens, at: index) {
                let denied =
                    index > 0 && Durations.episodeDenials.contains(tokens[index - 1])
                    || Durations.stopsSomething(tokens, after: phrase.end)
                let words = tokens[index..<phrase.end].joined(separator: " ")
                if !denied, phrase.value == .constant, first == nil || !Durations.oftenPhrases.contains(words) {
                    return .value(.frequency(.constant))
                }
                if !denied, first == nil { first = phrase.value }
                index = phrase.end
                continue
            }
            if let perDay = every(tokens, at: index) ?? times(tokens, at: index) {
                if first == nil { first = bucket(perDay) }
            }
            index += 1
        }
        return first.map { .value(.frequency($0)) } ?? .unclear
    }

    /// The bucket of a rate in events per day.
    static func bucket(_ perDay: Double) -> Frequency {
        let tolerance = 1e-9
        if perDay >= 24 - tolerance { return .hourly }
        if perDay >= 1 - tolerance { return .daily }
        if perDay >= 1 / 7 - tolerance { return .weekly }
        return .occasional
    }

    /// "every N UNIT" as events per day.
    static func every(_ tokens: [String], at index: Int) -> Double? {
        guard index + 1 < tokens.count, tokens[index] == "every" || tokens[index] == "each" else { return nil }
        var count = 1.0
        var next = index + 1
        if tokens[next] == "other" {
            count = 2
            next += 1
        } else if let quantity = Numbers.parse(tokens, at: next), !quantity.isArticle {
            count = quantity.value
            next = quantity.end
        }
        guard next < tokens.count, let period = periods[tokens[next]], count > 0 else { return nil }
        return 1 / (count * period)
    }

    /// "N times a UNIT", "once or twice a week", "many times a day" as events per day; a count with no period is
    /// taken as rare (0).
    static func times(_ tokens: [String], at index: Int) -> Double? {
        guard let (count, end) = count(tokens, at: index) else { return nil }
        var next = end
        var joined = false
        while next < tokens.count, rateJoiners.contains(tokens[next]) {
            next += 1
            joined = true
        }
        if next < tokens.count, let period = periods[tokens[next]] {
            // "3 times a day", "twice a week", "3x/day"; "3 times in 2 days" is not read.
            return joined || tokens[next].utf8.count > 1 ? count / period : nil
        }
        return 0
    }

    /// A count of times ("once", "twice", "3 times", "a few times", "once or twice", "many times").
    static func count(_ tokens: [String], at index: Int) -> (Double, Int)? {
        guard index < tokens.count else { return nil }
        let word = tokens[index]
        if let first = onceWords[word] {
            let end = index + 1
            if end + 1 < tokens.count, tokens[end] == "or" || tokens[end] == "to",
                let (second, secondEnd) = count(tokens, at: end + 1), second > first
            {
                return ((first + second) / 2, secondEnd)
            }
            return (first, end)
        }
        if manyWords.contains(word) {
            let end = Numbers.skipping(["of"], tokens, at: index + 1)
            guard end < tokens.count, timesWords.contains(tokens[end]) else { return nil }
            return (24, end + 1)
        }
        guard let quantity = Numbers.parse(tokens, at: index), quantity.end < tokens.count,
            timesWords.contains(tokens[quantity.end])
        else { return nil }
        return (quantity.value, quantity.end + 1)
    }

    /// Words the reader uses, for the typo corrector.
    static let vocabulary: Set<String> = Set(periods.keys).union(timesWords).union(onceWords.keys).union(manyWords)
        .union(rateJoiners).union(phrases.words).union(["other", "every", "each"])
}
