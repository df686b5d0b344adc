import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the text report and the HTML and Markdown letters say, before either markup is applied:
/// the report's entries grouped and labelled in one language, with dates in the local time of
/// the person's country and the authority they may complain to.
///
/// Labels come from the report itself, then from the catalog when one is given, then the
/// vocabulary's stable name — so a letter never shows an empty cell. What the letter must not
/// tell the person is decided here once: a retention end already passed (the DPO is warned
/// instead, see ``AccessReport/overdueHoldings``) and the request the letter answers.
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
    }

    let report: AccessReport
    let language: Language
    let labels: ReportLabels
    let catalog: Catalog?
    let country: Region?
    let dates: LetterDate
    /// The authority of the person's country; `nil` when the country is not given or unknown.
    let authority: SupervisoryAuthority?
    /// The open requests this letter answers, left out of the list of open ones.
    let answered: Set<String>

    init(
        _ report: AccessReport, language: Language, catalog: Catalog?, country: Region?, answering request: String?
    ) {
        self.report = report
        self.language = language
        self.labels = ReportLabels(language)
        self.catalog = catalog
        // The person's country, as the ledger resolved it, unless the caller names another.
        let country = country ?? report.country
        self.country = country
        self.dates = LetterDate(language, country: country)
        self.authority = SupervisoryAuthority.of(country)
        self.answered = report.answeredRequests(answering: request)
    }

    var groups: [Group] {
        var groups: [Group] = []
        var positions: [String: Int] = [:]
        for item in report.heldData {
            let key = item.system.rawValue + "\u{0}" + item.purpose.rawValue
            let basis = self.basis(item)
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

    func basis(_ item: AccessReport.HeldData) -> String {
        item.basis.label.text(in: language) + (item.basisArticle.map { " (\(article($0)))" } ?? "")
    }

    /// An article of the GDPR as the letter's language cites it: `6(1)(b)` is "art. 6.1 b" in
    /// Swedish, "art. 6, stk. 1, litra b" in Danish.
    func article(_ article: String) -> String {
        guard let parts = article.wholeMatch(of: /([0-9]+)\(([0-9]+)\)\(([a-z])\)/) else {
            return labels(.article, article)
        }
        return labels(.articleParagraphPoint, String(parts.1), String(parts.2), String(parts.3))
    }

    /// When the items' data is erased: one line when every item ends alike, else one per end
    /// naming its categories. An end already passed is left out: the DPO erases it before the
    /// letter goes. A holding the person asked to erase that waits for an event says it is erased
    /// then, as the pending erasure does — not that the retention rule takes over.
    func keptUntil(_ items: [AccessReport.HeldData]) -> [String] {
        var ends: [(String, [String])] = []
        for item in items {
            guard let end = item.keptUntil, let words = pendingEnd(of: item) ?? describe(end) else { continue }
            let category = categoryLabel(item.category)
            if let index = ends.firstIndex(where: { $0.0 == words }) {
                if !ends[index].1.contains(category) { ends[index].1.append(category) }
            } else {
                ends.append((words, [category]))
            }
        }
        if ends.count == 1 { return [ends[0].0] }
        return ends.map { $0.0 + ": " + $0.1.joined(separator: ", ") }
    }

    /// "until the order is delivered, then erased as you asked" for a holding whose erasure waits
    /// for an event; `nil` for any other.
    private func pendingEnd(of item: AccessReport.HeldData) -> String? {
        guard let pending = report.pendingErasures?.first(where: { $0.holding == item.sequence }),
            !pending.isDue, pending.until == nil, let event = pending.untilEvent
        else { return nil }
        return labels(.eventsThenErasedAsAsked, self.event(event))
    }

    /// The words for a retention end; `nil` for an end already passed.
    func describe(_ end: RetentionEnd) -> String? {
        switch end {
        case .date(let date):
            guard date > report.generatedAt else { return nil }
            return labels(.keptUntilDate, dates.lastDayKept(date))
        case .event(let events, let withdrawal):
            var parts = events.map(self.event)
            if withdrawal { parts.append(labels[.eventConsentWithdrawal]) }
            return labels(.eventsThenRule, parts.joined(separator: labels[.orSeparator]))
        case .noLimit:
            return labels[.noFixedEnd]
        case .undetermined:
            return labels[.notYetDetermined]
        }
    }

    /// The event of a lifecycle kind in words: the catalog's label, else the letters' own words
    /// for the built-in kinds, else the kind's name.
    func event(_ kind: LifecycleKind) -> String {
        catalog?.lifecycleLabels?[kind]?.text(in: language) ?? labels.event(kind)
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

    /// A value an erasure kept, why and until when — the same last day the held data shows.
    func kept(_ kept: Erasure.Retained) -> String {
        let until = kept.until.flatMap { $0 > report.generatedAt ? dates.lastDayKept($0) : nil }
        return labels.kept(keptHolding(kept.holding), hold: labels.hold(kept.hold), until: until)
    }

    func erasure(_ erasure: AccessReport.ErasureEntry) -> String {
        labels.erasure(day(erasure.at), reason: labels.erasureReason(erasure.reason), count: erasure.erasedValues)
    }

    /// The open requests the letter lists: every one but those it answers.
    var openRequests: [AccessReport.RequestEntry] {
        report.openRequests.filter { !answered.contains($0.requestID) }
    }

    /// The subject line: the reply to an access request, with the answered request's id when
    /// there is exactly one.
    var subjectLine: String {
        if answered.count == 1, let id = answered.first { return labels(.subjectLine, id) }
        return labels[.subjectLineNoReference]
    }

    /// "Hello Kari Nordmann," when the report holds the person's name, else "Hello,".
    var greeting: String {
        report.personName.map { labels(.greetingNamed, $0) } ?? labels[.greeting]
    }

    /// Where the person may complain (Art. 77): their country's authority with its address.
    var complaint: String {
        guard let authority else { return labels[.rightComplaintNoAuthority] }
        return labels(.rightComplaint, authority.name.text(in: language), authority.addressLine)
    }

    /// The authority's name for running text, or the generic words when it is not known.
    var authorityName: String {
        authority?.name.text(in: language) ?? labels[.supervisoryAuthorityGeneric]
    }

    /// The rights a letter lists: each right's name and what it means.
    var rights: [(String, String)] {
        [
            (labels[.requestAccess], labels[.rightAccess]),
            (labels[.requestErasure], labels[.rightErasure]),
            (labels[.rightRectificationTitle], labels[.rightRectification]),
            (labels[.requestRestriction], labels[.rightRestriction]),
            (labels[.requestObjection], labels[.rightObjection]),
            (labels[.rightWithdrawalTitle], labels[.rightWithdrawal]),
            (labels[.requestPortability], labels[.rightPortability]),
            (labels[.rightComplaintTitle], complaint),
        ]
    }

    func day(_ date: Date) -> String { dates.day(date) }

    /// Each erasure the person asked for that waits for a hold, as one sentence: what, why, until
    /// when (the last day kept, or the event that ends the hold). `numbered` puts the holding's
    /// number first, for the formats the DPO works from.
    func pendingErasureSentences(numbered: Bool = false) -> [String] {
        (report.pendingErasures ?? []).map { pending in
            let what =
                (numbered ? "#\(pending.holding) " : "") + categoryLabel(pending.category) + ", "
                + systemLabel(pending.system)
            let until = pending.until.map(dates.lastDayKept) ?? pending.untilEvent.map(self.event)
            return labels.pending(what, hold: labels.hold(pending.hold), until: until, isDue: pending.isDue)
        }
    }

    var hasMaskedValues: Bool { report.heldData.contains { $0.valueState == .masked } }
    var hasRevealedHighSensitivity: Bool {
        report.revealsHighSensitivityValues
            && report.heldData.contains { $0.sensitivity >= .high && $0.valueState == .shown }
    }
}
