import PersonalDataLedger
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension AccessReport {
    /// The "kept until" lines of a group of held data: one line when every value in the group
    /// ends alike, otherwise one per end with the categories it applies to.
    func keptUntilLines(for group: [HeldData], language: ReportLanguage) -> [String] {
        let label = language == .english ? "Kept until" : "Lagres til"
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

    /// The words for a retention end, in `language`.
    func describe(_ end: RetentionEnd, _ language: ReportLanguage) -> String {
        let english = language == .english
        switch end {
        case .date(let date):
            if date <= generatedAt {
                return english
                    ? "due for erasure since \(Self.timestamp(date))"
                    : "skal slettes, fristen var \(Self.timestamp(date))"
            }
            // A period counted in days ends at midnight: name the last day kept.
            if date.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 0 {
                let lastDay = date.addingTimeInterval(-86_400)
                return lastDay.formatted(Date.ISO8601FormatStyle().year().month().day())
            }
            return Self.timestamp(date)
        case .event(let events, let withdrawal):
            var parts = events.map { Self.eventWords($0, english: english) }
            if withdrawal { parts.append(english ? "you withdraw your consent" : "du trekker samtykket") }
            return parts.joined(separator: english ? " or " : " eller ")
                + (english ? " (then as the rule says)" : " (deretter etter regelen over)")
        case .noLimit:
            return english ? "no fixed end" : "ingen fast sluttdato"
        case .undetermined:
            return english ? "not yet determined" : "ikke fastsatt ennå"
        }
    }

    private static func eventWords(_ kind: LifecycleKind, english: Bool) -> String {
        let words: [LifecycleKind: (String, String)] = [
            .orderDelivered: ("the order is delivered", "ordren er levert"),
            .caseClosed: ("the case is closed", "saken er avsluttet"),
            .campaignEnded: ("the campaign is over", "kampanjen er avsluttet"),
            .applicationRejected: ("the application is rejected", "søknaden er avslått"),
            .applicantHired: ("the applicant is hired", "søkeren er ansatt"),
            .employmentEnded: ("the employment ends", "arbeidsforholdet er avsluttet"),
        ]
        guard let pair = words[kind] else { return kind.rawValue }
        return english ? pair.0 : pair.1
    }

    /// The note after a consent in force that was given under an older policy than the current
    /// major version.
    static func staleConsentNote(_ language: ReportLanguage) -> String {
        language == .english
            ? " — given under an earlier policy version than the one now in force"
            : " — gitt under en eldre versjon av personvernerklæringen enn den som nå gjelder"
    }
}
