import Dialogue
import Glibc

/// Local calendar dates from the system clock and time zone: read in the shells, never in the core.
public enum LocalDate {
    /// The local date at `seconds` since 1970.
    public static func at(secondsSince1970 seconds: Double) -> CalendarDate? {
        guard seconds.isFinite, abs(seconds) < 1e15 else { return nil }
        var time = time_t(seconds)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return nil }
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }

    /// Today's local date.
    public static func today() -> CalendarDate? {
        at(secondsSince1970: Double(time(nil)))
    }
}
