public import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension AccessReport {
    /// The report as plain text, for the data protection officer's terminal or an email body.
    ///
    /// It says what the letters say, in the same date style, and adds what the DPO works with:
    /// each holding's number (`#12`, for `pdl rectify --holding` and `pdl erase --holding`),
    /// system names and the subject identifiers. Values appear as the report holds them:
    /// high-sensitivity values stay masked unless the report was produced revealing them.
    ///
    /// The parameters are those of ``htmlLetter(in:catalog:country:answering:)``.
    public func plainText(
        in language: Language = .english, country: Region? = nil, answering request: String? = nil
    ) -> String {
        let content = LetterContent(self, language: language, catalog: nil, country: country, answering: request)
        let t = content.labels
        var lines: [String] = []
        lines.append(t(.textTitle, subject.rawValue))
        lines.append(String(repeating: "=", count: lines[0].count))
        lines.append(
            "\(t[.generated]): \(content.dates.dayAndTime(generatedAt)) · \(t(.requestedBy, requestedBy.rawValue))")
        lines.append("\(t[.controller]): \(controller.name) <\(controller.privacyContact)>")
        if !linkedSubjects.isEmpty {
            lines.append("\(t[.linked]): \(linkedSubjects.map(\.rawValue).joined(separator: ", "))")
        }

        lines.append("")
        lines.append(t[.heldDataSummaryHeading])
        if heldData.isEmpty { lines.append("  \(t[.noneListed])") }
        for group in heldDataGroups() {
            let first = group[0]
            lines.append(
                "  \(first.system) — \(first.purposeLabel.text(in: language))"
                    + (first.reference.map { " — \($0)" } ?? "")
                    + (linkedSubjects.isEmpty ? "" : " [\(first.subject)]"))
            lines.append(
                "    \(t[.basisShort]): \(content.basis(first))"
                    + " · \(t[.source]): \(content.source(first))"
                    + " · \(t[.since]): \(content.day(first.since))")
            lines.append("    \(t[.retentionShort]): \(first.retention.text(in: language))")
            for end in content.keptUntil(group) { lines.append("    \(t[.keptUntil]): \(end)") }
            let numbers = group.map { "#\($0.sequence)" }
            let numberWidth = numbers.map(\.count).max() ?? 0
            let width = group.map { $0.categoryLabel.text(in: language).count }.max() ?? 0
            for (item, number) in zip(group, numbers) {
                let label = item.categoryLabel.text(in: language)
                let value: String =
                    switch item.valueState {
                    case .shown, .masked: item.value ?? ""
                    case .notRecorded, .erased: content.value(item)
                    }
                let corrected = item.rectifiedAt.map { "  (\(t(.corrected, content.day($0))))" } ?? ""
                lines.append(
                    "      \(number)\(String(repeating: " ", count: numberWidth - number.count))  "
                        + "\(label)\(String(repeating: " ", count: width - label.count))  \(value)\(corrected)")
            }
        }

        lines.append("")
        lines.append(t[.recipientsHeading])
        if recipients.isEmpty { lines.append("  \(t[.noneListed])") }
        for recipient in recipients {
            lines.append(
                "  - \(recipient.label.text(in: language)) — \(recipient.occasionLabel.text(in: language)): "
                    + content.recipientHow(recipient))
            let categoryNames = recipient.categories.map(content.categoryLabel)
            lines.append("      \(t[.categoryList]): \(categoryNames.joined(separator: ", "))")
        }

        lines.append("")
        lines.append(t[.consentHistoryHeading])
        if consentHistory.isEmpty { lines.append("  \(t[.noneListed])") }
        for consent in consentHistory {
            lines.append(
                "  - \(content.day(consent.at)) \(t.decision(consent.decision, capitalized: false)) — \(content.purposeLabel(consent.purpose)) "
                    + "(\(t[.policy]) \(consent.policyVersion), \(consent.channel)"
                    + (consent.evidence.map { ", \($0)" } ?? "") + ")"
                    + (consent.isStale == true ? " — " + t[.staleConsent] : ""))
        }

        if !restrictions.isEmpty || !objections.isEmpty {
            lines.append("")
            lines.append(t[.limitsHeading])
            for restriction in restrictions {
                let purpose = restriction.purpose.map(content.purposeLabel) ?? t[.allPurposes]
                lines.append("  - " + t(.restricted, purpose, content.day(restriction.since)))
            }
            for objection in objections {
                lines.append(
                    "  - " + t(.objected, content.purposeLabel(objection.purpose), content.day(objection.since)))
            }
        }
        if !erasures.isEmpty {
            lines.append("")
            lines.append(t[.erasuresHeading])
            for erasure in erasures {
                lines.append("  - " + content.erasure(erasure))
                for kept in erasure.retained {
                    lines.append("      #\(kept.holding) " + content.kept(kept))
                }
            }
        }
        let pending = content.pendingErasureSentences(numbered: true)
        if !pending.isEmpty {
            lines.append("")
            lines.append(t[.pendingErasuresHeading])
            lines += pending.map { "  - " + $0 }
        }
        let openRequests = content.openRequests
        if !openRequests.isEmpty {
            lines.append("")
            lines.append(t[.requestsHeading])
            for request in openRequests {
                lines.append(
                    "  - \(t.request(request.kind)) (\(request.requestID)), \(t[.receivedLower]) \(content.day(request.receivedAt))"
                        + (request.dueAt.map { ", \(t[.dueLower]) \(content.day($0))" } ?? ""))
            }
        }
        lines.append("")
        lines.append(t[.automatedDecisions])
        lines.append("")
        lines.append(t(.rightsSummary, controller.privacyContact))
        lines.append(content.complaint)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Held data in runs that share subject, system, purpose, basis, source, reference and time:
    /// one record call's categories print under one heading.
    func heldDataGroups() -> [[HeldData]] {
        var groups: [[HeldData]] = []
        for item in heldData {
            if let last = groups.last?.last, last.subject == item.subject, last.system == item.system,
                last.purpose == item.purpose, last.basis == item.basis, last.source == item.source,
                last.reference == item.reference, last.since == item.since
            {
                groups[groups.count - 1].append(item)
            } else {
                groups.append([item])
            }
        }
        return groups
    }
}
