import Assessment
import Screening

/// Reads durations ("3 days", "a couple of months", "an hour and a half", "2-3 weeks", "1 hour 30 minutes") and,
/// from them, when twitching started (`.daysAgo`) and how long one twitch lasts (`.episode`).
enum Durations {
    static let minute = 60.0
    static let hour = 3_600.0
    static let day = 86_400.0
    static let week = 7 * day
    /// A month is 30 days.
    static let month = 30 * day
    /// A year is 365 days.
    static let year = 365 * day

    /// Units and their length in seconds.
    static let units: [String: Double] = [
        "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
        "min": minute, "mins": minute, "minute": minute, "minutes": minute,
        "h": hour, "hr": hour, "hrs": hour, "hour": hour, "hours": hour,
        "d": day, "day": day, "days": day, "night": day, "nights": day,
        "wk": week, "wks": week, "week": week, "weeks": week, "fortnight": 2 * week, "fortnights": 2 * week,
        "mo": month, "mos": month, "month": month, "months": month,
        "yr": year, "yrs": year, "year": year, "years": year,
    ]

    /// Units that, written alone, mean "a couple of them" ("for weeks", "years").
    static let plurals: Set<String> = [
        "seconds", "minutes", "hours", "days", "weeks", "months", "years", "secs", "mins", "hrs", "wks", "mos", "yrs",
    ]

    /// Whether `tokens` say "weeks" with no number before it ("for weeks now", "weeks"), not "2 weeks".
    static func countlessWeeks(_ tokens: [String]) -> Bool {
        tokens.indices.contains { index in
            tokens[index] == "weeks" && (index == 0 || Numbers.parse(tokens, at: index - 1) == nil)
        }
    }

    /// Words that may sit between a quantity and its unit ("3 more days", "a good month").
    static let fillers: Set<String> = ["more", "full", "good", "whole", "odd"]

    /// A duration found in tokens.
    struct Found {
        var seconds: Double
        var end: Int
    }

    /// The duration that starts at `index`, if any.
    ///
    /// - Parameters:
    ///   - extraUnits: units particular to the question (a "moment" for one twitch).
    ///   - barePlurals: whether a plural unit alone counts ("for weeks" → 2 weeks).
    static func duration(
        _ tokens: [String], at index: Int, extraUnits: [String: Double] = [:], barePlurals: Bool = true
    ) -> Found? {
        func unit(_ token: String) -> Double? { units[token] ?? extraUnits[token] }
        guard index < tokens.count else { return nil }
        if barePlurals, plurals.contains(tokens[index]), let length = unit(tokens[index]) {
            return Found(seconds: 2 * length, end: index + 1)
        }
        guard let quantity = Numbers.parse(tokens, at: index) else { return nil }
        var end = quantity.end
        while end < tokens.count, end < quantity.end + 2, fillers.contains(tokens[end]) {
            end += 1
        }
        guard end < tokens.count, let length = unit(tokens[end]) else { return nil }
        if tokens[end].utf8.count == 1, !quantity.isDigits { return nil }
        // "my 12 year old son": an age, not a time.
        if end + 1 < tokens.count, tokens[end + 1] == "old" { return nil }
        var seconds = quantity.value * length
        end += 1
        // "a month and a half"
        let half = Numbers.withHalf(Numbers.Quantity(value: 0, end: end), tokens)
        if half.end > end {
            seconds += half.value * length
            end = half.end
        }
        // "a week or two"
        if end + 1 < tokens.count, tokens[end] == "or", let other = Numbers.single(tokens, at: end + 1),
            !other.isArticle, other.value > quantity.value
        {
            seconds = (seconds + other.value * length) / 2
            end = other.end
            if end < tokens.count, unit(tokens[end]) == length { end += 1 }
        }
        // "1 hour 30 minutes", "2 weeks and 3 days"
        let next = end < tokens.count && tokens[end] == "and" ? end + 1 : end
        if let more = duration(tokens, at: next, extraUnits: extraUnits, barePlurals: false),
            more.seconds < length, Numbers.parse(tokens, at: next) != nil
        {
            seconds += more.seconds
            end = more.end
        }
        return Found(seconds: seconds, end: end)
    }

    // MARK: When it started

    /// Phrases for when it started, in days ago.
    static let whenPhrases = PhraseTable<Double>([
        ("yesterday", 1), ("day before yesterday", 2), ("today", 0), ("earlier today", 0.25),
        ("this morning", 0.25), ("this afternoon", 0.1), ("this evening", 0), ("tonight", 0), ("just now", 0),
        ("last night", 0.5), ("this week", 3), ("earlier this week", 3), ("the other day", 3),
        ("last week", 7), ("past week", 7), ("a week ago", 7), ("fortnight ago", 14), ("a fortnight ago", 14),
        ("last month", 30), ("past month", 30), ("the whole month", 30), ("whole month", 30), ("the entire month", 30),
        ("all month", 30),
        ("this month", 15), ("last year", 365), ("past year", 365),
        ("this year", 180), ("for ages", 60), ("ages now", 60), ("been ages", 60), ("ages ago", 60),
        ("been months", 60),
        ("a long time", 60),
        ("a long time ago", 60), ("a long while", 60), ("for a long time", 60), ("for a while now", 30),
        ("forever", 60), ("for donkeys", 60), ("donkeys years", 365),
    ])

    /// Words before a duration that make it a little longer ("just over 2 weeks" is more than two weeks).
    static let overWords: Set<String> = ["over", "more", "longer", "beyond", "past"]

    /// `days`, a little longer when the words around the duration say so: "just over 2 weeks", "2 weeks and a bit",
    /// "2 weeks, maybe longer", "2 weeks or more" are more than two weeks.
    static func lengthened(_ days: Double, _ clause: [String], start: Int, end: Int) -> Double {
        guard days >= 1 else { return days }
        // "for the past 5 days" is five days; "just past 2 weeks" is more.
        // "more like 10 days" is ten days.
        let before = clause[max(0, start - 3)..<start].enumerated().filter { offset, word in
            let position = max(0, start - 3) + offset
            if word == "more", position + 1 < clause.count, ["like", "or"].contains(clause[position + 1]) {
                return false
            }
            return word != "past" || (position > 0 && clause[position - 1] != "the")
        }.map(\.element)
        let after = clause[min(end, clause.count)..<min(clause.count, end + 4)]
        let andABit = after.first == "and" && after.contains("bit")
        if before.contains(where: overWords.contains) || andABit || after.first == "plus"
            || after.contains("longer") || after.contains("more")
        {
            return days + 1
        }
        return days
    }

    /// Words of a clause that say how the twitching changed, not when it started ("it got worse this week").
    static let changeWords: Set<String> = [
        "worse", "worsened", "worsening", "increased", "intensified", "flared", "spread", "spreading", "bad",
        "badly", "stronger", "picked", "ramped",
    ]
    static let startWords: Set<String> = ["started", "start", "began", "begun", "noticed", "first", "since"]

    /// Clauses for competing times: split at "but", "though" and punctuation ("2 weeks and 3 days" stays whole).
    static func clauses(_ tokens: [String]) -> [[String]] {
        tokens.split(whereSeparator: { [",", ".", ";", "!", "?", "but", "though", "although"].contains($0) })
            .map(Array.init)
    }

    /// Reads when twitching was first noticed, in days ago.
    ///
    /// Competing readings are resolved by rule, not by position: a time said of a change ("it got much worse
    /// this week") gives way to one said of the start ("but I first noticed it back in the summer"), and of two
    /// starts that disagree the earlier one (the longer ago) is taken. "Over" makes a duration a little longer
    /// ("just over 2 weeks" is more than two weeks).
    static func readDaysAgo(_ tokens: [String], today: CalendarDate? = nil) -> Reading {
        var candidates: [(days: Double, change: Bool, start: Bool)] = []
        // The unit of the last duration read and its quantity: "maybe 2 weeks, maybe 3" offers 3 weeks too.
        var lastUnit: (length: Double, quantity: Double)?
        // "3 weeks ago. sorry no, 3 days": the times said before a correction give way to those said after it.
        var corrected = false
        func add(_ days: Double, _ change: Bool, _ start: Bool) {
            if corrected {
                candidates.removeAll()
                corrected = false
            }
            candidates.append((days, change, start))
        }
        let clauses = Self.clauses(tokens)
        for (number, clause) in clauses.enumerated() {
            // "my brother had the same thing last month": the time of something else.
            if Story.aboutAnotherEvent(clause) { continue }
            // "i had it once years ago for a day, but this time it started on monday"
            if Story.recurrence(clause, after: Array(clauses[..<number])) { candidates.removeAll() }
            let change = clause.contains(where: changeWords.contains)
            let start = clause.contains(where: startWords.contains)
            if corrects(clause), !candidates.isEmpty { corrected = true }
            // "2 weeks, maybe a bit more": more than two weeks.
            if number > 0, !candidates.isEmpty, saysMore(clause) { candidates[candidates.count - 1].days += 1 }
            var index = 0
            while index < clause.count {
                if let found = Dates.match(clause, at: index, today: today) {
                    if let days = found.days { add(days, change, start) }
                    index = found.end
                    continue
                }
                // "same eye as last year": a comparison, not when it began.
                if let phrase = whenPhrases.match(clause, at: index), index > 0,
                    ["as", "than"].contains(clause[index - 1])
                {
                    index = phrase.end
                    continue
                }
                if let phrase = whenPhrases.match(clause, at: index) {
                    // "a fortnight ago maybe a bit more": more than two weeks.
                    add(lengthened(phrase.value, clause, start: index, end: phrase.end), change, start)
                    index = phrase.end
                    continue
                }
                if let found = duration(clause, at: index) {
                    let days = lengthened(found.seconds / day, clause, start: index, end: found.end)
                    if days <= 100 * 365, !sinceLastTime(clause, before: index) {
                        add(days, change, start)
                    }
                    // ("a week, maybe two": "a" is one.)
                    if let quantity = Numbers.single(clause, at: index), quantity.value > 0,
                        found.end > quantity.end, let length = units[clause[found.end - 1]]
                    {
                        lastUnit = (length, quantity.value)
                    }
                    index = found.end
                    continue
                }
                // "maybe 3", "or 3", "even 3" after "2 weeks": the same unit.
                if let (length, quantity) = lastUnit, let other = alternative(clause, at: index),
                    other.value > quantity
                {
                    let days = other.value * length / day
                    if days <= 100 * 365 { add(days, change, start) }
                    index = other.end
                    continue
                }
                index += 1
            }
        }
        let onsets = candidates.filter { !$0.change || $0.start }
        guard let best = (onsets.isEmpty ? candidates : onsets).map(\.days).max() else {
            return .unclear
        }
        return .value(.daysAgo(best))
    }

    /// Words that correct what was said before ("sorry no, 3 days", "no wait, more like 10 days", "I mean").
    static let correctionWords: Set<String> = [
        "sorry", "wait", "correction", "typo", "scratch", "actually", "oops", "whoops",
    ]

    /// Whether `words` correct what was said before them.
    static func corrects(_ words: some Collection<String>) -> Bool {
        words.contains(where: correctionWords.contains)
            || zip(words, words.dropFirst()).contains { $0 == "i" && $1 == "mean" }
    }

    /// Words around "more" in a clause that only lengthens the time before it ("maybe a bit more").
    static let moreHedges: Set<String> = [
        "maybe", "perhaps", "possibly", "probably", "a", "bit", "little", "or", "even", "slightly", "so", "prob",
    ]

    /// Whether `clause` only says "a bit more", "maybe longer" (of the time before it).
    static func saysMore(_ clause: [String]) -> Bool {
        let words = clause.filter { !moreHedges.contains($0) }
        return words == ["more"] || words == ["longer"]
    }

    /// Words between "in" and a duration ("in about 3 years").
    static let approximations: Set<String> = [
        "about", "around", "like", "over", "nearly", "almost", "roughly", "maybe",
    ]

    /// Whether the duration at `index` says how long since something was last done ("first time in about 3 years",
    /// "haven't been to the gym in 3 years"), not when the twitching started: it follows "in", and not "in the
    /// last" or "in the past".
    static func sinceLastTime(_ clause: [String], before index: Int) -> Bool {
        var look = index - 1
        while look >= 0, approximations.contains(clause[look]) { look -= 1 }
        return look >= 0 && clause[look] == "in"
    }

    /// Words before a bare number that offer it as another quantity of the last unit ("2 weeks, maybe 3").
    static let alternativeWords: Set<String> = [
        "maybe", "perhaps", "possibly", "or", "even", "probably", "prob", "actually", "like", "nearer", "closer", "be",
    ]

    /// The bare number at `index` offered as another quantity of a unit said before ("2 weeks, maybe 3"): after an
    /// alternative word, not an article, and not a number of something else ("1 week ago, like 5 times a day").
    static func alternative(_ tokens: [String], at index: Int) -> Numbers.Quantity? {
        guard index > 0, alternativeWords.contains(tokens[index - 1]), let other = Numbers.single(tokens, at: index),
            !other.isArticle
        else { return nil }
        let ends =
            other.end == tokens.count || [",", ".", "?", "!"].contains(tokens[other.end])
            || alternativeEnds.contains(tokens[other.end])
        return ends ? other : nil
    }

    /// Words that may follow such a number ("maybe 3 or 4", "more like 3 i think").
    static let alternativeEnds: Set<String> = [
        "or", "maybe", "perhaps", "probably", "i", "im", "now", "already", "at", "tops", "max", "even", "ish", "really",
    ]

    // MARK: How long one twitch lasts

    /// Units particular to one twitch.
    static let momentUnits: [String: Double] = ["moment": 1, "moments": 1, "instant": 1, "instants": 1]

    /// Phrases for one twitch.
    static let episodePhrases = PhraseTable<Episode>(
        [
            ("continuous", .continuous), ("continuously", .continuous), ("constant", .continuous),
            ("constantly", .continuous), ("all the time", .continuous), ("nonstop", .continuous),
            ("non stop", .continuous), ("doesnt stop", .continuous), ("does not stop", .continuous),
            ("never stops", .continuous), ("never stop", .continuous), ("wont stop", .continuous),
            ("on and on", .continuous), ("keeps going", .continuous), ("without stopping", .continuous),
            ("all day", .continuous), ("persistent", .continuous), ("never really stops", .continuous),
            ("doesnt really stop", .continuous), ("never goes away", .continuous), ("always there", .continuous),
            ("it never stops", .continuous), ("dont stop", .continuous), ("never switches off", .continuous),
            ("doesnt switch off", .continuous), ("never lets up", .continuous), ("doesnt let up", .continuous),
            ("wont let up", .continuous), ("never fully stops", .continuous), ("never completely stops", .continuous),
            ("never totally stops", .continuous), ("doesnt fully stop", .continuous), ("doesnt ever stop", .continuous),
            // "it goes on for hours at a time": one twitch that lasts hours is as good as continuous.
            ("hours at a time", .continuous), ("goes on for hours", .continuous), ("lasts for hours", .continuous),
            ("lasts hours", .continuous), ("hasnt stopped once", .continuous),
            ("hasnt stopped for a single second", .continuous), ("not stopped for a single second", .continuous),
            ("hasnt stopped for a second", .continuous), ("not stopped once", .continuous),
            ("never really off", .continuous), ("its never off", .continuous),
            ("just a jerk", .seconds(1)), ("a jerk", .seconds(1)), ("a quick jerk", .seconds(1)),
            ("one jerk", .seconds(1)), ("a single jerk", .seconds(1)), ("just a jump", .seconds(1)),
            ("split second", .seconds(1)), ("fraction of a second", .seconds(0.5)), ("brief", .seconds(1)),
            ("briefly", .seconds(1)), ("very brief", .seconds(1)), ("quick", .seconds(1)), ("very quick", .seconds(1)),
            ("blink", .seconds(1)), ("short", .seconds(1)), ("very short", .seconds(1)), ("not long", .seconds(1)),
            ("never ending", .continuous), ("neverending", .continuous), ("endless", .continuous),
        ] + (notStopped + neverStill + neverStops).map { ($0, Episode.continuous) })

    /// Twitching that has not stopped ("has not stopped since yesterday", "hasn't stopped in a month"): one phrase
    /// list for the readers of one twitch and of how often, in answers and in stories.
    static let notStopped = [
        "not stopped since", "hasnt stopped since", "hasnt stopped in", "not stopped in", "hasnt let up in",
        "hasnt let up since", "not let up in", "not let up since", "never stopped since", "its never stopped",
    ]
    /// Twitching that never stops or goes away ("it never really goes away", "doesn't really switch off"): one list
    /// for the readers of one twitch and of how often, in answers and in stories.
    static let neverStops = [
        "never really goes away", "never goes away", "never actually stops", "never actually goes away",
        "doesnt really switch off", "doesnt switch off", "never switches off", "never really switches off",
        "never lets up", "doesnt let up", "wont let up", "never really stops", "doesnt really stop",
        "without any break", "without a break", "never gets a break", "never a break", "no break at all",
        "without ever stopping", "never ever stops", "never fully quiet", "never quiet", "never settles",
        "never really settles", "never calms down", "never stops twitching", "without a single break",
        "never fully goes away", "never completely goes away", "never totally goes away",
        "not a single break",
    ]
    /// Twitching that is never still ("never a moment when it's fully still"), for the readers of one twitch.
    static let neverStill = ["never a moment when", "never fully still"]

    /// Phrases for continuous twitching that, after a length ("a few seconds, constantly"), say how often it comes
    /// rather than that one twitch never stops.
    static let oftenPhrases: Set<String> = [
        "constantly", "constant", "all the time", "all day", "persistent", "always",
    ]

    /// Whether a phrase ending at `end` in "stop" stops something else: "walking doesn't stop the twitch", "nothing
    /// stops it". It says what does not help, not that the twitching never stops.
    static func stopsSomething(_ tokens: [String], after end: Int) -> Bool {
        guard end > 0, end < tokens.count, ["stop", "stops"].contains(tokens[end - 1]) else { return false }
        if ["it", "them"].contains(tokens[end]) { return true }
        return ["the", "my", "this"].contains(tokens[end]) && end + 1 < tokens.count
            && (Story.twitchWords.contains(tokens[end + 1]) || Story.twitchingWords.contains(tokens[end + 1]))
    }

    /// Words just before a phrase for one twitch that deny it ("not constant").
    static let episodeDenials: Set<String> = ["not", "isnt", "arent", "wasnt", "never", "hardly", "rarely", "nt"]

    /// Reads how long one twitch lasts. Continuous anywhere in the answer wins ("a few seconds, but sometimes it
    /// doesn't stop"), as it is the length that needs a doctor, unless said in words that, after a length, tell how
    /// often (`oftenPhrases`); otherwise the first length said. A phrase denied just before ("not constant") is not
    /// read.
    static func readEpisode(_ tokens: [String]) -> Reading {
        var first: Reading?
        var index = 0
        while index < tokens.count {
            if let phrase = episodePhrases.match(tokens, at: index) {
                let denied =
                    index > 0 && episodeDenials.contains(tokens[index - 1]) || stopsSomething(tokens, after: phrase.end)
                if !denied {
                    let words = tokens[index..<phrase.end].joined(separator: " ")
                    if phrase.value == .continuous, first == nil || !oftenPhrases.contains(words) {
                        return .value(.episode(.continuous))
                    }
                    if first == nil { first = .value(.episode(phrase.value)) }
                }
                index = phrase.end
                continue
            }
            if let found = duration(tokens, at: index, extraUnits: momentUnits) {
                if first == nil {
                    first = found.seconds <= year ? .value(.episode(.seconds(found.seconds))) : .unclear
                }
                index = found.end
                continue
            }
            // "second or two", "minute or so": a unit alone at the start is one of it.
            if index == 0, first == nil, !plurals.contains(tokens[0]), let seconds = units[tokens[0]], seconds < day {
                first = .value(.episode(.seconds(seconds)))
            }
            index += 1
        }
        return first ?? .unclear
    }

    /// Words the readers of this file use, for the typo corrector.
    static let vocabulary: Set<String> = Set(units.keys).union(momentUnits.keys).union(fillers)
        .union(whenPhrases.words).union(episodePhrases.words).union(["ago", "for", "since", "about"])
}
