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
    ///
    /// - Parameters:
    ///   - language: the assessment's language.
    ///   - country: the ledger's country, whose supervisory authority is the lead one (GDPR
    ///     Art. 56) the advice names with its address; without it the advice names none.
    public func plainText(in language: Language = .english, country: Region? = nil) -> String {
        let t = ReportLabels(language)
        func time(_ date: Date) -> String { date.formatted(.iso8601) }
        var lines: [String] = []
        lines.append(t[.breachTitle])
        lines.append(String(repeating: "=", count: lines[0].count))
        lines.append(t(.systemsList, systems.map(\.rawValue).joined(separator: ", ")))
        lines.append(t(.breachWindow, time(from), time(to)))
        lines.append(t(.breachFactsExamined, "\(factsExamined)"))
        lines.append("")
        lines.append(t(.breachAffectedSubjects, "\(subjects.count)"))
        if holdingsWithErasedIdentifier > 0 {
            lines.append("  " + t(.breachErasedIdentifiers, "\(holdingsWithErasedIdentifier)"))
        }
        lines.append(t(.breachHighSensitivitySubjects, "\(highSensitivitySubjects.count)"))
        lines.append("")
        lines.append(t[.categoryList])
        if categories.isEmpty { lines.append("  " + t[.noneListed]) }
        for category in categories {
            lines.append(
                "  \(category.category.rawValue) [\(category.sensitivity.rawValue)]: "
                    + t(.breachCounts, "\(category.subjects)", "\(category.holdings)"))
        }
        lines.append("")
        lines.append(t[.breachPerSystem])
        for system in perSystem {
            lines.append(
                "  \(system.system): "
                    + t(.breachCounts, "\(system.subjects)", "\(system.holdings)")
                    + (system.categories.isEmpty
                        ? "" : " (" + system.categories.map(\.rawValue).joined(separator: ", ") + ")"))
        }
        lines.append("")
        lines.append(t[.breachRecipients])
        if recipients.isEmpty { lines.append("  " + t[.noneListed]) }
        for recipient in recipients {
            switch recipient.channel {
            case .accessGrant:
                let system = recipient.system?.rawValue ?? ""
                let access =
                    recipient.until.map { t(.accessUntil, system, time(recipient.from), time($0)) }
                    ?? t(.accessOngoing, system, time(recipient.from))
                lines.append(
                    "  \(recipient.recipient) (\(recipient.role.rawValue)): \(access), "
                        + recipient.occasion.label.text(in: language) + ", "
                        + t(.breachSubjects, "\(recipient.subjects)"))
            case .disclosure:
                lines.append(
                    "  \(recipient.recipient) (\(recipient.role.rawValue)): "
                        + t(
                            .breachDisclosure,
                            "(\(recipient.occasion.label.text(in: language))) " + time(recipient.from))
                        + " [#\(recipient.sequence)]")
            }
        }
        lines.append("")
        lines.append(t[.breachIdentifiers])
        if subjects.isEmpty { lines.append("  " + t[.noneListed]) }
        let high = Set(highSensitivitySubjects)
        for subject in subjects {
            lines.append(
                "  \(subject.rawValue)"
                    + (high.contains(subject) ? "  " + t[.breachHighSensitivity] : ""))
        }
        lines.append("")
        if let authority = country.flatMap(SupervisoryAuthority.of) {
            lines.append(t(.breachAdvice, authority.name.text(in: language), authority.addressLine))
        } else {
            lines.append(t[.breachAdviceNoAuthority])
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
