#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The calendar arithmetic of GDPR Art. 12(3) deadlines, in UTC days.
///
/// A request received on day D is due on the same day of the month one month later, or the last
/// day of that month when it has no such day (received 31 January → due 28 February, or 29 in a
/// leap year), as Regulation (EEC, Euratom) No 1182/71 Art. 3(2)(c) counts periods in months. An
/// extension counts the further months from the same day of receipt (received 31 January,
/// extended by two months → due 30 April), never from an already clamped date. The request may
/// be answered until the end of its due day: the deadline instant is that day's last millisecond,
/// 23:59:59.999 UTC.
///
/// Days are UTC calendar days. For the Nordic time zones (UTC+1, UTC+2 in summer) this never
/// gives a later deadline than the local day would: a request arriving shortly after local
/// midnight counts from the UTC day before.
public enum RequestDeadline {
    /// The start (00:00 UTC) of the UTC day containing `date`.
    public static func day(of date: Date) -> Date {
        let days = (date.timeIntervalSince1970 / 86_400).rounded(.down)
        return Date(timeIntervalSince1970: days * 86_400)
    }

    /// The day `months` calendar months after the UTC day of `date`, clamped to the end of the
    /// month; the result is that day's start (00:00 UTC).
    public static func adding(months: Int, to date: Date) -> Date {
        let (year, month, day) = civil(fromDays: Int(day(of: date).timeIntervalSince1970 / 86_400))
        let index = year * 12 + (month - 1) + months
        let newYear = Int((Double(index) / 12).rounded(.down))
        let newMonth = index - newYear * 12 + 1
        let newDay = min(day, daysIn(month: newMonth, year: newYear))
        return Date(timeIntervalSince1970: Double(days(fromCivil: newYear, newMonth, newDay)) * 86_400)
    }

    /// The deadline of a request received on the UTC day of `receivedOn`, answered within
    /// `months` months (1, or up to 3 with an extension): the last millisecond of the due day.
    public static func dueAt(receivedOn: Date, months: Int) -> Date {
        endOfDay(adding(months: months, to: receivedOn))
    }

    /// The last millisecond (23:59:59.999 UTC) of the UTC day of `date`.
    public static func endOfDay(_ date: Date) -> Date {
        day(of: date).addingTimeInterval(86_400 - 0.001)
    }

    /// Whole UTC days from the day of `asOf` to the day of `deadline`: 0 on the due day, negative
    /// once it has passed.
    public static func daysRemaining(until deadline: Date, asOf: Date) -> Int {
        Int(((day(of: deadline).timeIntervalSince1970 - day(of: asOf).timeIntervalSince1970) / 86_400).rounded())
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil and civil_from_days (proleptic Gregorian, day 0 = 1970-01-01).
    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
