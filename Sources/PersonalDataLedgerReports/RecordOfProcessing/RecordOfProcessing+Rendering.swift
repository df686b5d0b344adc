public import PersonalDataLedger

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension RecordOfProcessing {
    /// The record as JSON (schema `pdl.record-of-processing`, documented in
    /// `Documentation/ExportFormats.md`): pretty-printed, keys sorted, dates in ISO 8601 UTC.
    public func jsonData() throws -> Data {
        try AccessReport.encoder.encode(self)
    }

    /// Reads a record from its JSON form.
    public init(jsonData: Data) throws {
        self = try AccessReport.decoder.decode(RecordOfProcessing.self, from: jsonData)
    }

    /// The column names of ``csv(in:)``, in order.
    public static let csvColumns = [
        "purpose", "purpose_label", "policy_section", "purpose_declared", "purpose_dpv",
        "purpose_fideslang", "subject_kinds", "legal_bases", "category", "category_label",
        "sensitivity", "category_dpv", "category_fideslang", "category_declared", "category_observed",
        "holdings", "live_holdings", "subjects", "systems", "recipients_with_access", "retention",
        "third_country_transfers", "security_measures",
    ]

    /// The record as CSV (RFC 4180: CRLF line ends, fields quoted when they need it), one row per
    /// purpose and category — every category a purpose declares or was recorded with — so a
    /// spreadsheet can filter on `category_declared` = `no` to see the gaps.
    ///
    /// A purpose without categories has one row with the category columns empty.
    public func csv(in language: Language = .english, dialect: CSVDialect = .standard) -> String {
        var text = dialect.preamble + dialect.record(Self.csvColumns)
        let transfers =
            thirdCountryTransfers.isEmpty
            ? thirdCountryTransfersStatement.text(in: language)
            : thirdCountryTransfers.map { transfer in
                (transfer.recipient.map { "\($0.rawValue) → " } ?? "") + transfer.destination + " ("
                    + transfer.safeguard.text(in: language) + ")"
            }.joined(separator: "; ")
        let security = securityMeasures.text(in: language)
        for activity in activities {
            let bases = (activity.declared?.allowedBases ?? activity.observed.bases).map {
                $0.basis.rawValue + ($0.article.map { " (\($0))" } ?? "")
            }
            let purposeColumns = [
                activity.purpose.rawValue, activity.label.text(in: language), activity.policySection ?? "",
                activity.declared == nil ? "no" : "yes", activity.mapping.dpvIRI ?? "",
                activity.mapping.fideslangKey ?? "",
                (activity.declared?.subjectKinds ?? []).map(\.rawValue).joined(separator: "; "),
                bases.joined(separator: "; "),
            ]
            var categories = (activity.declared?.categories ?? [])
            for observed in activity.observed.categories
            where !categories.contains(where: { $0.category == observed.category }) {
                categories.append(
                    .init(
                        category: observed.category, label: .init(observed.category.rawValue),
                        sensitivity: .normal, mapping: .init()))
            }
            let tail = [
                activity.observed.systems.map(\.rawValue).joined(separator: "; "),
                activity.observed.recipientsWithAccess.map(\.rawValue).joined(separator: "; "),
                activity.declared?.retention.text(in: language) ?? "", transfers, security,
            ]
            if categories.isEmpty {
                text += dialect.record(
                    purposeColumns + Array(repeating: "", count: 7) + ["0", "0", "0"] + tail)
            }
            for category in categories {
                let observed = activity.observed.categories.first { $0.category == category.category }
                let declared = activity.declared?.categories.contains { $0.category == category.category } ?? false
                text += dialect.record(
                    purposeColumns + [
                        category.category.rawValue, category.label.text(in: language),
                        category.sensitivity.rawValue, category.mapping.dpvIRI ?? "",
                        category.mapping.fideslangKey ?? "", declared ? "yes" : "no", observed == nil ? "no" : "yes",
                        "\(observed?.holdings ?? 0)", "\(observed?.liveHoldings ?? 0)", "\(observed?.subjects ?? 0)",
                    ] + tail)
            }
        }
        return text
    }

    /// The record as Markdown, one section per Art. 30(1) point, then the activities and the
    /// differences between declaration and practice.
    public func markdown(in language: Language = .english) -> String {
        let m = MarkupEscaping.markdown
        let t = ReportLabels(language)
        let dates = LetterDate(language, country: region)
        func day(_ date: Date) -> String { dates.day(date) }
        var lines: [String] = []
        lines.append(
            "# " + t[.ropaTitle] + " — " + m(controller.name))
        lines.append("")
        lines.append(
            t(.ropaProduced, m(dates.dayAndTime(generatedAt)), "\(factsExamined)"))
        lines.append("")
        lines.append("## " + t[.ropaControllerHeading])
        lines.append("")
        lines.append(
            "- " + m(controller.name) + " — " + t(.ropaPrivacyContact, m(controller.privacyContact)))
        lines.append("- " + t(.ropaRegion, m(t.country(region))))
        lines.append("")
        lines.append("## " + t[.ropaActivitiesHeading])
        for activity in activities {
            lines.append("")
            lines.append(
                "### " + m(activity.label.text(in: language)) + " (`" + activity.purpose.rawValue + "`)")
            lines.append("")
            if let section = activity.policySection {
                lines.append("- " + t(.ropaPolicySection, m(section)))
            }
            if let iri = activity.mapping.dpvIRI { lines.append("- DPV: " + m(iri)) }
            if let declared = activity.declared {
                lines.append(
                    "- " + t(.ropaSubjectKinds, m(declared.subjectKinds.map(t.subjectKind).joined(separator: ", "))))
                lines.append(
                    "- "
                        + t(
                            .ropaLegalBases,
                            m(
                                declared.allowedBases.map {
                                    $0.label.text(in: language) + ($0.article.map { " (\($0))" } ?? "")
                                }.joined(separator: ", "))))
                lines.append(
                    "- "
                        + t(
                            .ropaCategoriesDeclared,
                            m(declared.categories.map { $0.label.text(in: language) }.joined(separator: ", "))))
                lines.append(
                    "- " + t(.ropaErasureLimit, m(declared.retention.text(in: language))))
            } else {
                lines.append("- **" + t[.ropaNotDeclared] + "**")
            }
            let observed = activity.observed
            if observed.holdings == 0 {
                lines.append("- " + t[.ropaNeverUsed])
            } else {
                lines.append(
                    "- "
                        + t(.ropaObserved, "\(observed.holdings)", "\(observed.liveHoldings)", "\(observed.subjects)")
                        + (observed.firstRecordedAt.map { t(.ropaObservedFrom, m(day($0))) } ?? "")
                        + (observed.lastRecordedAt.map { t(.ropaObservedTo, m(day($0))) } ?? ""))
                lines.append(
                    "- " + t(.systemsList, m(observed.systems.map(\.rawValue).joined(separator: ", "))))
                if !observed.recipientsWithAccess.isEmpty {
                    lines.append(
                        "- "
                            + t(
                                .ropaRecipientsWithAccess,
                                m(observed.recipientsWithAccess.map(\.rawValue).joined(separator: ", "))))
                }
                lines.append("")
                lines.append(
                    "| " + t[.ropaCategory] + " | " + t[.ropaDeclared] + " | " + t[.ropaHoldings] + " | "
                        + t[.ropaNotErased] + " | " + t[.ropaSubjects] + " |")
                lines.append("| --- | --- | ---: | ---: | ---: |")
                for category in observed.categories {
                    let declared =
                        activity.declared?.categories.contains { $0.category == category.category } ?? false
                    lines.append(
                        "| " + m(category.category.rawValue) + " | "
                            + (declared ? t[.yes] : "**" + t[.no] + "**")
                            + " | \(category.holdings) | \(category.liveHoldings) | \(category.subjects) |"
                    )
                }
            }
        }
        lines.append("")
        lines.append("## " + t[.ropaRecipientsHeading])
        lines.append("")
        lines.append(
            "| " + t[.recipient] + " | " + t[.role] + " | " + t[.ropaOccasions] + " | " + t[.ropaDisclosures]
                + " | " + t[.ropaAccessGrants] + " |")
        lines.append("| --- | --- | --- | ---: | --- |")
        for recipient in recipients {
            let grants = recipient.grants.map {
                $0.system.rawValue + " (" + $0.occasion.rawValue + ", " + day($0.from)
                    + ($0.until.map { "–" + day($0) } ?? "–") + ")"
            }
            lines.append(
                "| " + m(recipient.label.text(in: language)) + " (`" + recipient.recipient.rawValue + "`) | "
                    + m(recipient.role.rawValue) + " | "
                    + m(recipient.occasions.map { $0.label.text(in: language) }.joined(separator: ", ")) + " | "
                    + "\(recipient.disclosures) | " + m(grants.joined(separator: "; ")) + " |")
        }
        lines.append("")
        lines.append("## " + t[.ropaTransfersHeading])
        lines.append("")
        if thirdCountryTransfers.isEmpty {
            lines.append(m(thirdCountryTransfersStatement.text(in: language)))
        }
        for transfer in thirdCountryTransfers {
            lines.append(
                "- " + m(transfer.destination) + (transfer.recipient.map { " — `" + $0.rawValue + "`" } ?? "")
                    + ": " + m(transfer.safeguard.text(in: language)))
        }
        lines.append("")
        lines.append("## " + t[.ropaSecurityHeading])
        lines.append("")
        lines.append(m(securityMeasures.text(in: language)))
        lines.append("")
        lines.append("## " + t[.ropaDifferencesHeading])
        lines.append("")
        if differences.isEmpty && differences.unusedPurposes.isEmpty {
            lines.append(t[.ropaNoDifferences])
        }
        for gap in differences.undeclaredCategories {
            lines.append(
                "- "
                    + t(
                        .ropaUndeclaredCategory, "`\(gap.category.rawValue)`", "`\(gap.purpose.rawValue)`",
                        "\(gap.holdings)"))
        }
        for gap in differences.undeclaredBases {
            lines.append(
                "- "
                    + t(
                        .ropaUndeclaredBasis, "`\(gap.basis.rawValue)`", "`\(gap.purpose.rawValue)`",
                        "\(gap.holdings)"))
        }
        for purpose in differences.undeclaredPurposes {
            lines.append("- " + t(.ropaUndeclaredPurpose, "`\(purpose.rawValue)`"))
        }
        for system in differences.undeclaredSystems {
            lines.append("- " + t(.ropaUndeclaredSystem, "`\(system.rawValue)`"))
        }
        for purpose in differences.unusedPurposes {
            lines.append("- " + t(.ropaUnusedPurpose, "`\(purpose.rawValue)`"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
