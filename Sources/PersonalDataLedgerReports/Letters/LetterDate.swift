import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Dates as a letter to a person writes them — one style in every part of a letter: the long
/// date of the letter's language (`2. mars 2026`, `2 mars 2026`, `2. marts 2026`,
/// `2. maaliskuuta 2026`, `2 March 2026`) in the local time of the person's country.
///
/// Written by hand rather than through a locale-dependent formatter, so a letter reads the same
/// on every machine and FoundationEssentials suffices; formats and month names are in
/// ``ReportLabels``.
struct LetterDate {
    let labels: ReportLabels
    /// The zone days and times are read in: the person's country's, or UTC when it is unknown.
    let timeZone: TimeZone
    /// Whether ``timeZone`` is UTC for want of a country, which times then say.
    let isUTC: Bool
    private let calendar: Calendar

    /// Dates in `language`, in the local time of `country` (``Region/timeZone``); in UTC, which
    /// times then say, when `country` is `nil` or has no known zone.
    init(_ language: Language, country: Region?) {
        if let zone = country?.timeZone {
            self.init(language, timeZone: zone, isUTC: false)
        } else {
            self.init(language, timeZone: TimeZone(identifier: "UTC")!, isUTC: true)
        }
    }

    private init(_ language: Language, timeZone: TimeZone, isUTC: Bool) {
        labels = ReportLabels(language)
        self.timeZone = timeZone
        self.isUTC = isUTC
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The day, such as `2 March 2026` or `2. mars 2026`.
    func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return labels(.dayFormat, "\(parts.day ?? 1)", labels.month(parts.month ?? 1), "\(parts.year ?? 1970)")
    }

    /// The day and the local time of day, such as `2. mars 2026 kl. 10.04`; a UTC letter says
    /// so (`2 March 2026, 10:04 UTC`).
    func dayAndTime(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        func twoDigits(_ number: Int) -> String { (number < 10 ? "0" : "") + "\(number)" }
        var time = labels(.timeFormat, twoDigits(parts.hour ?? 0), twoDigits(parts.minute ?? 0))
        if isUTC { time = labels(.timeInUTC, time) }
        return labels(.dayAndTimeFormat, day(date), time)
    }

    /// The last day kept of a retention end: an end at midnight — local, or UTC as periods
    /// counted in UTC days end — keeps data through the day before it; any other end keeps it
    /// through its own day. Every "kept until" of a letter goes through here, so a holding never
    /// shows two different end days.
    func lastDayKept(_ end: Date) -> String {
        let local = calendar.dateComponents([.hour, .minute, .second, .nanosecond], from: end)
        let isLocalMidnight = local.hour == 0 && local.minute == 0 && local.second == 0 && (local.nanosecond ?? 0) == 0
        let isUTCMidnight = end.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 0
        guard isLocalMidnight || isUTCMidnight else { return day(end) }
        if isLocalMidnight { return day(end.addingTimeInterval(-1)) }
        // A UTC-day period: name the UTC day before, which is the day the period counted to.
        return LetterDate(labels.language, country: nil).day(end.addingTimeInterval(-1))
    }
}
