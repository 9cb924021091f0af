/// A day of the calendar (proleptic Gregorian), passed in by the shell so that the core never reads a clock.
///
/// Relative dates ("since Monday", "over the weekend", "since March 3") are read against it; without one they
/// are unclear, never guessed.
public struct CalendarDate: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    /// 1 (January) … 12.
    public let month: Int
    /// 1 … 31.
    public let day: Int
    /// ISO weekday: 1 is Monday … 7 is Sunday.
    public let weekday: Int

    /// The date, when it exists.
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
            day <= Self.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        let number = Self.dayNumber(year: year, month: month, day: day)
        // Day number 0 (0000-03-01) was a Wednesday (ISO 3).
        weekday = ((number + 2) % 7 + 7) % 7 + 1
    }

    /// Reads `YYYY-MM-DD`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// Days since 0000-03-01; differences of day numbers are differences in days.
    public var dayNumber: Int { Self.dayNumber(year: year, month: month, day: day) }

    /// Whole days from `other` to this date (positive when `other` is earlier).
    public func days(since other: CalendarDate) -> Int { dayNumber - other.dayNumber }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let shifted = month > 2 ? year : year - 1
        let m = month > 2 ? month - 3 : month + 9
        return 365 * shifted + shifted / 4 - shifted / 100 + shifted / 400 + (153 * m + 2) / 5 + day - 1
    }
}
