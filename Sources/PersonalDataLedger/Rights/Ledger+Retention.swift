#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The holdings whose retention has run out (GDPR Art. 5(1)(e)), as ``Ledger/retentionDue(asOf:progress:)``
/// lists them.
public struct RetentionDue: Hashable, Sendable, Codable {
    /// The instant the list was computed for.
    public var asOf: Date
    /// Holdings whose time is up, earliest due first: each with the rule, the clock that ran out
    /// and the date.
    public var holdings: [HoldingRetention]
    /// Holdings whose time is up but whose processing is restricted (Art. 18): the person asked to
    /// keep them (for a legal claim, or instead of erasure), so they stay until the restriction is
    /// lifted.
    public var deferred: [HoldingRetention]
    /// Erasures a request asked for that waited for a legal hold which has now ended (the order
    /// was delivered, the case closed): the sweep carries them out. Restricted holdings stay
    /// waiting.
    public var requested: [PendingErasure] = []
}

/// What ``Ledger/applyRetention(asOf:actor:progress:)`` did.
public struct RetentionSweep: Hashable, Sendable, Codable {
    /// The instant the sweep was computed for.
    public var asOf: Date
    /// The holdings whose values were erased.
    public var erased: [HoldingRetention]
    /// Holdings due but kept because processing is restricted.
    public var deferred: [HoldingRetention]
    /// The erasures a request asked for whose hold has ended, carried out now.
    public var requested: [PendingErasure] = []
    /// The erasure facts recorded, one per subject and reason.
    public var erasures: [Fact]
    /// Recipients that must be told (Art. 19), one notice per recipient and subject.
    public var recipientsToTell: [RecipientNotice]
}

extension Ledger {
    package var retentionCalculator: RetentionCalculator {
        RetentionCalculator(catalog: catalog, region: region, settings: retention)
    }

    /// How long each holding of `subject` (and of identifiers linked to it) whose value is still
    /// held is kept: until a date, until an event, or without limit — the "kept until" of the
    /// access report.
    ///
    /// - Parameters:
    ///   - subject: whose holdings (and those of identifiers linked to it).
    ///   - asOf: the instant to compute for; now when `nil`.
    public func retentionSchedule(of subject: SubjectID, asOf: Date? = nil) async throws
        -> [HoldingRetention]
    {
        try validator.subject(subject)
        try validator.pointInTime(asOf, argument: "asOf", isQuery: true)
        let instant = asOf ?? clock.now()
        let (_, history) = try await historyFollowingLinks(from: subject)
        let context = try await retentionContext(for: history)
        let calculator = retentionCalculator
        return history.liveHoldings.map {
            calculator.retention(of: $0.fact, $0.holding, context: context, asOf: instant)
        }
    }

    /// Lists the holdings whose retention has run out at `asOf`, with the rule, the clock that ran
    /// out and the date — what must be erased today.
    ///
    /// Reads the whole ledger twice, in pages (`RetentionScan`). Refused with ``LedgerError/Rule/retentionSettingMissing``
    /// when the catalog needs a period the region has no setting for (Finland's consumer complaint
    /// period): set it in ``RetentionSettings`` first.
    ///
    /// - Parameters:
    ///   - asOf: the instant to compute for; now when `nil`.
    ///   - progress: called after each page with the facts read so far and the total.
    public func retentionDue(
        asOf: Date? = nil, progress: (@Sendable (_ read: UInt64, _ total: UInt64) -> Void)? = nil
    ) async throws -> RetentionDue {
        try validator.pointInTime(asOf, argument: "asOf", isQuery: true)
        let instant = asOf ?? clock.now()
        try checkRetentionSettings()
        let scan = try await RetentionScan.read(self, progress: progress)
        let calculator = retentionCalculator
        var due: [HoldingRetention] = []
        var deferred: [HoldingRetention] = []
        // A holding whose erasure waits for a hold is answered below as requested, not here; that
        // is known once the second pass is over, so its entry (or its refusal) waits till then.
        var refusals: [(holding: UInt64, error: any Error)] = []
        var isRefused = false  // by a holding no request waits for: what follows changes nothing
        let kept = try await scan.forEachLiveHolding(self) { fact, holding in
            guard !isRefused else { return }
            let (end, clock): (RetentionEnd, RetentionRule.Clock?)
            do {
                (end, clock) = try calculator.evaluate(fact, holding, context: scan.context, asOf: instant)
            } catch {
                refusals.append((fact.sequence, error))
                isRefused = !scan.mayBeRequested(fact.sequence)
                return
            }
            guard end.isDue(at: instant) else { return }
            let entry = HoldingRetention(
                holding: fact.sequence, subject: holding.subject, category: holding.category,
                purpose: holding.purpose, system: holding.system, reference: holding.reference, end: end,
                clock: clock,
                rule: catalog.purposes[holding.purpose]?.retention.summary ?? LocalizedText("Not declared"))
            if scan.isRestricted(holding.subject, holding.purpose) {
                deferred.append(entry)
            } else {
                due.append(entry)
            }
        }
        let requested = pendingErasures(in: kept, context: scan.context, at: instant)
            .filter { $0.isDue && !scan.isRestricted($0.subject, $0.purpose) }
        let asked = Set(requested.map(\.holding))
        if let refusal = refusals.first(where: { !asked.contains($0.holding) }) { throw refusal.error }
        due.removeAll { asked.contains($0.holding) }
        deferred.removeAll { asked.contains($0.holding) }
        let order: (HoldingRetention, HoldingRetention) -> Bool = {
            ($0.end.date ?? .distantPast, $0.holding) < ($1.end.date ?? .distantPast, $1.holding)
        }
        return RetentionDue(
            asOf: instant, holdings: due.sorted(by: order), deferred: deferred.sorted(by: order), requested: requested)
    }

    /// Erases, physically and through the store, the values of every holding whose retention has
    /// run out at `asOf`, and of their rectifications; records for each subject why (reason
    /// ``Erasure/Reason/retentionExpired``, or ``Erasure/Reason/consentWithdrawn`` when withdrawal
    /// started the clock); and returns what it did with the recipients to tell (Art. 19).
    ///
    /// It also carries out the erasures requests asked for that waited for a legal hold
    /// (``pendingErasures(of:asOf:)``) once the hold has ended — an undelivered order's data at
    /// its delivery — recording them for the request's reason (``RetentionSweep/requested``).
    ///
    /// Each subject is re-checked under its write lock before its values go — and again, under
    /// the store's write lock, when another writer recorded about it meanwhile
    /// (``ErasureScope/resolvedThrough``), so that an identifier never goes while a value another
    /// process just recorded stays. Subject identifiers
    /// are kept by retention — consent history must stay demonstrable (Art. 7(1)) — except where
    /// the clock that ran out says the policy keeps nothing (``RetentionRule/Clock/erasesIdentifier``,
    /// a rejected applicant) and nothing else of the identifier is held, and where the sweep
    /// carries out the last of an erasure of everything that waited for a hold: the identifier
    /// goes as it would have gone at once had nothing been kept, unless something was recorded
    /// for it since the request (a new order, a consent decision). Holdings under a
    /// restriction (Art. 18) are deferred, not erased.
    ///
    /// - Parameters:
    ///   - asOf: the instant to apply retention as of; now when `nil`. It may not be in the future:
    ///     data would be erased before its time.
    ///   - actor: who runs the sweep, for the erasure facts; the ledger's actor when `nil`.
    ///   - progress: called after each page of the scan with the facts read so far and the total.
    @discardableResult
    public func applyRetention(
        asOf: Date? = nil, actor: ActorID? = nil,
        progress: (@Sendable (_ read: UInt64, _ total: UInt64) -> Void)? = nil
    ) async throws -> RetentionSweep {
        try await observingWrite(.erasure, facts: \.erasures.count, subjects: \.erasures.count) {
            try await sweepRetention(asOf: asOf, actor: actor, progress: progress)
        }
    }

    private func sweepRetention(
        asOf: Date?, actor: ActorID?, progress: (@Sendable (_ read: UInt64, _ total: UInt64) -> Void)?
    ) async throws -> RetentionSweep {
        try validator.pointInTime(asOf, argument: "asOf")
        let now = clock.now()
        let instant = asOf ?? now
        try validator.retentionSweep(asOf: instant, now: now)
        var progress = progress
        if let observer {
            progress = { [progress] done, total in
                progress?(done, total)
                observer.observe(.retentionSweepProgress(done: done, total: total))
            }
        }
        let due = try await retentionDue(asOf: instant, progress: progress)
        var sweep = RetentionSweep(
            asOf: instant, erased: [], deferred: due.deferred, erasures: [], recipientsToTell: [])
        let bySubject = Dictionary(grouping: due.holdings, by: \.subject)
        let askedBySubject = Dictionary(grouping: due.requested, by: \.subject)
        let calculator = retentionCalculator
        for subject in Set(bySubject.keys).union(askedBySubject.keys).sorted() {
            let wanted = Set((bySubject[subject] ?? []).map(\.holding))
            let asked = Set((askedBySubject[subject] ?? []).map(\.holding))
            try await withLocks(of: [subject]) {
                // Each attempt reads the subject again; what an earlier one erased before another
                // writer's fact refused it is in the sweep already and reads as erased now.
                try await resolvingErasure { resolvedThrough in
                    var resolvedThrough = resolvedThrough
                    let history = try await history(of: subject)
                    let context = try await retentionContext(for: history)
                    // Requests first: what a person asked to erase goes for their reason once its hold ends.
                    let requested = pendingErasures(in: history.liveHoldings, context: context, at: instant).filter {
                        $0.isDue && asked.contains($0.holding)
                            && history.restriction(of: subject, for: $0.purpose) == nil
                    }
                    var groups: [Erasure.Reason: [(Fact, Holding)]] = [:]
                    for pending in requested {
                        guard let held = history.holdings[pending.holding] else { continue }
                        groups[pending.reason, default: []].append((held.fact, held.holding))
                    }
                    var retentions: [UInt64: HoldingRetention] = [:]
                    var deferred: [HoldingRetention] = []
                    var identifierGoes = false
                    for held in history.liveHoldings where wanted.contains(held.sequence) {
                        guard !requested.contains(where: { $0.holding == held.sequence }) else { continue }
                        let (fact, holding) = (held.fact, held.holding)
                        let retention = calculator.retention(of: fact, holding, context: context, asOf: instant)
                        guard retention.end.isDue(at: instant) else { continue }
                        if history.restriction(of: holding.subject, for: holding.purpose) != nil {
                            deferred.append(retention)
                            continue
                        }
                        let reason: Erasure.Reason =
                            retention.clock?.startsAt == .consentWithdrawn ? .consentWithdrawn : .retentionExpired
                        groups[reason, default: []].append((fact, holding))
                        retentions[fact.sequence] = retention
                        identifierGoes = identifierGoes || retention.clock?.erasesIdentifier == true
                    }
                    // A clock that keeps nothing of the person (a rejected applicant) takes the identifier
                    // too — once nothing else of it is held or waiting. So does the last of an erasure of
                    // everything that waited for a hold: the person asked for everything to go.
                    let erasing = Set(groups.values.flatMap { $0.map(\.0.sequence) })
                    identifierGoes =
                        identifierGoes && subject != .erased
                        && history.liveHoldings.allSatisfy {
                            erasing.contains($0.sequence) || $0.holding.subject != subject
                        }
                    if !requested.isEmpty {
                        identifierGoes =
                            identifierGoes
                            || erasesIdentifierWithPendingErasures(of: subject, in: history, erasing: erasing)
                    }
                    let reasons = groups.keys.sorted()
                    for reason in reasons {
                        let holdings = groups[reason]!
                        let recipients = try await recipientsToTell(erasing: holdings, history: history)
                        let recorded = try await eraseValues(
                            of: subject, holdings: holdings.map(\.0.sequence), history: history, reason: reason,
                            erasingIdentifier: identifierGoes && reason == reasons.last, retained: [], actor: actor,
                            resolvedThrough: resolvedThrough)
                        // The only fact about the subject since the reads is this erasure.
                        resolvedThrough = recorded.sequence
                        let sequences = Set(holdings.map(\.0.sequence))
                        sweep.erasures.append(recorded)
                        sweep.recipientsToTell += recipients
                        sweep.erased += holdings.compactMap { retentions[$0.0.sequence] }
                        sweep.requested += requested.filter { sequences.contains($0.holding) }
                    }
                    sweep.deferred += deferred
                }
            }
        }
        return sweep
    }

    /// Refuses when the catalog needs a period the ledger's region has no setting for.
    func checkRetentionSettings() throws(LedgerError) {
        let calculator = retentionCalculator
        let periods = catalog.purposes.values.flatMap { $0.retention.clocks.map(\.keepFor) }
        if periods.contains(.bookkeeping) || periods.contains(.consumerComplaint) {
            _ = try calculator.periods()
        }
        if periods.contains(.consumerComplaint) { _ = try calculator.complaintPeriod() }
    }

    /// The consent decisions and holdings in `history`, and the lifecycle events and reference
    /// links of its holdings' references and of the references those concern.
    func retentionContext(for history: SubjectHistory) async throws -> RetentionContext {
        var context = RetentionContext(countries: history.countries)
        for fact in history.consentDecisions { context.add(fact) }
        for held in history.allHoldings { context.add(held.fact) }
        var concerned: Set<BusinessReference> = []
        for reference in history.references.sorted() {
            for fact in try await store.facts(for: .reference(reference)) {
                switch fact.body {
                case .lifecycleEvent: context.add(fact)
                case .referenceLink(let link) where link.reference == reference:
                    context.add(fact)
                    concerned.insert(link.concerns)
                default: break
                }
            }
        }
        for reference in concerned.subtracting(history.references).sorted() {
            for fact in try await store.facts(for: .reference(reference)) {
                if case .lifecycleEvent = fact.body { context.add(fact) }
            }
        }
        return context
    }
}

/// Two passes over the whole ledger, in pages, that keep no fact and no holding: the first
/// (``read(_:progress:)``) gathers what decides each holding's retention from facts that may come
/// after it — consent decisions, lifecycle events and reference links, each subject's references
/// and country (``RetentionContext``), the erasures (``ErasedSequences``), the restrictions in
/// force and the rectifications — and the second (``forEachLiveHolding(_:_:)``) hands each
/// holding whose value is still held to its caller as it passes.
///
/// Its answers are those of every subject's ``SubjectHistory`` folded at once, which it replaces:
/// what it keeps grows with the subjects, references and erasures, not with the facts.
package struct RetentionScan {
    package private(set) var context = RetentionContext()
    /// The facts the scan covers: the store's count when the first pass began.
    private(set) var count: UInt64 = 0
    private var erased = ErasedSequences()
    /// Restrictions in force per identifier; a `nil` purpose restricts every purpose.
    private var restrictions: [SubjectID: [Purpose?: Bool]] = [:]
    /// Rectifications by the holding they correct, in the order recorded.
    private var rectifications: [UInt64: [Rectification]] = [:]
    /// Holdings an erasure kept under a legal hold: the erasures still to be carried out.
    private var retained: Set<UInt64> = []
    private var progress: (@Sendable (UInt64, UInt64) -> Void)?

    /// Whether processing of `subject` for `purpose` is restricted (Art. 18).
    package func isRestricted(_ subject: SubjectID, _ purpose: Purpose) -> Bool {
        restrictions[subject]?[purpose] != nil || restrictions[subject]?[nil] != nil
    }

    /// Whether an erasure kept the holding at `sequence` under a hold, so that it may be one a
    /// request waits to erase.
    func mayBeRequested(_ sequence: UInt64) -> Bool { retained.contains(sequence) }

    /// The value a holding holds now: the latest rectification's, or its own.
    package func currentValue(of fact: Fact, _ holding: Holding) -> PersonalValue? {
        // As the holding's history applies them: rectifications recorded about its subject.
        rectifications[fact.sequence]?.last { $0.subject == holding.subject }?.value ?? holding.value
    }

    /// The first pass: folds what decides retention from every fact of `ledger`.
    package static func read(
        _ ledger: Ledger, progress: (@Sendable (UInt64, UInt64) -> Void)?
    ) async throws -> RetentionScan {
        var scan = RetentionScan()
        scan.count = try await ledger.store.integrityHead().count
        scan.progress = progress
        try await ledger.scanFacts(through: scan.count, pass: .firstOfTwo, progress: progress) { scan.apply($0) }
        return scan
    }

    private mutating func apply(_ fact: Fact) {
        context.add(fact)
        switch fact.body {
        case .erasure(let erasure):
            erased.note(fact)
            for kept in erasure.retained { retained.insert(kept.holding) }
        case .rectification(let rectification):
            rectifications[rectification.holding, default: []].append(rectification)
        case .restriction(let restriction):
            restrictions[restriction.subject, default: [:]][restriction.purpose] = restriction.isLifted ? nil : true
        default: break
        }
    }

    /// The second pass: calls `body` with each holding whose value is still held, of an
    /// identifier not erased, in sequence order; returns the holdings an erasure kept under a
    /// legal hold, as their histories leave them (for ``Ledger/pendingErasures(in:context:at:)``).
    package func forEachLiveHolding(
        _ ledger: Ledger, _ body: (Fact, Holding) throws -> Void
    ) async throws -> [SubjectHistory.HeldValue] {
        var kept: [UInt64: SubjectHistory.HeldValue] = [:]
        // The owners of erased holdings: an erasure reaches the histories of the holdings it
        // names, and a hold it records applies in those histories only.
        var owners: [UInt64: SubjectID] = [:]
        try await ledger.scanFacts(through: count, pass: .secondOfTwo, progress: progress) { fact in
            switch fact.body {
            case .holding(let holding):
                let isErased = erased.isErased(fact.sequence)
                if isErased { owners[fact.sequence] = holding.subject }
                if retained.contains(fact.sequence) { kept[fact.sequence] = .init(fact: fact, holding: holding) }
                guard !isErased, holding.subject != .erased else { return }
                try body(fact, holding)
            case .erasure(let erasure):
                var reached = Set(fact.body.subjects)
                for sequence in erasure.erased {
                    if let owner = owners[sequence] { reached.insert(owner) }
                    kept[sequence]?.erase(by: fact)
                }
                for (sequence, holds) in Dictionary(grouping: erasure.retained, by: \.holding) {
                    guard let held = kept[sequence], reached.contains(held.holding.subject) else { continue }
                    kept[sequence]?.keep(holds, by: fact)
                }
            default:
                break
            }
        }
        return kept.values.sorted { $0.sequence < $1.sequence }
    }
}
