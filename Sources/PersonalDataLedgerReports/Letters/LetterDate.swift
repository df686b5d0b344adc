import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Dates as a letter to a person writes them: `2. mars 2026`, `2 March 2026`, always in UTC, in
/// the formats and month names of ``ReportLabels``.
///
/// Written by hand rather than through a locale-dependent formatter, so a letter reads the same
/// on every machine and FoundationEssentials suffices.
enum LetterDate {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The day, such as `2 March 2026` or `2. mars 2026`.
    static func day(_ date: Date, in language: Language) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let labels = ReportLabels(language)
        return labels(.dayFormat, "\(parts.day ?? 1)", labels.month(parts.month ?? 1), "\(parts.year ?? 1970)")
    }

    /// The day and the time of day in UTC, such as `2 March 2026, 10:04 UTC`.
    static func dayAndTime(_ date: Date, in language: Language) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        let time = (hour < 10 ? "0" : "") + "\(hour)" + ":" + (minute < 10 ? "0" : "") + "\(minute)"
        return ReportLabels(language)(.dayAndTimeFormat, day(date, in: language), time)
    }
}
