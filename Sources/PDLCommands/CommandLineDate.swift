import Foundation
import PersonalDataLedger

/// A date typed on the command line: `2026-03-01`, `2026-03-01T10:00`, `2026-03-01T10:00:00`, or
/// with an offset, `2026-03-01T10:00:00Z` or `2026-03-01T10:00:00+01:00`.
///
/// Checked when the command's arguments are read, before anything is opened: a day or time that
/// does not exist (`2026-02-31`, `2026-13-01`, `T24:00`) is refused, never rolled over, and so is
/// a year before ``earliestYear`` (a typo). Read into
/// an instant with ``date(in:)``: a day or a time without an offset is the ledger's local time
/// (``localTimeZone(of:)``), so `--received 2026-03-01` is the first moment of 1 March in Oslo,
/// and with `endOfDay` the last. A local time the clocks skip (the spring change) is refused.
struct CommandLineDate {
    private enum Time {
        case startOfDay, endOfDay
        case local(hour: Int, minute: Int, second: Int, nanosecond: Int)
        case instant(Date)
    }

    /// The first year a date typed for the ledger may name: every date the commands take — a
    /// request received, a grant, a policy, a retention cut-off, an event — lies within the
    /// company's records, and a year before this is a slip of the keyboard (`0226-03-01`), which
    /// the ledger itself would accept as a date of the third century.
    static let earliestYear = 1900

    private let option: String
    private let text: String
    private let year: Int, month: Int, day: Int
    private let time: Time

    /// Reads `text` given for `--option`; `endOfDay` makes a bare day its last millisecond.
    init(_ text: String, option: String, endOfDay: Bool = false) throws(UsageError) {
        let usage = UsageError(
            "--\(option) must be a date such as 2026-03-01 or 2026-03-01T10:00, in the ledger's local time, or an "
                + "instant with its offset such as 2026-03-01T10:00:00Z.")
        var scanner = Scanner(text)
        guard let year = scanner.number(digits: 4), scanner.take("-"), let month = scanner.number(digits: 2),
            scanner.take("-"), let day = scanner.number(digits: 2)
        else { throw usage }
        guard CalendarDay.exists(year: year, month: month, day: day) else {
            throw UsageError(
                "--\(option): \(String(text.prefix(10))) is not a day of the calendar (month \(month) has no day \(day)). Check the date."
            )
        }
        guard year >= Self.earliestYear else {
            throw UsageError(
                "--\(option): the year \(String(text.prefix(4))) is before \(Self.earliestYear), which is taken for a typo (such as 0226 for 2026). Check the year."
            )
        }
        (self.option, self.text, self.year, self.month, self.day) = (option, text, year, month, day)
        if scanner.isAtEnd {
            time = endOfDay ? .endOfDay : .startOfDay
            return
        }
        guard scanner.take("T"), let hour = scanner.number(digits: 2),
            scanner.take(":"), let minute = scanner.number(digits: 2)
        else { throw usage }
        var second = 0
        var nanosecond = 0
        if scanner.take(":") {
            guard let value = scanner.number(digits: 2) else { throw usage }
            second = value
            if scanner.take(".") || scanner.take(",") {
                guard let fraction = scanner.fraction() else { throw usage }
                nanosecond = fraction
            }
        }
        guard hour < 24, minute < 60, second < 60 else {
            throw UsageError("--\(option): \(text) is not a time of day (hours 00–23, minutes and seconds 00–59).")
        }
        if scanner.isAtEnd {
            time = .local(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
            return
        }
        var offset = 0
        if scanner.take("Z") || scanner.take("z") {
            offset = 0
        } else {
            let sign: Int
            if scanner.take("+") {
                sign = 1
            } else if scanner.take("-") {
                sign = -1
            } else {
                throw usage
            }
            guard let hours = scanner.number(digits: 2) else { throw usage }
            _ = scanner.take(":")
            guard let minutes = scanner.number(digits: 2), hours <= 14, minutes < 60 else { throw usage }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard scanner.isAtEnd else { throw usage }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        guard let instant = utc.date(from: components) else { throw usage }
        time = .instant(instant.addingTimeInterval(TimeInterval(-offset)))
    }

    /// Whether only a day was given, no time of day.
    var isDay: Bool {
        switch time {
        case .startOfDay, .endOfDay: true
        case .local, .instant: false
        }
    }

    /// The instant for a request's deadline (`--received`, `--as-of` of `pdl requests`): a bare
    /// day is that calendar day as ``RequestDeadline`` counts days — in UTC, so `2026-03-01` is
    /// received on 1 March and not on the UTC day before local midnight; a time is read in
    /// `timeZone`.
    func requestDay(in timeZone: TimeZone?) throws(UsageError) -> Date {
        try date(in: isDay ? TimeZone(secondsFromGMT: 0)! : timeZone)
    }

    /// The instant, reading a day or a time without an offset in `timeZone`; without a zone
    /// only an instant with its offset can be read — anything else is refused rather than read
    /// in UTC by surprise.
    func date(in timeZone: TimeZone?) throws(UsageError) -> Date {
        if case .instant(let instant) = time { return instant }
        guard let timeZone else {
            throw UsageError(
                "--\(option): the ledger's country has no known time zone, so \(text) has no local time. Give the "
                    + "instant with its offset, such as \(text.prefix(10))T10:00:00Z.")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let dayStart = DateComponents(year: year, month: month, day: day)
        switch time {
        case .instant(let instant):
            return instant
        case .startOfDay, .endOfDay:
            // The first moment of the day: midnight, or the first hour after a change at midnight.
            guard let start = calendar.date(from: dayStart).map(calendar.startOfDay(for:)),
                let next = calendar.date(byAdding: .day, value: 1, to: start)
            else { throw UsageError("--\(option): \(text) cannot be read in \(timeZone.identifier).") }
            if case .endOfDay = time { return next.addingTimeInterval(-0.001) }
            return start
        case .local(let hour, let minute, let second, let nanosecond):
            var components = dayStart
            (components.hour, components.minute, components.second, components.nanosecond) =
                (hour, minute, second, nanosecond)
            guard let date = calendar.date(from: components) else {
                throw UsageError("--\(option): \(text) cannot be read in \(timeZone.identifier).")
            }
            let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            guard back.year == year, back.month == month, back.day == day, back.hour == hour, back.minute == minute
            else {
                throw UsageError(
                    "--\(option): \(text) does not exist in \(timeZone.identifier) (the clocks skip it when summer "
                        + "time begins). Give a time after the change, or the instant with its offset.")
            }
            return date
        }
    }

    /// Reads `text` and interprets it in `timeZone` at once, for a date no ledger's zone applies
    /// to (`PDL_NOW`, read in UTC).
    static func parse(_ text: String, option: String, in timeZone: TimeZone) throws(UsageError) -> Date {
        try CommandLineDate(text, option: option).date(in: timeZone)
    }
}

/// The time zone days typed on the command line are read in for `ledger`: the ledger's own, the
/// one its settings count retention days in (`pdl settings set --time-zone`), so a day typed by
/// hand is the same day the retention rules count.
func localTimeZone(of ledger: Ledger) -> TimeZone? {
    ledger.retention.timeZone
}

/// The days of the Gregorian calendar.
enum CalendarDay {
    static func exists(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}

/// Reads ASCII digits and separators from the front of a text.
private struct Scanner {
    private var bytes: ArraySlice<UInt8>

    init(_ text: String) { bytes = Array(text.utf8)[...] }

    var isAtEnd: Bool { bytes.isEmpty }

    /// Consumes `character` if it comes next.
    mutating func take(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, bytes.first == ascii else { return false }
        bytes.removeFirst()
        return true
    }

    /// Consumes exactly `digits` decimal digits.
    mutating func number(digits: Int) -> Int? {
        guard bytes.count >= digits else { return nil }
        var value = 0
        for byte in bytes.prefix(digits) {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        bytes.removeFirst(digits)
        return value
    }

    /// Consumes 1 to 9 digits of a decimal fraction, as nanoseconds.
    mutating func fraction() -> Int? {
        var digits = 0
        var value = 0
        while let byte = bytes.first, byte >= 0x30, byte <= 0x39 {
            guard digits < 9 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            digits += 1
            bytes.removeFirst()
        }
        guard digits > 0 else { return nil }
        for _ in digits..<9 { value *= 10 }
        return value
    }
}
