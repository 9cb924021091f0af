extension CalendarDate {
    /// The date `days` days later (earlier when negative), if it is within the calendar's years 1–9999.
    public func adding(days: Int) -> CalendarDate? {
        let (number, overflow) = dayNumber.addingReportingOverflow(days)
        guard !overflow, number >= 0 else { return nil }
        // The inverse of `dayNumber` (days since 0000-03-01), after Howard Hinnant's civil_from_days.
        let era = number / 146_097
        let dayOfEra = number - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return CalendarDate(year: year, month: month, day: day)
    }

    /// The date as said in a sentence: "Friday 11 December".
    public var spoken: String {
        let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return "\(weekdays[weekday - 1]) \(day) \(months[month - 1])"
    }

    /// Names the day so many days from this one, for the advice's safety net ("Friday 11 December").
    public var dayNamer: @Sendable (Int) -> String {
        let today = self
        return { days in today.adding(days: days)?.spoken ?? "\(days) days from today" }
    }
}
