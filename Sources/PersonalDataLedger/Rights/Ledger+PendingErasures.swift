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
