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

    /// A holiday: a fixed day of the year, or one computed for each year.
    enum Holiday: Sendable {
        case fixed(month: Int, day: Int)
        /// Easter Sunday (Western; the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
        case easter
        /// The `nth` (1-based; 0 for the last) `weekday` (ISO, Monday 1) of `month`: Labor Day, the first Monday
        /// of September; Memorial Day, the last Monday of May; US Thanksgiving, the fourth Thursday of November; the
        /// clocks going back in the UK and the EU, the last Sunday of October (Directive 2000/84/EC), and forward, the
        /// last Sunday of March.
        case weekday(Int, of: Int, nth: Int)

        /// The holiday's date in `year`.
        func date(in year: Int) -> CalendarDate? {
            switch self {
            case .fixed(let month, let day): return CalendarDate(year: year, month: month, day: day)
            case .easter:
                let a = year % 19
                let b = year / 100
                let c = year % 100
                let h = (19 * a + b - b / 4 - (8 * b + 13) / 25 + 15) % 30
                let l = (32 + 2 * (b % 4) + 2 * (c / 4) - h - c % 4) % 7
                let m = (a + 11 * h + 22 * l) / 451
                let month = (h + l - 7 * m + 114) / 31
                let day = (h + l - 7 * m + 114) % 31 + 1
                return CalendarDate(year: year, month: month, day: day)
            case .weekday(let weekday, let month, let nth):
                guard let first = CalendarDate(year: year, month: month, day: 1) else { return nil }
                let firstDay = 1 + (weekday - first.weekday + 7) % 7
                if nth > 0 { return CalendarDate(year: year, month: month, day: firstDay + 7 * (nth - 1)) }
                var day = firstDay
                while day + 7 <= CalendarDate.daysIn(month: month, year: year) { day += 7 }
                return CalendarDate(year: year, month: month, day: day)
            }
        }

        /// Days from the last time the holiday fell, on or before `today`.
        func daysAgo(today: CalendarDate) -> Double? {
            for year in [today.year, today.year - 1] {
                if let date = date(in: year), today.days(since: date) >= 0 { return Double(today.days(since: date)) }
            }
            return nil
        }
    }

    /// Holidays people date things by ("since Halloween", "around bonfire night"); British, Irish, American and
    /// Australian ones with a fixed or computable date.
    static let holidays = PhraseTable<Holiday>([
        ("halloween", .fixed(month: 10, day: 31)), ("hallowe en", .fixed(month: 10, day: 31)),
        ("bonfire night", .fixed(month: 11, day: 5)), ("guy fawkes", .fixed(month: 11, day: 5)),
        ("fireworks night", .fixed(month: 11, day: 5)), ("christmas", .fixed(month: 12, day: 25)),
        ("xmas", .fixed(month: 12, day: 25)), ("christmas eve", .fixed(month: 12, day: 24)),
        ("boxing day", .fixed(month: 12, day: 26)), ("new year", .fixed(month: 1, day: 1)),
        ("new years", .fixed(month: 1, day: 1)), ("new years day", .fixed(month: 1, day: 1)),
        ("new years eve", .fixed(month: 12, day: 31)), ("hogmanay", .fixed(month: 12, day: 31)),
        ("valentines", .fixed(month: 2, day: 14)), ("valentines day", .fixed(month: 2, day: 14)),
        ("st patricks", .fixed(month: 3, day: 17)), ("patricks day", .fixed(month: 3, day: 17)),
        ("paddys day", .fixed(month: 3, day: 17)), ("independence day", .fixed(month: 7, day: 4)),
        ("fourth of july", .fixed(month: 7, day: 4)), ("remembrance day", .fixed(month: 11, day: 11)),
        ("armistice day", .fixed(month: 11, day: 11)), ("veterans day", .fixed(month: 11, day: 11)),
        ("canada day", .fixed(month: 7, day: 1)), ("australia day", .fixed(month: 1, day: 26)),
        ("anzac day", .fixed(month: 4, day: 25)), ("easter", .easter), ("thanksgiving", .weekday(4, of: 11, nth: 4)),
        ("labor day", .weekday(1, of: 9, nth: 1)), ("labour day", .weekday(1, of: 9, nth: 1)),
        ("memorial day", .weekday(1, of: 5, nth: 0)), ("clocks went back", .weekday(7, of: 10, nth: 0)),
        ("clocks went forward", .weekday(7, of: 3, nth: 0)),
    ])

    /// Words the reader uses, for the typo corrector.
    static let vocabulary: Set<String> = Set(weekdays.keys).union(months.keys.filter { $0.utf8.count > 3 })
        .union(["weekend", "since"]).union(seasons.keys).union(holidays.words)

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
        // "since Halloween", "bonfire night", "Easter"
        if let holiday = holidays.match(tokens, at: index) {
            return Found(days: today.flatMap { holiday.value.daysAgo(today: $0) }, start: index, end: holiday.end)
        }
        // "since the start of the month", "at the beginning of this month".
        if ["start", "beginning"].contains(word), previous == "the", index + 3 < tokens.count,
            tokens[index + 1] == "of", ["the", "this"].contains(tokens[index + 2]), tokens[index + 3] == "month"
        {
            return Found(days: today.map { Double($0.day - 1) }, start: index, end: index + 4)
        }
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
            // "the 1st or 2nd of the month": the first day said.
            if next + 1 < tokens.count, tokens[next] == "or", let other = dayNumber(tokens, at: next + 1),
                other.end > next + 2
            {
                next = other.end
            }
            if next < tokens.count, tokens[next] == "of" { next += 1 }
            if next < tokens.count, let month = months[tokens[next]] {
                return Found(
                    days: today.flatMap { daysAgo(month: month, day: day.value, today: $0) }, start: index,
                    end: next + 1)
            }
            let isOrdinal = day.end > index + 1
            // "the 1st or 2nd of the month", "the 3rd of this month": this month's day.
            let ofTheMonth =
                next + 1 < tokens.count && ["the", "this"].contains(tokens[next]) && tokens[next + 1] == "month"
            if isOrdinal, previous == "the",
                ofTheMonth || (index >= 2 && ["since", "on", "from"].contains(tokens[index - 2]))
            {
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
