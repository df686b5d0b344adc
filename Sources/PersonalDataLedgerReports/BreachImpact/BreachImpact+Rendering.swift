public import PersonalDataLedger
#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension BreachImpact {
    /// The assessment as JSON (schema `pdl.breach-impact`, documented in
    /// `Documentation/ExportFormats.md`): pretty-printed, keys sorted, dates in ISO 8601 UTC.
    public func jsonData() throws -> Data {
        try AccessReport.encoder.encode(self)
    }

    /// Reads an assessment from its JSON form.
    public init(jsonData: Data) throws {
        self = try AccessReport.decoder.decode(BreachImpact.self, from: jsonData)
    }

    /// The assessment as plain text for the data protection officer: counts, categories,
    /// recipients and the affected subjects' identifiers — never a value.
    public func plainText(in language: ReportLanguage = .english) -> String {
        let en = language == .english
        func pick(_ english: String, _ norwegian: String) -> String { en ? english : norwegian }
        func time(_ date: Date) -> String { date.formatted(.iso8601) }
        var lines: [String] = []
        lines.append(pick("Breach impact assessment (GDPR Art. 33/34)", "Vurdering av avvik (GDPR art. 33/34)"))
        lines.append(String(repeating: "=", count: lines[0].count))
        lines.append(pick("Systems: ", "Systemer: ") + systems.map(\.rawValue).joined(separator: ", "))
        lines.append(pick("Window: ", "Tidsrom: ") + time(from) + " – " + time(to))
        lines.append(pick("Facts examined: ", "Fakta gjennomgått: ") + "\(factsExamined)")
        lines.append("")
        lines.append(pick("Affected subjects: ", "Berørte registrerte: ") + "\(subjects.count)")
        if holdingsWithErasedIdentifier > 0 {
            lines.append(
                pick(
                    "  plus \(holdingsWithErasedIdentifier) holding(s) of people whose identifier has been erased since",
                    "  og \(holdingsWithErasedIdentifier) registrering(er) om personer hvis identitet er slettet siden")
            )
        }
        lines.append(
            pick("With high-sensitivity data: ", "Med opplysninger av høy sensitivitet: ")
                + "\(highSensitivitySubjects.count)")
        lines.append("")
        lines.append(pick("Categories", "Kategorier"))
        if categories.isEmpty { lines.append(pick("  (none)", "  (ingen)")) }
        for category in categories {
            lines.append(
                "  \(category.category.rawValue) [\(category.sensitivity.rawValue)]: "
                    + pick(
                        "\(category.subjects) subjects, \(category.holdings) holdings",
                        "\(category.subjects) registrerte, \(category.holdings) registreringer"))
        }
        lines.append("")
        lines.append(pick("Per system", "Per system"))
        for system in perSystem {
            lines.append(
                "  \(system.system): "
                    + pick(
                        "\(system.subjects) subjects, \(system.holdings) holdings",
                        "\(system.subjects) registrerte, \(system.holdings) registreringer")
                    + (system.categories.isEmpty
                        ? "" : " (" + system.categories.map(\.rawValue).joined(separator: ", ") + ")"))
        }
        lines.append("")
        lines.append(pick("Recipients with access", "Mottakere med tilgang"))
        if recipients.isEmpty { lines.append(pick("  (none)", "  (ingen)")) }
        for recipient in recipients {
            switch recipient.channel {
            case .accessGrant:
                lines.append(
                    "  \(recipient.recipient) (\(recipient.role.rawValue)): "
                        + pick("access to ", "tilgang til ") + (recipient.system?.rawValue ?? "")
                        + " (\(recipient.occasion)) "
                        + time(recipient.from) + " – " + (recipient.until.map(time) ?? "") + ", "
                        + pick("\(recipient.subjects) subjects", "\(recipient.subjects) registrerte"))
            case .disclosure:
                lines.append(
                    "  \(recipient.recipient) (\(recipient.role.rawValue)): "
                        + pick("disclosure ", "utlevering ") + "(\(recipient.occasion)) " + time(recipient.from)
                        + " [#\(recipient.sequence)]")
            }
        }
        lines.append("")
        lines.append(pick("Affected subject identifiers", "Berørte identiteter"))
        if subjects.isEmpty { lines.append(pick("  (none)", "  (ingen)")) }
        let high = Set(highSensitivitySubjects)
        for subject in subjects {
            lines.append(
                "  \(subject.rawValue)"
                    + (high.contains(subject) ? pick("  (high sensitivity)", "  (høy sensitivitet)") : ""))
        }
        lines.append("")
        lines.append(
            pick(
                "Notify the supervisory authority (Datatilsynet) within 72 hours of becoming aware of the breach, unless it is unlikely to result in a risk (Art. 33). If the risk to people is high, tell the affected subjects without undue delay (Art. 34).",
                "Meld avviket til Datatilsynet innen 72 timer etter at det ble oppdaget, med mindre det er usannsynlig at det medfører risiko (art. 33). Er risikoen høy, varsle de berørte uten ugrunnet opphold (art. 34)."
            ))
        return lines.joined(separator: "\n") + "\n"
    }
}
