#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension Ledger {
    /// The erasures of `subject` (and of identifiers linked to it) that wait for a legal hold to
    /// end: each holding an erasure kept whose value is still held, with the hold that keeps it
    /// and until when, judged at `asOf`.
    ///
    /// - Parameters:
    ///   - subject: whose erasures.
    ///   - asOf: the instant holds are judged at; now when `nil`.
    public func pendingErasures(of subject: SubjectID, asOf: Date? = nil) async throws -> [PendingErasure] {
        try validator.subject(subject)
        try validator.pointInTime(asOf, argument: "asOf", isQuery: true)
        let (_, history) = try await historyFollowingLinks(from: subject)
        let context = try await retentionContext(for: history)
        return pendingErasures(in: history.liveHoldings, context: context, at: asOf ?? clock.now())
    }

    /// The pending erasures among `held`, each judged at `instant` against the current holds.
    /// A hold that cannot be judged (a retention setting is missing) stays as recorded, not due.
    func pendingErasures(
        in held: [SubjectHistory.HeldValue], context: RetentionContext, at instant: Date
    ) -> [PendingErasure] {
        var pending: [PendingErasure] = []
        for entry in held where !entry.isErased && entry.holding.subject != .erased {
            guard let fact = entry.keptBy, case .erasure(let erasure) = fact.body,
                let recorded = entry.holds.first
            else { continue }
            var hold = recorded.hold
            var until = recorded.until
            var untilEvent: LifecycleKind?
            var isDue = false
            do {
                if let current = try legalHold(on: entry.fact, entry.holding, context: context, at: instant) {
                    (hold, until, untilEvent) = (current.hold, current.until, current.untilEvent)
                } else {
                    (until, isDue) = (nil, true)
                }
            } catch {
                // Judged again once the setting is there; until then it waits as recorded.
            }
            pending.append(
                PendingErasure(
                    holding: entry.sequence, subject: entry.holding.subject, category: entry.holding.category,
                    purpose: entry.holding.purpose, system: entry.holding.system, reference: entry.holding.reference,
                    erasure: fact.sequence, requestedAt: fact.recordedAt, reason: erasure.reason, hold: hold,
                    until: until, untilEvent: untilEvent, isDue: isDue))
        }
        return pending.sorted { $0.holding < $1.holding }
    }
}

extension Ledger {
    /// Whether erasing `erasing` carries out the last of an erasure of everything that had to wait,
    /// so the identifier `subject` goes with it — as it would have gone at once had nothing been
    /// kept (``planErasure(of:scope:reason:)`` with ``ErasureRequestScope/everything``).
    ///
    /// The erasure that kept what goes now must have covered every holding of `subject` recorded
    /// before it: each was erased by then or kept by it (the erasure fact records no scope; an
    /// erasure of some categories that happened to leave nothing else is read the same way).
    /// Nothing of `subject` may stay live afterwards, and nothing may have been recorded for it
    /// since the request — a new holding or consent decision is a new relationship that needs the
    /// identifier.
    func erasesIdentifierWithPendingErasures(
        of subject: SubjectID, in history: SubjectHistory, erasing: Set<UInt64>
    ) -> Bool {
        guard subject != .erased else { return false }
        let held = history.allHoldings.filter { $0.holding.subject == subject }
        guard held.allSatisfy({ $0.isErased || erasing.contains($0.sequence) }) else { return false }
        let requests = held.filter { erasing.contains($0.sequence) }.compactMap(\.keptBy)
        guard let request = requests.max(by: { $0.sequence < $1.sequence }),
            case .erasure(let erasure) = request.body
        else { return false }
        let retained = Set(erasure.retained.map(\.holding))
        let coveredByRequest = held.allSatisfy { entry in
            entry.sequence < request.sequence
                && (retained.contains(entry.sequence)
                    || (entry.erasure.map { $0.sequence < request.sequence } ?? false))
        }
        let consentSince = history.consentDecisions.contains { fact in
            guard case .consentDecision(let decision) = fact.body else { return false }
            return decision.subject == subject && fact.sequence > request.sequence
        }
        return coveredByRequest && !consentSince
    }
}
