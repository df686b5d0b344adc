extension Ledger {
    /// Carries out an erasure that already carries its sequence number — an imported one — as
    /// ``erase(_:actor:)`` does: the store physically erases the values of the facts it lists (and
    /// the subject identifier, when it says so) and records the fact, under the subject's lock.
    ///
    /// An import uses it when the file's erasure names values or an identifier this ledger still
    /// holds: recording the erasure without doing it would make the history claim work that was
    /// never done.
    ///
    /// - Throws: ``LedgerError/Rule/invalidRequest`` when the store would number it otherwise
    ///   (something else wrote to it); nothing is erased then.
    package func erase(numbered fact: Fact, _ erasure: Erasure) async throws -> Fact {
        try await withLocks(of: [erasure.subject]) {
            let count = try await store.integrityHead().count
            guard count + 1 == fact.sequence else {
                throw LedgerError(
                    .invalidRequest,
                    "The ledger holds \(count) facts, so it would number the next \(count + 1), not \(fact.sequence): "
                        + "something else wrote to it. Stop other writers and import into an empty ledger.")
            }
            try validator.pointsInTime(of: [fact.draft])
            let recorded = try await store.erase(
                ErasureScope(
                    subject: erasure.subject, values: Set(erasure.erased), erasesIdentifier: erasure.identifierErased),
                recording: fact.draft)
            observer?.observe(
                .erased(
                    values: Set(erasure.erased).count, identifierErased: erasure.identifierErased,
                    reason: erasure.reason))
            return recorded
        }
    }
}
