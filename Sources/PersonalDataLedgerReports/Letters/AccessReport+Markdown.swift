public import PersonalDataLedger

extension AccessReport {
    /// The report as a Markdown letter to the person: the same content as
    /// ``htmlLetter(in:catalog:country:answering:)``, for a ticket system, a wiki or an email client that renders
    /// Markdown.
    ///
    /// Every text from the ledger is escaped, including HTML (Markdown renderers pass raw HTML
    /// through), and high-sensitivity values stay masked unless the report was produced with
    /// `revealing: true`.
    ///
    /// The parameters are those of ``htmlLetter(in:catalog:country:answering:)``.
    public func markdown(
        in language: Language = .english, catalog: Catalog? = nil, country: Region? = nil,
        answering request: String? = nil
    ) -> String {
        let content = LetterContent(self, language: language, catalog: catalog, country: country, answering: request)
        let t = content.labels
        let m = MarkupEscaping.markdown
        var lines: [String] = []
        lines.append("# \(m(t[.title]))")
        lines.append("")
        lines.append("**\(m(content.subjectLine))**")
        lines.append("")
        lines.append(
            "\(m(controller.name)) · \(m(controller.privacyContact)) · \(m(content.day(generatedAt)))")
        lines.append("")
        lines.append(m(content.greeting))
        lines.append("")
        lines.append(m(t(.introduction, controller.name)))
        if !linkedSubjects.isEmpty {
            lines.append("")
            lines.append(
                m(t[.linkedIdentifiers]) + " "
                    + linkedSubjects.map { "`\($0.rawValue.replacing("`", with: "'"))`" }
                    .joined(separator: ", "))
        }
        if content.hasRevealedHighSensitivity {
            lines += ["", "> **\(m(t[.revealedWarning]))**"]
        } else if content.hasMaskedValues {
            lines += ["", "> \(m(t[.maskedNote]))"]
        }

        lines += ["", "## \(m(t[.heldDataHeading]))", ""]
        let groups = content.groups
        if groups.isEmpty { lines += [m(t[.heldDataNone]), ""] }
        for group in groups {
            lines.append("### \(m(group.purposeLabel)) · \(m(group.systemLabel))")
            lines.append("")
            lines.append("- **\(m(t[.basis])):** \(m(group.bases.joined(separator: "; ")))")
            lines.append("- **\(m(t[.retention])):** \(m(group.retention))")
            for end in content.keptUntil(group.items) { lines.append("- **\(m(t[.keptUntil])):** \(m(end))") }
            lines.append("")
            lines.append(Self.row([t[.category], t[.value], t[.recorded], t[.source], t[.reference]].map(m)))
            lines.append(Self.row(Array(repeating: "---", count: 5)))
            for item in group.items {
                var value = m(content.value(item))
                if item.valueState == .shown { value = "**\(value)**" }
                if let at = item.rectifiedAt { value += " (\(m(t(.corrected, content.day(at)))))" }
                lines.append(
                    Self.row([
                        m(content.categoryLabel(item.category)), value, m(content.day(item.since)),
                        m(content.source(item)), m(item.reference?.rawValue ?? "—"),
                    ]))
            }
            lines.append("")
        }

        lines += ["## \(m(t[.recipientsHeading]))", ""]
        if recipients.isEmpty {
            lines += [m(t(.recipientsNone, controller.name)), ""]
        } else {
            lines.append(Self.row([t[.recipient], t[.role], t[.occasion], t[.how], t[.categories]].map(m)))
            lines.append(Self.row(Array(repeating: "---", count: 5)))
            for entry in recipients {
                lines.append(
                    Self.row([
                        m(entry.label.text(in: language)), m(t.role(entry.role)),
                        m(entry.occasionLabel.text(in: language)), m(content.recipientHow(entry)),
                        m(entry.categories.map(content.categoryLabel).joined(separator: ", ")),
                    ]))
            }
            lines.append("")
        }

        lines += ["## \(m(t[.consentHeading]))", ""]
        if consentHistory.isEmpty {
            lines += [m(t[.consentNone]), ""]
        } else {
            lines.append(Self.row([t[.date], t[.purpose], t[.decision], t[.policyVersion], t[.channel]].map(m)))
            lines.append(Self.row(Array(repeating: "---", count: 5)))
            for consent in consentHistory {
                lines.append(
                    Self.row([
                        m(content.day(consent.at)), m(content.purposeLabel(consent.purpose)),
                        m(t.decision(consent.decision, capitalized: true)), m(consent.policyVersion),
                        m(consent.channel),
                    ]))
            }
            lines.append("")
        }

        if !restrictions.isEmpty || !objections.isEmpty {
            lines += ["## \(m(t[.limitsHeading]))", ""]
            for restriction in restrictions {
                let purpose = restriction.purpose.map(content.purposeLabel) ?? t[.allPurposes]
                lines.append("- " + m(t(.restricted, purpose, content.day(restriction.since))))
            }
            for objection in objections {
                lines.append(
                    "- " + m(t(.objected, content.purposeLabel(objection.purpose), content.day(objection.since))))
            }
            lines.append("")
        }

        if !erasures.isEmpty {
            lines += ["## \(m(t[.erasuresHeading]))", ""]
            for erasure in erasures {
                lines.append(
                    "- "
                        + m(content.erasure(erasure)))
                for kept in erasure.retained {
                    lines.append(
                        "  - "
                            + m(content.kept(kept)))
                }
            }
            lines.append("")
        }

        let pending = content.pendingErasureSentences()
        if !pending.isEmpty {
            lines += ["## \(m(t[.pendingErasuresHeading]))", ""]
            lines += pending.map { "- " + m($0) }
            lines.append("")
        }

        let openRequests = content.openRequests
        if !openRequests.isEmpty {
            lines += ["## \(m(t[.requestsHeading]))", ""]
            lines.append(Self.row([t[.request], t[.received], t[.due]].map(m)))
            lines.append(Self.row(Array(repeating: "---", count: 3)))
            for request in openRequests {
                lines.append(
                    Self.row([
                        m(t.request(request.kind)) + " (" + m(request.requestID) + ")",
                        m(content.day(request.receivedAt)), m(request.dueAt.map(content.day) ?? "—"),
                    ]))
            }
            lines.append("")
        }

        lines += ["## \(m(t[.automatedDecisionsHeading]))", "", m(t[.automatedDecisions]), ""]

        lines += ["## \(m(t[.rightsHeading]))", ""]
        for (right, text) in content.rights {
            lines.append("- **\(m(right)):** \(m(text))")
        }
        lines += ["", "**\(m(t(.contact, controller.privacyContact)))**", ""]
        lines += t(.regards, controller.name).split(separator: "\n").map { m(String($0)) + "  " }
        lines.append("")
        lines.append(
            "_\(m(t(.footer, content.dates.dayAndTime(generatedAt))))_"
        )
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }
}
