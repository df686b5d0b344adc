/// How an erasure's scope is fixed against the store it erases in.
///
/// The ledger resolves a scope — which holdings and rectifications go, whether the identifier
/// goes — from the facts it reads under its own subject locks. Those keep out writes of this
/// ledger only: another process, machine or ``Ledger`` on the same store may record a holding
/// about the subject between the read and the erasure. So every erasure tells the store how far
/// its reads reached (``ErasureScope/resolvedThrough``), the store refuses it under its write
/// lock when a newer fact about the subject is there, and the ledger reads and resolves again.
/// An erasure that goes through therefore covers every fact about its subject numbered below
/// its own.
extension Ledger {
    /// How many times an erasure is resolved again after a conflict before the store's refusal is
    /// passed on: another writer recording about the same subject as fast as it is read.
    static let erasureAttempts = 8

    /// Runs `attempt` with the store's fact count, read before anything `attempt` reads, and runs
    /// it again — with a new count — when the store refuses an erasure of it as resolved too early
    /// (``LedgerStoreError/Code/conflict``).
    ///
    /// `attempt` must read everything its scope depends on itself, after it is called, and pass
    /// the count to each ``eraseValues(of:holdings:history:reason:erasingIdentifier:retained:actor:resolvedThrough:)``;
    /// what an earlier attempt erased before its conflict stays erased and reads as such.
    func resolvingErasure<T>(_ attempt: (_ resolvedThrough: UInt64) async throws -> T) async throws -> T {
        var attempts = 0
        while true {
            attempts += 1
            let count = try await store.integrityHead().count
            do {
                return try await attempt(count)
            } catch let error as LedgerStoreError where error.code == .conflict && attempts < Self.erasureAttempts {
                continue
            }
        }
    }

    /// Erases the values of `holdings` of `subject` and of their rectifications through the store,
    /// recording one erasure fact; the store refuses it when it holds a fact about `subject`
    /// numbered above `resolvedThrough` (see ``resolvingErasure(_:)``).
    func eraseValues(
        of subject: SubjectID, holdings: [UInt64], history: SubjectHistory, reason: Erasure.Reason,
        erasingIdentifier: Bool, retained: [Erasure.Retained], actor: ActorID?, resolvedThrough: UInt64
    ) async throws -> Fact {
        let wanted = Set(holdings)
        let rectifications = wanted.flatMap { (history.rectificationsByHolding[$0] ?? []).map(\.sequence) }
        let values = wanted.union(rectifications)
        let erasure = Erasure(
            subject: subject, reason: reason, erased: values.sorted(), identifierErased: erasingIdentifier,
            retained: retained)
        let recording = NewFact(recordedAt: clock.now(), actor: actor ?? self.actor, body: .erasure(erasure))
        try validator.pointsInTime(of: [recording])
        let recorded = try await store.erase(
            ErasureScope(
                subject: subject, values: values, erasesIdentifier: erasingIdentifier,
                resolvedThrough: resolvedThrough),
            recording: recording)
        observer?.observe(.erased(values: values.count, identifierErased: erasingIdentifier, reason: reason))
        return recorded
    }
}
