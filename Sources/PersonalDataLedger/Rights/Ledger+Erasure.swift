#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Ledger {
    /// Plans an erasure (GDPR Art. 17) without changing anything: what will be erased, what is
    /// kept under which legal hold and until when, which identifiers go, and which recipients must
    /// be told.
    ///
    /// The plan covers `subject` and every identifier linked to it. Holds come from
    /// ``RetentionSettings/legalHolds``: with the defaults, data under a legal obligation is kept
    /// for its bookkeeping period, complaint data while its case is open, and order data until the
    /// order is delivered. The subject identifier is erased only with scope
    /// ``ErasureRequestScope/everything`` and when nothing of that identifier is kept. What was
    /// already erased is listed, not planned again.
    ///
    /// - Parameters:
    ///   - subject: whose data.
    ///   - scope: everything, or some categories, purposes or holdings.
    ///   - reason: why: the person asked, consent was withdrawn, or retention ran out.
    public func planErasure(
        of subject: SubjectID, scope: ErasureRequestScope = .everything,
        reason: Erasure.Reason = .subjectRequest
    ) async throws -> ErasurePlan {
        try validator.subject(subject)
        try validator.erasure(scope)
        let (subjects, history) = try await historyFollowingLinks(from: subject)
        return try await plan(subject, subjects, history, scope: scope, reason: reason, at: clock.now())
    }

    /// Carries out a plan from ``planErasure(of:scope:reason:)``: erases the values of its holdings
    /// and of their rectifications physically through the store — one
    /// ``LedgerStore/erase(_:recording:)`` per subject identifier, each recording an ``Erasure``
    /// fact with what was kept and why — and the identifiers it lists.
    ///
    /// What a hold keeps is remembered, also when nothing can be erased now: the erasure fact
    /// lists it as retained, ``pendingErasures(of:asOf:)`` and the access report show it, and
    /// ``applyRetention(asOf:actor:progress:)`` erases it once its hold ends (an undelivered
    /// order at its delivery). A holding already waiting under the same hold is not recorded
    /// again.
    ///
    /// The plan is checked again under the subjects' write locks: only what the plan lists and is
    /// still erasable goes, and an identifier goes only if nothing of it must be kept now either.
    /// Erasing what is already erased is a no-op, not an error: ``ErasureResult/isNoOp``.
    ///
    /// Other writers — another process on the same directory, another machine on the same
    /// database, another `Ledger` over the same store — are met under the store's write lock:
    /// the store refuses an erasure resolved before a fact about its subject that is numbered
    /// ahead of it (``ErasureScope/resolvedThrough``), and the ledger reads and checks the plan
    /// again. So what the ledger promises holds for every writer alike: a holding the plan does
    /// not list, recorded before the erasure by anyone, keeps its value and keeps the identifier
    /// with it — the erasure fact never claims an identifier gone while a value of it stays.
    /// What is recorded after the erasure fact is new history, not refused: the person may order
    /// again. A store that does not make the check (one that never runs
    /// `LedgerStoreConformance.sharedStoreChecks`) cannot keep this promise beside other writers.
    ///
    /// - Returns: what was erased and kept, the facts recorded, and the recipients that must be
    ///   told (Art. 19).
    @discardableResult
    public func erase(_ plan: ErasurePlan, actor: ActorID? = nil) async throws -> ErasureResult {
        try await observingErasure { try await carryOut(plan, onlyWhatItLists: true, actor: actor) }
    }

    /// Plans and carries out an erasure in one step: everything `scope` covers when the erasure
    /// is recorded goes, except what a legal hold keeps.
    ///
    /// Unlike ``erase(_:actor:)`` with a plan made earlier, there is no plan to keep to: the scope
    /// is resolved under the subjects' write locks, and resolved again whenever the store finds
    /// that another writer (another process, machine or `Ledger` over the store) recorded about
    /// the subject meanwhile (``ErasureScope/resolvedThrough``). Every holding in scope that is
    /// numbered below the erasure fact — whoever recorded it — is erased or listed as kept, and
    /// with scope ``ErasureRequestScope/everything`` the identifier goes unless something of it
    /// is kept. What is recorded after the erasure fact is new history: the ledger does not
    /// refuse it, here or in another process, and a new request is needed to erase it.
    ///
    /// - Throws: ``LedgerStoreError`` with code ``LedgerStoreError/Code/conflict`` only when
    ///   another writer kept recording about the subject through every attempt; what was erased
    ///   before stays erased, and running the erasure again finishes it.
    @discardableResult
    public func erase(
        _ subject: SubjectID, scope: ErasureRequestScope = .everything,
        reason: Erasure.Reason = .subjectRequest, actor: ActorID? = nil
    ) async throws -> ErasureResult {
        try await observingErasure {
            try await carryOut(
                planErasure(of: subject, scope: scope, reason: reason), onlyWhatItLists: false, actor: actor)
        }
    }

    /// Tells the observer how an erasure call ended; its subjects are those it recorded an
    /// erasure for.
    private func observingErasure(_ body: () async throws -> ErasureResult) async throws -> ErasureResult {
        try await observingWrite(.erasure, facts: \.erasures.count, subjects: \.erasures.count, body)
    }

    /// Carries out `plan` under its subjects' locks, resolving it again from what the store holds
    /// now; with `onlyWhatItLists`, only holdings and identifiers the plan lists go (``erase(_:actor:)``),
    /// otherwise everything its scope covers now (``erase(_:scope:reason:actor:)``).
    private func carryOut(_ plan: ErasurePlan, onlyWhatItLists: Bool, actor: ActorID?) async throws -> ErasureResult {
        let locked = Set(plan.subjects.filter { $0 != .erased })
        guard !locked.isEmpty else {
            return ErasureResult(erased: [], kept: plan.keep, identifiersErased: [], erasures: [], recipientsToTell: [])
        }
        let approved = Set(plan.erase.map(\.holding))
        return try await withLocks(of: Array(locked)) {
            var result = ErasureResult(erased: [], kept: [], identifiersErased: [], erasures: [], recipientsToTell: [])
            // The holdings erased under each reading of the store, for their recipients.
            var erasedByReading: [(history: SubjectHistory, holdings: [(Fact, Holding)])] = []
            var reading: (resolvedThrough: UInt64, history: SubjectHistory, fresh: ErasurePlan)?
            for subject in locked.sorted() {
                try await resolvingErasure { resolvedThrough in
                    if reading == nil {
                        // The first reading follows links from the plan's subject; one after another
                        // writer's fact refused an erasure follows them from the subject refused, whose
                        // identifier is still there.
                        let (current, history) = try await historyFollowingLinks(
                            from: erasedByReading.isEmpty ? plan.subject : subject)
                        let fresh = try await self.plan(
                            plan.subject, current.intersection(locked), history, scope: plan.scope, reason: plan.reason,
                            at: clock.now())
                        reading = (resolvedThrough, history, fresh)
                        erasedByReading.append((history, []))
                    }
                    guard case (let resolvedThrough, let history, let fresh)? = reading else { return }
                    let inScope = fresh.erase.filter { $0.subject == subject }
                    let items = onlyWhatItLists ? inScope.filter { approved.contains($0.holding) } : inScope
                    // An identifier goes only if the plan said so and nothing recorded since would outlive it.
                    let erasesIdentifier =
                        fresh.identifiersErased.contains(subject)
                        && (!onlyWhatItLists || (plan.identifiersErased.contains(subject) && items == inScope))
                    let kept = fresh.keep.filter { $0.subject == subject }
                    // What is kept is remembered: the retention sweep erases it when its hold ends. A
                    // holding already waiting under the same hold is not recorded again, so asking twice
                    // is a no-op.
                    let newlyKept = kept.filter { kept in
                        history.holdings[kept.holding].map { held in
                            held.keptBy == nil
                                || !held.holds.contains { $0.hold == kept.hold && $0.until == kept.until }
                        } ?? true
                    }
                    guard !items.isEmpty || erasesIdentifier || !newlyKept.isEmpty else {
                        result.kept += kept
                        return
                    }
                    let recorded: Fact
                    do {
                        recorded = try await eraseValues(
                            of: subject, holdings: items.map(\.holding), history: history, reason: plan.reason,
                            erasingIdentifier: erasesIdentifier,
                            retained: kept.map {
                                Erasure.Retained(holding: $0.holding, hold: $0.hold, until: $0.until)
                            },
                            actor: actor, resolvedThrough: resolvedThrough)
                    } catch {
                        reading = nil
                        throw error
                    }
                    result.erased += items
                    result.kept += kept
                    if erasesIdentifier { result.identifiersErased.append(subject) }
                    result.erasures.append(recorded)
                    erasedByReading[erasedByReading.count - 1].holdings += items.compactMap { item in
                        history.holdings[item.holding].map { ($0.fact, $0.holding) }
                    }
                }
            }
            result.erased.sort { $0.holding < $1.holding }
            result.kept.sort { $0.holding < $1.holding }
            var notices: [RecipientNotice] = []
            for (history, holdings) in erasedByReading {
                notices += try await recipientsToTell(erasing: holdings, history: history)
            }
            result.recipientsToTell = RecipientNotice.merged(notices)
            return result
        }
    }

    private func plan(
        _ subject: SubjectID, _ subjects: Set<SubjectID>, _ history: SubjectHistory, scope: ErasureRequestScope,
        reason: Erasure.Reason, at now: Date
    ) async throws -> ErasurePlan {
        // Only identifiers the store still knows: an erased one has no facts left to find.
        let subjects = subjects.filter { $0 != .erased && history.subjects.contains($0) }
        let context = try await retentionContext(for: history)
        let held = history.allHoldings.filter { subjects.contains($0.holding.subject) }
        if history.lastSequence > 0 { try validator.erasure(scope, of: Set(held.map(\.sequence))) }

        var erase: [ErasurePlan.Item] = []
        var keep: [ErasurePlan.Kept] = []
        var alreadyErased: [UInt64] = []
        var toErase: [(Fact, Holding)] = []
        for entry in held where Self.isInScope(entry.fact, entry.holding, scope) {
            let (fact, holding) = (entry.fact, entry.holding)
            if entry.isErased {
                alreadyErased.append(fact.sequence)
            } else if let kept = try legalHold(on: fact, holding, context: context, at: now) {
                keep.append(kept)
            } else {
                toErase.append((fact, holding))
                erase.append(
                    .init(
                        holding: fact.sequence, subject: holding.subject, category: holding.category,
                        purpose: holding.purpose, system: holding.system, reference: holding.reference,
                        rectifications: entry.rectifications.map(\.sequence)))
            }
        }
        let identifiers: [SubjectID] =
            scope == .everything
            ? subjects.filter { id in !keep.contains { $0.subject == id } }.sorted() : []
        return ErasurePlan(
            subject: subject, subjects: subjects.sorted(), scope: scope, reason: reason, plannedAt: now,
            erase: erase, keep: keep, alreadyErased: alreadyErased, identifiersErased: identifiers,
            recipientsToTell: try await recipientsToTell(erasing: toErase, history: history))
    }

    private static func isInScope(_ fact: Fact, _ holding: Holding, _ scope: ErasureRequestScope) -> Bool {
        switch scope {
        case .everything: true
        case .categories(let categories): categories.contains(holding.category)
        case .purposes(let purposes): purposes.contains(holding.purpose)
        case .holdings(let sequences): sequences.contains(fact.sequence)
        }
    }

    /// The first legal hold rule that keeps the holding at `now`, if any.
    func legalHold(on fact: Fact, _ holding: Holding, context: RetentionContext, at now: Date)
        throws(LedgerError) -> ErasurePlan.Kept?
    {
        for rule in retention.legalHolds {
            let applies =
                switch rule.scope {
                case .basis(let basis): holding.basis == basis
                case .purpose(let purpose): holding.purpose == purpose
                }
            guard applies else { continue }
            var until: Date?
            var untilEvent: LifecycleKind?
            switch rule.duration {
            case .whileRetentionRuns:
                let (end, _) = try retentionCalculator.evaluate(fact, holding, context: context, asOf: now)
                switch end {
                case .date(let date):
                    guard date > now else { continue }
                    until = date
                case .event(let events, _):
                    untilEvent = events.first
                case .noLimit, .undetermined:
                    break
                }
            case .untilEvent(let kind):
                guard holding.reference != nil else { continue }
                if let happened = context.firstEvent(kind, of: holding.reference), happened <= now { continue }
                untilEvent = kind
            }
            return ErasurePlan.Kept(
                holding: fact.sequence, subject: holding.subject, category: holding.category,
                purpose: holding.purpose, system: holding.system, reference: holding.reference,
                hold: rule.hold, until: until, untilEvent: untilEvent)
        }
        return nil
    }
}
