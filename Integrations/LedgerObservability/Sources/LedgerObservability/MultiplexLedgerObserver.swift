public import CoreMetrics
public import Logging
public import PersonalDataLedger
public import Tracing

/// Passes every event to several observers, and runs each write call inside all of theirs: how
/// one ledger logs, counts and traces at once.
///
/// ```swift
/// let observer = MultiplexLedgerObserver(logger: Logger(label: "webshop.ledger"))
/// let store = try FileLedgerStore(directory: url, observer: observer)
/// let ledger = Ledger(store: store, observer: observer)
/// ```
public struct MultiplexLedgerObserver: LedgerObserver {
    /// The observers, in the order they hear events; the first one's ``aroundWrite(_:_:)`` is the
    /// outermost.
    public let observers: [any LedgerObserver]

    /// Creates an observer that tells each of `observers`.
    public init(_ observers: [any LedgerObserver]) {
        self.observers = observers
    }

    /// Creates the observer a service usually wants: spans with the active tracer (or `tracer`),
    /// metrics from `metricsFactory`, and a log line per event to `logger`.
    public init(
        logger: Logger, metricsFactory: any MetricsFactory = MetricsSystem.factory, tracer: (any Tracer)? = nil
    ) {
        self.init([
            TracingLedgerObserver(tracer: tracer), MetricsLedgerObserver(factory: metricsFactory),
            LoggingLedgerObserver(logger: logger),
        ])
    }

    public func observe(_ event: LedgerEvent) {
        for observer in observers { observer.observe(event) }
    }

    public func aroundWrite<Answer>(_ kind: FactKind, _ body: () async throws -> Answer) async throws -> Answer {
        try await around(observers[...], kind, body)
    }

    private func around<Answer>(
        _ observers: ArraySlice<any LedgerObserver>, _ kind: FactKind, _ body: () async throws -> Answer
    ) async throws -> Answer {
        guard let first = observers.first else { return try await body() }
        return try await first.aroundWrite(kind) { try await around(observers.dropFirst(), kind, body) }
    }
}
