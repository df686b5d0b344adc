import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension AccessReport {
    /// The "kept until" lines of a group of held data: one line when every value in the group
    /// ends alike, otherwise one per end with the categories it applies to.
    func keptUntilLines(for group: [HeldData], language: Language) -> [String] {
        let label = ReportLabels(language)[.keptUntil]
        var ends: [(RetentionEnd, [String])] = []
        for item in group {
            guard let end = item.keptUntil else { continue }
            let category = item.categoryLabel.text(in: language)
            if let index = ends.firstIndex(where: { $0.0 == end }) {
                ends[index].1.append(category)
            } else {
                ends.append((end, [category]))
            }
        }
        if ends.count == 1 { return ["    \(label): \(describe(ends[0].0, language))"] }
        return ends.map { "    \(label) \(describe($0.0, language)): \($0.1.joined(separator: ", "))" }
    }

    /// The last day kept for an end that falls at midnight (a period counted in days); the
    /// instant itself otherwise.
    static func lastDayKept(before end: Date) -> Date {
        end.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 0 ? end.addingTimeInterval(-86_400) : end
    }

    /// The words for a retention end, in `language`.
    func describe(_ end: RetentionEnd, _ language: Language) -> String {
        let t = ReportLabels(language)
        switch end {
        case .date(let date):
            if date <= generatedAt {
                return t(.dueForErasureSince, Self.timestamp(date))
            }
            // A period counted in days ends at midnight: name the last day kept.
            if date.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 0 {
                let lastDay = date.addingTimeInterval(-86_400)
                return lastDay.formatted(Date.ISO8601FormatStyle().year().month().day())
            }
            return Self.timestamp(date)
        case .event(let events, let withdrawal):
            var parts = events.map(t.event)
            if withdrawal { parts.append(t[.eventConsentWithdrawal]) }
            return t(.eventsThenRule, parts.joined(separator: t[.orSeparator]))
        case .noLimit:
            return t[.noFixedEnd]
        case .undetermined:
            return t[.notYetDetermined]
        }
    }
}
