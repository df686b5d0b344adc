import PersonalDataLedger
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Dates as a letter to a person writes them: `2. mars 2026`, `2 March 2026`, always in UTC.
///
/// Written by hand rather than through a locale-dependent formatter, so a letter reads the same
/// on every machine and FoundationEssentials suffices.
enum LetterDate {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
    private static let norwegianMonths = [
        "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
        "oktober", "november", "desember",
    ]

    /// The day, such as `2 March 2026` or `2. mars 2026`.
    static func day(_ date: Date, in language: ReportLanguage) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 1970
        let month = (parts.month ?? 1) - 1
        let day = parts.day ?? 1
        switch language {
        case .english: return "\(day) \(englishMonths[month]) \(year)"
        case .norwegianBokmal: return "\(day). \(norwegianMonths[month]) \(year)"
        }
    }

    /// The day and the time of day in UTC, such as `2 March 2026, 10:04 UTC`.
    static func dayAndTime(_ date: Date, in language: ReportLanguage) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        let time = (hour < 10 ? "0" : "") + "\(hour)" + ":" + (minute < 10 ? "0" : "") + "\(minute)"
        let separator = language == .english ? ", " : " kl. "
        return day(date, in: language) + separator + time + " UTC"
    }
}
