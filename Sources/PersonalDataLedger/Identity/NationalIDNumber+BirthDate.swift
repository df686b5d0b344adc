#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension NationalIDNumber {
    /// A date of birth in the proleptic Gregorian calendar, as encoded in an identity number.
    public struct BirthDate: Hashable, Comparable, Sendable, CustomStringConvertible {
        /// The year, such as `1986`.
        public let year: Int
        /// The month, 1–12.
        public let month: Int
        /// The day of the month, 1–31.
        public let day: Int

        /// Creates a date, or `nil` when no such day exists.
        public init?(year: Int, month: Int, day: Int) {
            guard Self.isValid(year: year, month: month, day: day) else { return nil }
            self.year = year
            self.month = month
            self.day = day
        }

        /// The date as `YYYY-MM-DD`.
        public var description: String {
            func padded(_ value: Int, _ width: Int) -> String {
                let digits = String(value)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
            return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
        }

        static func isLeapYear(_ year: Int) -> Bool {
            year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        }

        /// Whether the day exists; with no year, 29 February counts as existing.
        static func isValid(year: Int?, month: Int, day: Int) -> Bool {
            guard (1...12).contains(month), day >= 1 else { return false }
            let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            let isLeap = year.map(isLeapYear) ?? true
            return day <= lengths[month - 1] + (month == 2 && isLeap ? 1 : 0)
        }

        /// The current year in UTC.
        static func currentYear() -> Int {
            let days = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))
            // Howard Hinnant's civil-from-days, year only.
            let shifted = days + 719_468
            let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthIndex = (5 * dayOfYear + 2) / 153
            return yearOfEra + era * 400 + (monthIndex >= 10 ? 1 : 0)
        }
    }
}
