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
    public func csv(in language: ReportLanguage = .english) -> String {
        var text = CSV.record(Self.csvColumns)
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
                text += CSV.record(
                    purposeColumns + Array(repeating: "", count: 7) + ["0", "0", "0"] + tail)
            }
            for category in categories {
                let observed = activity.observed.categories.first { $0.category == category.category }
                let declared = activity.declared?.categories.contains { $0.category == category.category } ?? false
                text += CSV.record(
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
    public func markdown(in language: ReportLanguage = .english) -> String {
        let m = MarkupEscaping.markdown
        let en = language == .english
        func pick(_ english: String, _ norwegian: String) -> String { en ? english : norwegian }
        func day(_ date: Date) -> String { LetterDate.day(date, in: language) }
        var lines: [String] = []
        lines.append(
            "# " + pick("Record of processing activities", "Protokoll over behandlingsaktiviteter")
                + " — " + m(controller.name))
        lines.append("")
        lines.append(
            pick("GDPR Art. 30(1). Produced ", "GDPR art. 30(1). Laget ")
                + m(LetterDate.dayAndTime(generatedAt, in: language))
                + pick(" from the catalog and \(factsExamined) facts.", " fra katalogen og \(factsExamined) fakta."))
        lines.append("")
        lines.append("## " + pick("Controller (a)", "Behandlingsansvarlig (a)"))
        lines.append("")
        lines.append(
            "- " + m(controller.name) + " — " + pick("privacy contact: ", "personvernkontakt: ")
                + m(controller.privacyContact))
        lines.append("- " + pick("Region: ", "Region: ") + m(region.rawValue))
        lines.append("")
        lines.append("## " + pick("Processing activities (b, c, f)", "Behandlingsaktiviteter (b, c, f)"))
        for activity in activities {
            lines.append("")
            lines.append(
                "### " + m(activity.label.text(in: language)) + " (`" + activity.purpose.rawValue + "`)")
            lines.append("")
            if let section = activity.policySection {
                lines.append("- " + pick("Policy section: ", "Avsnitt i personvernerklæringen: ") + m(section))
            }
            if let iri = activity.mapping.dpvIRI { lines.append("- DPV: " + m(iri)) }
            if let declared = activity.declared {
                lines.append(
                    "- " + pick("Data subjects: ", "Registrerte: ")
                        + m(declared.subjectKinds.map(\.rawValue).joined(separator: ", ")))
                lines.append(
                    "- " + pick("Legal bases: ", "Behandlingsgrunnlag: ")
                        + m(
                            declared.allowedBases.map {
                                $0.label.text(in: language) + ($0.article.map { " (\($0))" } ?? "")
                            }.joined(separator: ", ")))
                lines.append(
                    "- " + pick("Categories declared: ", "Oppgitte kategorier: ")
                        + m(declared.categories.map { $0.label.text(in: language) }.joined(separator: ", ")))
                lines.append(
                    "- " + pick("Erasure time limit: ", "Slettefrist: ") + m(declared.retention.text(in: language)))
            } else {
                lines.append("- **" + pick("Not declared in the catalog.", "Ikke oppgitt i katalogen.") + "**")
            }
            let observed = activity.observed
            if observed.holdings == 0 {
                lines.append("- " + pick("Observed: never used.", "Observert: aldri brukt."))
            } else {
                lines.append(
                    "- " + pick("Observed: ", "Observert: ")
                        + pick(
                            "\(observed.holdings) holdings (\(observed.liveHoldings) not erased) about \(observed.subjects) subjects",
                            "\(observed.holdings) registreringer (\(observed.liveHoldings) ikke slettet) om \(observed.subjects) registrerte"
                        )
                        + (observed.firstRecordedAt.map { pick(", from ", ", fra ") + m(day($0)) } ?? "")
                        + (observed.lastRecordedAt.map { pick(" to ", " til ") + m(day($0)) } ?? ""))
                lines.append(
                    "- " + pick("Systems: ", "Systemer: ") + m(observed.systems.map(\.rawValue).joined(separator: ", "))
                )
                if !observed.recipientsWithAccess.isEmpty {
                    lines.append(
                        "- "
                            + pick("Recipients with access to those systems: ", "Mottakere med tilgang til systemene: ")
                            + m(observed.recipientsWithAccess.map(\.rawValue).joined(separator: ", ")))
                }
                lines.append("")
                lines.append(
                    "| " + pick("Category", "Kategori") + " | " + pick("Declared", "Oppgitt") + " | "
                        + pick("Holdings", "Registreringer") + " | " + pick("Not erased", "Ikke slettet") + " | "
                        + pick("Subjects", "Registrerte") + " |")
                lines.append("| --- | --- | ---: | ---: | ---: |")
                for category in observed.categories {
                    let declared =
                        activity.declared?.categories.contains { $0.category == category.category } ?? false
                    lines.append(
                        "| " + m(category.category.rawValue) + " | "
                            + (declared ? pick("yes", "ja") : "**" + pick("no", "nei") + "**")
                            + " | \(category.holdings) | \(category.liveHoldings) | \(category.subjects) |"
                    )
                }
            }
        }
        lines.append("")
        lines.append("## " + pick("Recipients (d)", "Mottakere (d)"))
        lines.append("")
        lines.append(
            "| " + pick("Recipient", "Mottaker") + " | " + pick("Role", "Rolle") + " | "
                + pick("Occasions", "Anledninger") + " | " + pick("Disclosures", "Utleveringer") + " | "
                + pick("Access grants", "Tilganger") + " |")
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
        lines.append("## " + pick("Transfers to third countries (e)", "Overføring til tredjeland (e)"))
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
        lines.append("## " + pick("Security measures (g)", "Sikkerhetstiltak (g)"))
        lines.append("")
        lines.append(m(securityMeasures.text(in: language)))
        lines.append("")
        lines.append("## " + pick("Declared and observed: differences", "Oppgitt og observert: avvik"))
        lines.append("")
        if differences.isEmpty && differences.unusedPurposes.isEmpty {
            lines.append(
                pick(
                    "None: what was recorded matches the catalog.",
                    "Ingen: det som er registrert, stemmer med katalogen."))
        }
        for gap in differences.undeclaredCategories {
            lines.append(
                "- " + pick("Category ", "Kategorien ") + "`\(gap.category.rawValue)`"
                    + pick(" recorded for ", " er registrert for ") + "`\(gap.purpose.rawValue)`"
                    + pick(", which does not declare it", ", som ikke oppgir den") + " (\(gap.holdings)).")
        }
        for gap in differences.undeclaredBases {
            lines.append(
                "- " + pick("Basis ", "Grunnlaget ") + "`\(gap.basis.rawValue)`"
                    + pick(" recorded for ", " er registrert for ") + "`\(gap.purpose.rawValue)`"
                    + pick(", which does not allow it", ", som ikke tillater det") + " (\(gap.holdings)).")
        }
        for purpose in differences.undeclaredPurposes {
            lines.append(
                "- " + pick("Purpose ", "Formålet ") + "`\(purpose.rawValue)`"
                    + pick(" was recorded but is not declared.", " er registrert, men ikke oppgitt."))
        }
        for system in differences.undeclaredSystems {
            lines.append(
                "- " + pick("System ", "Systemet ") + "`\(system.rawValue)`"
                    + pick(" was recorded but is not declared.", " er registrert, men ikke oppgitt."))
        }
        for purpose in differences.unusedPurposes {
            lines.append(
                "- " + pick("Purpose ", "Formålet ") + "`\(purpose.rawValue)`"
                    + pick(" is declared but was never used.", " er oppgitt, men aldri brukt."))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
