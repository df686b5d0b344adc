extension Ledger {
    /// Runs one public write and tells the observer how it ended: accepted, refused (the rule),
    /// or failed. Without an observer it only runs `body`.
    ///
    /// The call runs inside the observer's ``LedgerObserver/aroundWrite(_:_:)`` (a tracing
    /// bridge's span), and its events are heard there. Every public call that writes goes
    /// through here exactly once, so each ends in exactly
    /// one of ``LedgerEvent/writeAccepted(kind:facts:subjects:duration:)``,
    /// ``LedgerEvent/writeRefused(kind:rule:duration:)`` and
    /// ``LedgerEvent/writeFailed(kind:code:duration:)``.
    ///
    /// - Parameters:
    ///   - kind: the kind of fact the call records.
    ///   - facts: how many facts the answer appended.
    ///   - subjects: how many subjects the answer is about.
    ///   - detail: an event that tells more of an accepted call, heard after it (a report's).
    func observingWrite<Answer>(
        _ kind: FactKind, facts: (Answer) -> Int, subjects: (Answer) -> Int,
        detail: ((Answer, Duration) -> LedgerEvent)? = nil, _ body: () async throws -> Answer
    ) async throws -> Answer {
        guard let observer else { return try await body() }
        return try await observer.aroundWrite(kind) {
            let start = ContinuousClock.now
            do {
                let answer = try await body()
                let duration = ContinuousClock.now - start
                observer.observe(
                    .writeAccepted(kind: kind, facts: facts(answer), subjects: subjects(answer), duration: duration))
                if let detail { observer.observe(detail(answer, duration)) }
                return answer
            } catch let refusal as LedgerError {
                observer.observe(.writeRefused(kind: kind, rule: refusal.rule, duration: ContinuousClock.now - start))
                throw refusal
            } catch {
                observer.observe(
                    .writeFailed(
                        kind: kind, code: (error as? LedgerStoreError)?.code, duration: ContinuousClock.now - start))
                throw error
            }
        }
    }

    /// ``observingWrite(_:facts:subjects:detail:_:)`` for a call about `subjects` subjects that
    /// answers with the facts it appended.
    func observingWrite(_ kind: FactKind, subjects: Int, _ body: () async throws -> [Fact]) async throws -> [Fact] {
        try await observingWrite(kind, facts: \.count, subjects: { _ in subjects }, body)
    }

    /// ``observingWrite(_:facts:subjects:detail:_:)`` for a call about `subjects` subjects that
    /// appends one fact.
    func observingWrite<Answer>(
        _ kind: FactKind, subjects: Int, _ body: () async throws -> Answer
    ) async throws -> Answer {
        try await observingWrite(kind, facts: { _ in 1 }, subjects: { _ in subjects }, body)
    }
}
