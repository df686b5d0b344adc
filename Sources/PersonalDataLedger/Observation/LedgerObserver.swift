/// Hears what a ledger and its store do — writes accepted and refused, appends made durable,
/// erasures, reports, retention sweeps — so that a service can log, count and trace them.
///
/// The core has no logging, metrics or tracing dependency; it tells an observer, and a bridge
/// turns each ``LedgerEvent`` into log lines, metrics or spans (the `LedgerObservability`
/// package in `Integrations/` bridges swift-log, swift-metrics and swift-distributed-tracing).
/// Give the same observer to the ledger and to its store: the ledger reports its calls, the
/// store the physical writes that a group commit may share between several calls.
///
/// ```swift
/// struct PrintingObserver: LedgerObserver {
///     func observe(_ event: LedgerEvent) { print(event) }
/// }
/// let observer = PrintingObserver()
/// let ledger = Ledger(store: InMemoryLedgerStore(observer: observer), observer: observer)
/// ```
///
/// An event carries no personal value, no identifier of a person and no subject identifier —
/// counts, durations, fact kinds and rule names only — so an observer may send it anywhere
/// without becoming a copy of personal data.
///
/// ``observe(_:)`` is called synchronously on the task (or, for a store's appends, the writer
/// thread) that did the work, after the work is done: keep it quick and never block in it. A
/// ledger without an observer does no work for one.
///
/// ``aroundWrite(_:_:)`` runs each write call of the ledger, so a tracing bridge can open a
/// span around it and make it current while the call runs; the call's events are heard inside
/// it. Observers that only count or log need not implement it.
public protocol LedgerObserver: Sendable {
    /// Hears one event, right after it happened.
    func observe(_ event: LedgerEvent)

    /// Runs one public write call of the ledger — `body` — and answers what it answers or
    /// throws what it throws.
    ///
    /// The call's own events (``LedgerEvent/writeAccepted(kind:facts:subjects:duration:)`` and
    /// the others) are heard while `body` runs, on the same task. Run `body` exactly once.
    ///
    /// - Parameters:
    ///   - kind: the kind of fact the call records.
    ///   - body: the call.
    func aroundWrite<Answer>(_ kind: FactKind, _ body: () async throws -> Answer) async throws -> Answer
}

extension LedgerObserver {
    /// Runs `body`: an observer that opens no span need not implement ``aroundWrite(_:_:)``.
    ///
    /// - Parameters:
    ///   - kind: the kind of fact the call records.
    ///   - body: the call.
    public func aroundWrite<Answer>(_ kind: FactKind, _ body: () async throws -> Answer) async throws -> Answer {
        try await body()
    }
}
