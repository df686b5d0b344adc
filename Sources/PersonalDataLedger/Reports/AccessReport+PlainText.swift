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
    public func plainText(in language: ReportLanguage = .english) -> String {
        let t = PlainTextLabels(language: language)
        var lines: [String] = []
        lines.append(t.title(subject.rawValue))
        lines.append(String(repeating: "=", count: lines[0].count))
        lines.append("\(t.generated): \(Self.timestamp(generatedAt))  \(t.requestedBy): \(requestedBy)")
        lines.append("\(t.controller): \(controller.name) <\(controller.privacyContact)>")
        if !linkedSubjects.isEmpty {
            lines.append("\(t.linked): \(linkedSubjects.map(\.rawValue).joined(separator: ", "))")
        }

        lines.append("")
        lines.append(t.heldDataHeading)
        if heldData.isEmpty { lines.append("  \(t.none)") }
        for item in heldData {
            let value: String =
                switch item.valueState {
                case .shown, .masked: item.value ?? ""
                case .notRecorded: t.valueNotRecorded
                case .erased: t.valueErased(item.erasedAt.map(Self.timestamp) ?? "")
                }
            lines.append("  - \(item.categoryLabel.text(in: language)): \(value)")
            lines.append("      \(t.system): \(item.system)   \(t.purpose): \(item.purposeLabel.text(in: language))")
            lines.append(
                "      \(t.basis): \(item.basis.label.text(in: language))"
                    + (item.basisArticle.map { " (GDPR Art. \($0))" } ?? "")
                    + "   \(t.source): \(item.source == "the data subject" ? t.yourself : item.source)")
            lines.append(
                "      \(t.since): \(Self.timestamp(item.since))"
                    + (item.reference.map { "   \(t.reference): \($0)" } ?? "")
                    + (item.rectifiedAt.map { "   \(t.rectified): \(Self.timestamp($0))" } ?? ""))
            lines.append("      \(t.retention): \(item.retention.text(in: language))")
        }

        lines.append("")
        lines.append(t.recipientsHeading)
        if recipients.isEmpty { lines.append("  \(t.none)") }
        for recipient in recipients {
            let how =
                switch recipient.channel {
                case .disclosure:
                    t.disclosed(Self.timestamp(recipient.from)) + (recipient.reference.map { " (\($0))" } ?? "")
                case .accessGrant:
                    t.granted(
                        recipient.system?.rawValue ?? "", Self.timestamp(recipient.from),
                        recipient.until.map(Self.timestamp))
                }
            lines.append(
                "  - \(recipient.label.text(in: language)) — \(recipient.occasionLabel.text(in: language)): \(how)")
            lines.append("      \(t.categories): \(recipient.categories.map(\.rawValue).joined(separator: ", "))")
        }

        lines.append("")
        lines.append(t.consentHeading)
        if consentHistory.isEmpty { lines.append("  \(t.none)") }
        for consent in consentHistory {
            lines.append(
                "  - \(Self.timestamp(consent.at)) \(t.decision(consent.decision)) — \(consent.purpose) "
                    + "(\(t.policy) \(consent.policyVersion), \(consent.channel)"
                    + (consent.evidence.map { ", \($0)" } ?? "") + ")")
        }

        if !restrictions.isEmpty || !objections.isEmpty {
            lines.append("")
            lines.append(t.limitsHeading)
            for restriction in restrictions {
                lines.append(
                    "  - \(t.restricted) \(restriction.purpose?.rawValue ?? t.allPurposes) \(t.sinceLower) \(Self.timestamp(restriction.since))")
            }
            for objection in objections {
                lines.append("  - \(t.objected) \(objection.purpose) \(t.sinceLower) \(Self.timestamp(objection.since))")
            }
        }
        if !erasures.isEmpty {
            lines.append("")
            lines.append(t.erasuresHeading)
            for erasure in erasures {
                lines.append("  - \(Self.timestamp(erasure.at)) \(erasure.reason): \(t.erasedValues(erasure.erasedValues))")
                for kept in erasure.retained {
                    lines.append(
                        "      \(t.kept) #\(kept.holding): \(kept.hold)" + (kept.until.map { " → \(Self.timestamp($0))" } ?? ""))
                }
            }
        }
        if !openRequests.isEmpty {
            lines.append("")
            lines.append(t.requestsHeading)
            for request in openRequests {
                lines.append(
                    "  - \(request.requestID) \(request.kind.rawValue), \(t.received) \(Self.timestamp(request.receivedAt))"
                        + (request.dueAt.map { ", \(t.due) \(Self.timestamp($0))" } ?? ""))
            }
        }
        lines.append("")
        lines.append(t.rights(controller.privacyContact))
        return lines.joined(separator: "\n") + "\n"
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
