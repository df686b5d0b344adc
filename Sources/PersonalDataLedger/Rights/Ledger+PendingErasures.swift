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
        return try pendingErasures(in: history.liveHoldings, context: context, at: asOf ?? clock.now())
    }

    /// The pending erasures among `held`, each judged at `instant` against the current holds.
    func pendingErasures(
        in held: [SubjectHistory.HeldValue], context: RetentionContext, at instant: Date
    ) throws(LedgerError) -> [PendingErasure] {
        var pending: [PendingErasure] = []
        for entry in held where !entry.isErased && entry.holding.subject != .erased {
            guard let fact = entry.keptBy, case .erasure(let erasure) = fact.body,
                let recorded = entry.holds.first
            else { continue }
            let current = try legalHold(on: entry.fact, entry.holding, context: context, at: instant)
            pending.append(
                PendingErasure(
                    holding: entry.sequence, subject: entry.holding.subject, category: entry.holding.category,
                    purpose: entry.holding.purpose, system: entry.holding.system, reference: entry.holding.reference,
                    erasure: fact.sequence, requestedAt: fact.recordedAt, reason: erasure.reason,
                    hold: current?.hold ?? recorded.hold, until: current?.until,
                    untilEvent: current?.untilEvent, isDue: current == nil))
        }
        return pending.sorted { $0.holding < $1.holding }
    }
}
