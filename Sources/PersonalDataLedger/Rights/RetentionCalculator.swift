#if canImport(FoundationEssentials)
    package import FoundationEssentials
#else
    package import Foundation
#endif

/// What retention reads besides a holding: its subject's consent decisions, the lifecycle events
/// of its business reference and of the references that one concerns (``ReferenceLink``), the
/// references of the subject's holdings per purpose, and its subject's country
/// (``SubjectCountries``).
package struct RetentionContext: Sendable {
    struct ConsentMark: Sendable {
        let sequence: UInt64
        let at: Date
        let isGiven: Bool
    }

    private(set) var consents: [SubjectID: [Purpose: [ConsentMark]]] = [:]
    private(set) var events: [BusinessReference: [LifecycleEvent]] = [:]
    private(set) var links: [BusinessReference: Set<BusinessReference>] = [:]
    private(set) var references: [SubjectID: [Purpose: Set<BusinessReference>]] = [:]
    /// The subjects' countries, which decide each holding's country when it names none.
    package private(set) var countries: SubjectCountries

    /// A context knowing `countries` already (a subject's history folded them).
    init(countries: SubjectCountries = SubjectCountries()) { self.countries = countries }

    /// Takes in a consent decision, a lifecycle event, a reference link or a holding (for its
    /// reference and its country), in sequence order; other facts are ignored.
    mutating func add(_ fact: Fact) {
        switch fact.body {
        case .consentDecision(let decision) where decision.subject != .erased:
            consents[decision.subject, default: [:]][decision.purpose, default: []].append(
                ConsentMark(sequence: fact.sequence, at: fact.recordedAt, isGiven: decision.decision == .given))
        case .lifecycleEvent(let event):
            events[event.reference, default: []].append(event)
        case .referenceLink(let link):
            links[link.reference, default: []].insert(link.concerns)
        case .holding(let holding):
            countries.note(holding)
            if holding.subject != .erased, let reference = holding.reference {
                references[holding.subject, default: [:]][holding.purpose, default: []].insert(reference)
            }
        default:
            break
        }
    }

    func marks(_ subject: SubjectID, _ purpose: Purpose) -> [ConsentMark] {
        consents[subject]?[purpose] ?? []
    }

    /// When consent to `purpose` first ended (withdrawn or refused) after the fact at `sequence`.
    func consentEnd(_ subject: SubjectID, _ purpose: Purpose, afterSequence sequence: UInt64) -> Date? {
        marks(subject, purpose).first { $0.sequence > sequence && !$0.isGiven }?.at
    }

    /// When consent to `purpose` first ended after `instant`.
    func consentEnd(_ subject: SubjectID, _ purpose: Purpose, after instant: Date) -> Date? {
        marks(subject, purpose).first { $0.at > instant && !$0.isGiven }?.at
    }

    /// Whether consent to `purpose` was in force at `instant`.
    func consentInForce(_ subject: SubjectID, _ purpose: Purpose, at instant: Date) -> Bool {
        marks(subject, purpose).last { $0.at <= instant }?.isGiven ?? false
    }

    /// When `kind` first happened to `reference`, or to a reference it concerns.
    func firstEvent(_ kind: LifecycleKind, of reference: BusinessReference?) -> Date? {
        guard let reference else { return nil }
        return ([reference] + (links[reference] ?? [])).compactMap { linked in
            events[linked]?.filter { $0.kind == kind }.map(\.occurredAt).min()
        }.min()
    }

    /// When every business object of `subject` for `purpose` had reached `kind` — the latest of
    /// the first events — and not before `recorded`; `recorded` when there is none, `nil` while
    /// one has not reached it.
    func latestEvent(_ kind: LifecycleKind, of subject: SubjectID, for purpose: Purpose, notBefore recorded: Date)
        -> Date?
    {
        var latest = recorded
        for reference in references[subject]?[purpose] ?? [] {
            guard let happened = firstEvent(kind, of: reference) else { return nil }
            latest = max(latest, happened)
        }
        return latest
    }
}

/// Computes when a holding's retention ends, from its purpose's ``RetentionRule``.
///
/// ## Semantics
/// - A clock starts at its trigger: the holding's recording (`recorded`), the first lifecycle
///   event of its kind for the holding's business reference or a reference it concerns (`event`),
///   the latest such event over all the subject's references for the purpose (`latestEvent`), or
///   the first withdrawal or refusal of consent to the holding's purpose after it was recorded
///   (`consentWithdrawn`). A clock that has started stays started: consent given again later
///   does not stop it.
/// - A holding under the consent basis has one more clock, whether the rule lists it or not:
///   consent withdrawn, erase immediately (Art. 7(3), 17(1)(b)).
/// - Unconditional clocks: the first to run out ends retention (the rule's "earliest applicable
///   clock"). While none has started, the data is kept "until event X".
/// - A conditional clock (`onlyWithConsentTo`) applies only while that consent is in force: it
///   counts if the consent was in force when retention would otherwise have ended (or now, if
///   that is still ahead), and it extends retention to the later of the two ends — cut short at
///   the moment the consent is withdrawn. While its own trigger has not happened, it keeps the
///   data "until event X".
package struct RetentionCalculator: Sendable {
    let catalog: Catalog
    let region: Region
    let settings: RetentionSettings
    private let calendar: Calendar

    init(catalog: Catalog, region: Region, settings: RetentionSettings) {
        self.catalog = catalog
        self.region = region
        self.settings = settings
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = settings.timeZone
        self.calendar = calendar
    }

    private enum ClockState {
        case ends(Date)
        case waiting(RetentionRule.Trigger)
    }

    /// The country whose periods govern `holding` (see ``SubjectCountries``).
    func region(of holding: Holding, context: RetentionContext) -> Region {
        context.countries.governing(holding, ledgerDefault: region)
    }

    /// The retention of the holding `fact`; a missing setting becomes ``RetentionEnd/undetermined(reason:)``.
    package func retention(of fact: Fact, _ holding: Holding, context: RetentionContext, asOf: Date)
        -> HoldingRetention
    {
        let rule = catalog.purposes[holding.purpose]?.retention.summary ?? LocalizedText("Not declared")
        let (end, clock): (RetentionEnd, RetentionRule.Clock?)
        do {
            (end, clock) = try evaluate(fact, holding, context: context, asOf: asOf)
        } catch {
            (end, clock) = (.undetermined(reason: error.message), nil)
        }
        return HoldingRetention(
            holding: fact.sequence, subject: holding.subject, category: holding.category,
            purpose: holding.purpose, system: holding.system, reference: holding.reference, end: end,
            clock: clock, rule: rule)
    }

    /// The end of the holding's retention and the clock that decides it; throws when a period the
    /// rule needs is not set for the holding's country.
    func evaluate(_ fact: Fact, _ holding: Holding, context: RetentionContext, asOf: Date)
        throws(LedgerError) -> (RetentionEnd, RetentionRule.Clock?)
    {
        let region = region(of: holding, context: context)
        guard let definition = catalog.purposes[holding.purpose] else {
            return (.undetermined(reason: "Purpose '\(holding.purpose)' is not declared in the catalog."), nil)
        }
        var unconditional = definition.retention.clocks.filter { $0.onlyWithConsentTo == nil }
        if holding.basis == .consent && !unconditional.contains(where: { $0.startsAt == .consentWithdrawn }) {
            unconditional.append(.init(startsAt: .consentWithdrawn, keepFor: .immediately))
        }
        let conditional = definition.retention.clocks.filter { $0.onlyWithConsentTo != nil }
        guard !unconditional.isEmpty else { return (.noLimit, nil) }

        var earliest: (end: Date, clock: RetentionRule.Clock)?
        var waitingEvents: [LifecycleKind] = []
        var waitingWithdrawal = false
        for clock in unconditional {
            switch try state(of: clock, fact, holding, region: region, context: context) {
            case .ends(let end):
                if earliest.map({ end < $0.end }) ?? true { earliest = (end, clock) }
            case .waiting(let trigger):
                note(trigger, events: &waitingEvents, withdrawal: &waitingWithdrawal)
            }
        }
        guard let base = earliest else {
            return (.event(waitingEvents, consentWithdrawal: waitingWithdrawal), nil)
        }

        var latest = base.end
        var decided = base.clock
        var pending: [LifecycleKind] = []
        for clock in conditional {
            guard let purpose = clock.onlyWithConsentTo else { continue }
            let checkedAt = min(base.end, asOf)
            guard context.consentInForce(holding.subject, purpose, at: checkedAt) else { continue }
            let consentEnds = context.consentEnd(holding.subject, purpose, after: checkedAt)
            switch try state(of: clock, fact, holding, region: region, context: context) {
            case .ends(let end):
                let extended = consentEnds.map { min(end, $0) } ?? end
                if extended > latest {
                    latest = extended
                    decided = clock
                }
            case .waiting(let trigger):
                if let consentEnds {
                    if consentEnds > latest {
                        latest = consentEnds
                        decided = clock
                    }
                } else {
                    switch trigger {
                    case .event(let kind), .latestEvent(let kind): if !pending.contains(kind) { pending.append(kind) }
                    case .recorded, .consentWithdrawn: break
                    }
                }
            }
        }
        if !pending.isEmpty { return (.event(pending, consentWithdrawal: true), nil) }
        return (.date(latest), decided)
    }

    private func note(
        _ trigger: RetentionRule.Trigger, events: inout [LifecycleKind], withdrawal: inout Bool
    ) {
        switch trigger {
        case .event(let kind), .latestEvent(let kind): if !events.contains(kind) { events.append(kind) }
        case .consentWithdrawn: withdrawal = true
        case .recorded: break
        }
    }

    private func state(
        of clock: RetentionRule.Clock, _ fact: Fact, _ holding: Holding, region: Region,
        context: RetentionContext
    ) throws(LedgerError) -> ClockState {
        let started: Date? =
            switch clock.startsAt {
            case .recorded: fact.recordedAt
            case .event(let kind): context.firstEvent(kind, of: holding.reference)
            case .latestEvent(let kind):
                context.latestEvent(kind, of: holding.subject, for: holding.purpose, notBefore: fact.recordedAt)
            case .consentWithdrawn:
                context.consentEnd(holding.subject, holding.purpose, afterSequence: fact.sequence)
            }
        guard let start = started else { return .waiting(clock.startsAt) }
        if clock.onlyWithConsentTo != nil, clock.startsAt == .event(.applicationRejected),
            let period = settings.regions[region]?.rejectedApplicantKeptWithConsent
        {
            return .ends(due(after: period, from: start))
        }
        switch clock.keepFor {
        case .immediately: return .ends(start)
        case .days(let n): return .ends(due(after: .days(n), from: start))
        case .months(let n): return .ends(due(after: .months(n), from: start))
        case .years(let n): return .ends(due(after: .years(n), from: start))
        case .consumerComplaint:
            return .ends(due(after: try complaintPeriod(region, purpose: holding.purpose), from: start))
        case .bookkeeping: return .ends(try bookkeepingDue(from: start, region: region))
        case .untilWithdrawn:
            guard
                let withdrawn = context.consentEnd(
                    holding.subject, holding.purpose, afterSequence: fact.sequence)
            else { return .waiting(.consentWithdrawn) }
            return .ends(max(withdrawn, start))
        }
    }

    /// The periods of `region`, the ledger's default country when `nil`.
    func periods(_ region: Region? = nil) throws(LedgerError) -> RetentionSettings.RegionalPeriods {
        let region = region ?? self.region
        guard let periods = settings.regions[region] else {
            throw LedgerError(
                .retentionSettingMissing,
                "No retention periods are set for region '\(region)'. Add RetentionSettings.regions[\"\(region)\"] (bookkeeping and consumer complaint periods) before computing retention."
            )
        }
        return periods
    }

    /// The consumer complaint period of `region` (the ledger's default country when `nil`), for
    /// `purpose` when the region sets one for it (Norway's 5 years for goods meant to last).
    func complaintPeriod(_ region: Region? = nil, purpose: Purpose? = nil) throws(LedgerError) -> CalendarPeriod {
        let region = region ?? self.region
        let periods = try periods(region)
        guard let period = purpose.flatMap({ periods.consumerComplaintByPurpose[$0] }) ?? periods.consumerComplaint
        else {
            throw LedgerError(
                .retentionSettingMissing,
                "Region '\(region)' has no default consumer complaint period (in Finland it follows the goods' expected lifetime). Set RetentionSettings.regions[\"\(region)\"].consumerComplaint to the period your lawyers chose (from pdl: pdl settings set --country \(region) --consumer-complaint TIME, such as 2y); retention is not computed until then."
            )
        }
        return period
    }

    /// The start of the day after the last day kept: `start`'s day plus `period`, plus one day.
    func due(after period: CalendarPeriod, from start: Date) -> Date {
        let day = calendar.startOfDay(for: start)
        let last: Date? =
            switch period {
            case .days(let n): calendar.date(byAdding: .day, value: n, to: day)
            case .months(let n): calendar.date(byAdding: .month, value: n, to: day)
            case .years(let n): calendar.date(byAdding: .year, value: n, to: day)
            }
        return dayAfter(last ?? day)
    }

    /// The start of the day after the bookkeeping period of a transaction at `start` ends.
    func bookkeepingDue(from start: Date, region: Region? = nil) throws(LedgerError) -> Date {
        let periods = try periods(region)
        let end = periods.fiscalYearEnd
        let parts = calendar.dateComponents([.year, .month, .day], from: start)
        let year = parts.year ?? 1970
        var fiscalYear = year
        if (parts.month ?? 1, parts.day ?? 1) > (end.month, clampedDay(end, in: year)) { fiscalYear += 1 }
        let last: Date =
            switch periods.bookkeeping {
            case .afterFiscalYearEnd(let years):
                date(year: fiscalYear + years, month: end.month, day: clampedDay(end, in: fiscalYear + years))
            case .toEndOfCalendarYear(let years):
                date(year: fiscalYear + years, month: 12, day: 31)
            }
        return dayAfter(last)
    }

    private func dayAfter(_ day: Date) -> Date {
        calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: day)) ?? day
    }

    private func date(year: Int, month: Int, day: Int) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? .distantFuture
    }

    private func clampedDay(_ monthDay: MonthDay, in year: Int) -> Int {
        let next = monthDay.month == 12 ? (year + 1, 1) : (year, monthDay.month + 1)
        let firstOfNext = date(year: next.0, month: next.1, day: 1)
        let lastOfMonth = calendar.date(byAdding: .day, value: -1, to: firstOfNext) ?? firstOfNext
        return min(monthDay.day, calendar.component(.day, from: lastOfMonth))
    }
}
