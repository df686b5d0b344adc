public import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension AccessReport {
    /// The report as plain text, for a terminal or an email body.
    ///
    /// Values appear as the report holds them: high-sensitivity values stay masked unless the
    /// report was produced revealing them.
    public func plainText(in language: Language = .english) -> String {
        let t = ReportLabels(language)
        let categoryLabels = Dictionary(
            heldData.map { ($0.category, $0.categoryLabel) }, uniquingKeysWith: { a, _ in a })
        let purposeLabels = Dictionary(heldData.map { ($0.purpose, $0.purposeLabel) }, uniquingKeysWith: { a, _ in a })
        var lines: [String] = []
        lines.append(t(.textTitle, subject.rawValue))
        lines.append(String(repeating: "=", count: lines[0].count))
        lines.append("\(t[.generated]): \(Self.timestamp(generatedAt))  \(t[.requestedBy]): \(requestedBy)")
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
                "    \(t[.basisShort]): \(first.basis.label.text(in: language))"
                    + (first.basisArticle.map { " (GDPR Art. \($0))" } ?? "")
                    + " · \(t[.source]): \(first.source == "the data subject" ? t[.yourselfLower] : first.source)"
                    + " · \(t[.since]): \(Self.timestamp(first.since))")
            lines.append("    \(t[.retentionShort]): \(first.retention.text(in: language))")
            lines += keptUntilLines(for: group, language: language)
            let width = group.map { $0.categoryLabel.text(in: language).count }.max() ?? 0
            for item in group {
                let label = item.categoryLabel.text(in: language)
                let value: String =
                    switch item.valueState {
                    case .shown, .masked: item.value ?? ""
                    case .notRecorded: t[.valueNotRecorded]
                    case .erased: t(.erased, item.erasedAt.map(Self.timestamp) ?? "")
                    }
                let corrected = item.rectifiedAt.map { "  (\(t[.rectified]) \(Self.timestamp($0)))" } ?? ""
                lines.append(
                    "      \(label)\(String(repeating: " ", count: width - label.count))  \(value)\(corrected)")
            }
        }

        lines.append("")
        lines.append(t[.recipientsHeading])
        if recipients.isEmpty { lines.append("  \(t[.noneListed])") }
        for recipient in recipients {
            let how =
                switch recipient.channel {
                case .disclosure:
                    t(.disclosedLower, Self.timestamp(recipient.from)) + (recipient.reference.map { " (\($0))" } ?? "")
                case .accessGrant:
                    recipient.until.map {
                        t(
                            .grantedUntil, recipient.system?.rawValue ?? "", Self.timestamp(recipient.from),
                            Self.timestamp($0))
                    } ?? t(.granted, recipient.system?.rawValue ?? "", Self.timestamp(recipient.from))
                }
            lines.append(
                "  - \(recipient.label.text(in: language)) — \(recipient.occasionLabel.text(in: language)): \(how)")
            let categoryNames = recipient.categories.map { categoryLabels[$0]?.text(in: language) ?? $0.rawValue }
            lines.append("      \(t[.categoryList]): \(categoryNames.joined(separator: ", "))")
        }

        lines.append("")
        lines.append(t[.consentHistoryHeading])
        if consentHistory.isEmpty { lines.append("  \(t[.noneListed])") }
        for consent in consentHistory {
            lines.append(
                "  - \(Self.timestamp(consent.at)) \(t.decision(consent.decision, capitalized: false)) — \(purposeLabels[consent.purpose]?.text(in: language) ?? consent.purpose.rawValue) "
                    + "(\(t[.policy]) \(consent.policyVersion), \(consent.channel)"
                    + (consent.evidence.map { ", \($0)" } ?? "") + ")"
                    + (consent.isStale == true ? " — " + t[.staleConsent] : ""))
        }

        if !restrictions.isEmpty || !objections.isEmpty {
            lines.append("")
            lines.append(t[.limitsHeading])
            for restriction in restrictions {
                lines.append(
                    "  - \(t[.restrictedFor]) \(restriction.purpose?.rawValue ?? t[.allPurposesShort]) \(t[.sinceLower]) \(Self.timestamp(restriction.since))"
                )
            }
            for objection in objections {
                lines.append(
                    "  - \(t[.objectionTo]) \(objection.purpose) \(t[.sinceLower]) \(Self.timestamp(objection.since))")
            }
        }
        if !erasures.isEmpty {
            lines.append("")
            lines.append(t[.erasuresShortHeading])
            for erasure in erasures {
                lines.append(
                    "  - \(Self.timestamp(erasure.at)) \(erasure.reason): \(t(.erasedValues, "\(erasure.erasedValues)"))"
                )
                for kept in erasure.retained {
                    lines.append(
                        "      \(t[.keptLower]) #\(kept.holding): \(kept.hold)"
                            + (kept.until.map { " → \(Self.timestamp($0))" } ?? ""))
                }
            }
        }
        if let pending = pendingErasures, !pending.isEmpty {
            lines.append("")
            lines.append(t[.pendingErasuresHeading])
            for entry in pending {
                let what =
                    "#\(entry.holding) \(categoryLabels[entry.category]?.text(in: language) ?? entry.category.rawValue), \(entry.system)"
                let until =
                    entry.until.map {
                        Self.lastDayKept(before: $0).formatted(Date.ISO8601FormatStyle().year().month().day())
                    } ?? entry.untilEvent.map(t.event)
                lines.append("  - " + t.pending(what, hold: t.hold(entry.hold), until: until, isDue: entry.isDue))
            }
        }
        if !openRequests.isEmpty {
            lines.append("")
            lines.append(t[.openRequestsHeading])
            for request in openRequests {
                lines.append(
                    "  - \(request.requestID) \(request.kind.rawValue), \(t[.receivedLower]) \(Self.timestamp(request.receivedAt))"
                        + (request.dueAt.map { ", \(t[.dueLower]) \(Self.timestamp($0))" } ?? ""))
            }
        }
        lines.append("")
        lines.append(t(.rightsSummary, controller.privacyContact))
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

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
