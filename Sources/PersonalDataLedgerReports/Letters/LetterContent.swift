import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the HTML and Markdown letters say, before either markup is applied: the report's
/// entries grouped and labelled in one language.
///
/// Labels come from the report itself, then from the catalog when one is given, then the
/// vocabulary's stable name — so a letter never shows an empty cell.
struct LetterContent {
    /// Held data of one system and purpose.
    struct Group {
        var system: SystemID
        var systemLabel: String
        var purpose: Purpose
        var purposeLabel: String
        var bases: [String]
        var retention: String
        var items: [AccessReport.HeldData]

        /// When the group's data is erased: one line when every item ends alike, else one per end
        /// naming its categories.
        func keptUntil(_ report: AccessReport, _ language: Language) -> [String] {
            var ends: [(RetentionEnd, [String])] = []
            for item in items {
                guard let end = item.keptUntil else { continue }
                let category = item.categoryLabel.text(in: language)
                if let index = ends.firstIndex(where: { $0.0 == end }) {
                    if !ends[index].1.contains(category) { ends[index].1.append(category) }
                } else {
                    ends.append((end, [category]))
                }
            }
            if ends.count == 1 { return [report.describe(ends[0].0, language)] }
            return ends.map { report.describe($0.0, language) + ": " + $0.1.joined(separator: ", ") }
        }
    }

    let report: AccessReport
    let language: Language
    let labels: ReportLabels
    let catalog: Catalog?

    init(_ report: AccessReport, language: Language, catalog: Catalog?) {
        self.report = report
        self.language = language
        self.labels = ReportLabels(language)
        self.catalog = catalog
    }

    var groups: [Group] {
        var groups: [Group] = []
        var positions: [String: Int] = [:]
        for item in report.heldData {
            let key = item.system.rawValue + "\u{0}" + item.purpose.rawValue
            let basis =
                item.basis.label.text(in: language)
                + (item.basisArticle.map { " (\(labels(.article, $0)))" } ?? "")
            if let position = positions[key] {
                groups[position].items.append(item)
                if !groups[position].bases.contains(basis) { groups[position].bases.append(basis) }
            } else {
                positions[key] = groups.count
                groups.append(
                    Group(
                        system: item.system, systemLabel: systemLabel(item.system), purpose: item.purpose,
                        purposeLabel: item.purposeLabel.text(in: language), bases: [basis],
                        retention: item.retention.text(in: language), items: [item]))
            }
        }
        return groups
    }

    func systemLabel(_ system: SystemID) -> String {
        catalog?.systems[system]?.label.text(in: language) ?? system.rawValue
    }

    func purposeLabel(_ purpose: Purpose) -> String {
        if let held = report.heldData.first(where: { $0.purpose == purpose }) {
            return held.purposeLabel.text(in: language)
        }
        return catalog?.purposes[purpose]?.label.text(in: language) ?? purpose.rawValue
    }

    func categoryLabel(_ category: DataCategory) -> String {
        if let held = report.heldData.first(where: { $0.category == category }) {
            return held.categoryLabel.text(in: language)
        }
        return catalog?.categories[category]?.label.text(in: language) ?? category.rawValue
    }

    /// A held value as the letter shows it; never the clear value of a masked entry.
    func value(_ item: AccessReport.HeldData) -> String {
        switch item.valueState {
        case .shown: item.value ?? ""
        case .masked: (item.value ?? "*****") + " (" + labels[.masked] + ")"
        case .notRecorded: labels[.notRecorded]
        case .erased: labels(.erased, item.erasedAt.map { day($0) } ?? "")
        }
    }

    func source(_ item: AccessReport.HeldData) -> String {
        item.source == DataSource.dataSubject.description ? labels[.yourself] : item.source
    }

    func recipientHow(_ entry: AccessReport.RecipientEntry) -> String {
        switch entry.channel {
        case .disclosure:
            labels(.disclosed, day(entry.from)) + (entry.reference.map { " (\($0.rawValue))" } ?? "")
        case .accessGrant:
            entry.until.map { labels(.accessUntil, entry.system.map(systemLabel) ?? "", day(entry.from), day($0)) }
                ?? labels(.accessOngoing, entry.system.map(systemLabel) ?? "", day(entry.from))
        }
    }

    /// Describes the holding an erasure kept, by its category and system when the report has it.
    func keptHolding(_ sequence: UInt64) -> String {
        guard let item = report.heldData.first(where: { $0.sequence == sequence }) else {
            return "#\(sequence)"
        }
        return categoryLabel(item.category) + ", " + systemLabel(item.system)
    }

    func day(_ date: Date) -> String { LetterDate.day(date, in: language) }

    /// Each erasure the person asked for that waits for a hold, as one sentence: what, why, until
    /// when (the last day kept, or the event that ends the hold).
    var pendingErasureSentences: [String] {
        (report.pendingErasures ?? []).map { pending in
            let what = categoryLabel(pending.category) + ", " + systemLabel(pending.system)
            let until =
                pending.until.map { day(AccessReport.lastDayKept(before: $0)) } ?? pending.untilEvent.map(labels.event)
            return labels.pending(what, hold: labels.hold(pending.hold), until: until, isDue: pending.isDue)
        }
    }

    var hasMaskedValues: Bool { report.heldData.contains { $0.valueState == .masked } }
    var hasRevealedHighSensitivity: Bool {
        report.revealsHighSensitivityValues
            && report.heldData.contains { $0.sensitivity >= .high && $0.valueState == .shown }
    }
}
