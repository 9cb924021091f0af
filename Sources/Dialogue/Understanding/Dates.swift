import Screening

/// Reads dates relative to the calendar ("since Monday", "over the weekend", "since March 3", "since the 3rd")
/// as days ago, against a ``CalendarDate`` passed in. Without a date such a phrase is found but has no value:
/// it is unclear, never guessed.
enum Dates {
    /// A calendar phrase found in tokens.
    struct Found {
        /// Days before today, or `nil` when no date was passed in.
        var days: Double?
        var start: Int
        var end: Int
    }

    /// Weekday names (ISO: Monday is 1); abbreviations need "since", "on" or "last" before them.
    static let weekdays: [String: Int] = [
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
        "mondays": 1, "tuesdays": 2, "wednesdays": 3, "thursdays": 4, "fridays": 5, "saturdays": 6, "sundays": 7,
    ]
    static let shortWeekdays: [String: Int] = [
        "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
    ]
    /// Month names; "may" and "march" need a day number or "since"/"in"/"early"/"mid"/"late" next to them.
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
        "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
    /// Seasons, as the month they are read from ("since the summer": the start of July; northern hemisphere).
    static let seasons: [String: Int] = ["spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1]
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]
    static let leadIns: Set<String> = ["since", "on", "last", "from", "starting", "this", "past", "over", "in"]
    static let monthLeadIns: Set<String> = ["since", "in", "early", "mid", "late", "from", "on", "beginning", "end"]

    /// Words the reader uses, for the typo corrector.
    static let vocabulary: Set<String> = Set(weekdays.keys).union(months.keys.filter { $0.utf8.count > 3 })
        .union(["weekend", "since"]).union(seasons.keys)

    /// The first calendar phrase at or after `start`.
    static func find(_ tokens: [String], from start: Int = 0, today: CalendarDate?) -> Found? {
        var index = start
        while index < tokens.count {
            if let found = match(tokens, at: index, today: today) { return found }
            index += 1
        }
        return nil
    }

    /// The calendar phrase that starts at `index`, if any.
    static func match(_ tokens: [String], at index: Int, today: CalendarDate?) -> Found? {
        let word = tokens[index]
        let previous = index > 0 ? tokens[index - 1] : ""
        // "since Monday", "on Tuesday", "last Wed"
        if let weekday = weekdays[word] ?? (leadIns.contains(previous) ? shortWeekdays[word] : nil) {
            let days = today.map { today -> Double in
                let back = (today.weekday - weekday + 7) % 7
                return Double(back == 0 ? 7 : back)
            }
            return Found(days: days, start: index, end: index + 1)
        }
        // "over the weekend", "last weekend"
        if word == "weekend" || word == "weekends", ["the", "last", "this", "over"].contains(previous) {
            let days = today.map { today -> Double in
                let back = (today.weekday - 6 + 7) % 7
                return Double(back == 0 ? 7 : back)
            }
            return Found(days: days, start: index, end: index + 1)
        }
        // "since the summer", "back in the spring", "last winter"
        if let month = seasons[word], ["the", "last", "this", "since", "in"].contains(previous) {
            return Found(days: today.flatMap { daysAgo(month: month, day: 1, today: $0) }, start: index, end: index + 1)
        }
        // "since 2024", "in 2025"
        if let year = Numbers.digits(word), year >= 1950, year <= 2100, year.rounded() == year,
            ["since", "in", "from", "early", "mid", "late"].contains(previous)
        {
            let days = today.flatMap { today -> Double? in
                guard Int(year) <= today.year, let start = CalendarDate(year: Int(year), month: 1, day: 1) else {
                    return nil
                }
                return Double(today.days(since: start))
            }
            return Found(days: days, start: index, end: index + 1)
        }
        // "March 3", "March 3rd", "early March"
        if let month = months[word] {
            let day = dayNumber(tokens, at: index + 1)
            let needsContext = word == "may" || word == "march" || word.utf8.count == 3
            if day == nil, needsContext, !monthLeadIns.contains(previous) { return nil }
            let end = day?.end ?? index + 1
            return Found(
                days: today.flatMap { daysAgo(month: month, day: day?.value ?? 1, today: $0) }, start: index, end: end)
        }
        // "3 March", "the 3rd of March", "since the 3rd"
        if let day = dayNumber(tokens, at: index) {
            var next = day.end
            if next < tokens.count, tokens[next] == "of" { next += 1 }
            if next < tokens.count, let month = months[tokens[next]] {
                return Found(
                    days: today.flatMap { daysAgo(month: month, day: day.value, today: $0) }, start: index,
                    end: next + 1)
            }
            let isOrdinal = day.end > index + 1
            if isOrdinal, previous == "the", index >= 2, ["since", "on", "from"].contains(tokens[index - 2]) {
                let days = today.flatMap { today -> Double? in
                    if day.value <= today.day { return Double(today.day - day.value) }
                    let month = today.month == 1 ? 12 : today.month - 1
                    return daysAgo(month: month, day: day.value, today: today)
                }
                return Found(days: days, start: index, end: day.end)
            }
        }
        return nil
    }

    /// A day of the month at `index`: "3", "3rd", "22 nd".
    static func dayNumber(_ tokens: [String], at index: Int) -> (value: Int, end: Int)? {
        guard index < tokens.count, let value = Numbers.digits(tokens[index]), value >= 1, value <= 31,
            let day = Int(exactly: value)
        else { return nil }
        if index + 1 < tokens.count, ordinalSuffixes.contains(tokens[index + 1]) { return (day, index + 2) }
        return (day, index + 1)
    }

    /// Days from the last `month`/`day` on or before `today` (this year, or last year when it is still to come).
    static func daysAgo(month: Int, day: Int, today: CalendarDate) -> Double? {
        var year = today.year
        if month > today.month || (month == today.month && day > today.day) { year -= 1 }
        guard
            let date = CalendarDate(
                year: year, month: month, day: min(day, CalendarDate.daysIn(month: month, year: year)))
        else { return nil }
        return Double(today.days(since: date))
    }
}
