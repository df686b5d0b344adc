public import PersonalDataLedger
public import Tracing

/// Opens a swift-distributed-tracing span around each write call of a ledger, as a child of the
/// caller's `ServiceContext`, and records the call's events on it.
///
/// The span is named `ledger.<kind>` — `ledger.holding` for
/// ``PersonalDataLedger/Ledger/record(_:about:in:for:basis:source:reference:specialCategoryCondition:region:actor:)``,
/// `ledger.reportIssued` for a report — and is current while the call runs, so spans a store
/// opens (a database driver's) nest under it. Its attributes say how the call ended:
/// `ledger.outcome` (`accepted`, `refused`, `failed`), `ledger.facts`, `ledger.subjects`,
/// `ledger.rule` for a refusal, `ledger.store_error` for a failure; erasures, the in-memory
/// store's appends and retention progress become span events. A refused or failed call sets the
/// span's status to error with the rule's name or the store error's code as its message — the
/// error itself is not recorded, so nothing of its message reaches the tracer. No attribute
/// carries a personal value, an identifier or a subject.
///
/// ```swift
/// InstrumentationSystem.bootstrap(myTracer)        // once, at start
/// let observer = TracingLedgerObserver()           // uses InstrumentationSystem.tracer
/// let ledger = Ledger(store: store, observer: observer)
/// try await withSpan("POST /orders") { _ in       // the request's span
///     try await ledger.record(...)                 // → ledger.holding, its child
/// }
/// ```
public struct TracingLedgerObserver: LedgerObserver {
    /// The tracer spans are started with; `nil` for the active one (`InstrumentationSystem.tracer`,
    /// or the one a `withTracer` scope binds).
    public let tracer: (any Tracer)?

    /// Creates an observer that starts spans with `tracer`, or the active tracer when `nil`.
    public init(tracer: (any Tracer)? = nil) {
        self.tracer = tracer
    }

    /// The span of the ledger call running on this task, for the call's events.
    @TaskLocal static var span: (any Span)?

    public func aroundWrite<Answer>(_ kind: FactKind, _ body: () async throws -> Answer) async throws -> Answer {
        let tracer = self.tracer ?? InstrumentationSystem.tracer
        let span = tracer.startSpan("ledger.\(kind.rawValue)", context: ServiceContext.current ?? .topLevel)
        defer { span.end() }
        span.attributes["ledger.kind"] = kind.rawValue
        return try await ServiceContext.withValue(span.context) {
            try await Self.$span.withValue(span) { try await body() }
        }
    }

    public func observe(_ event: LedgerEvent) {
        guard let span = Self.span else { return }
        switch event {
        case .writeAccepted(_, let facts, let subjects, _):
            span.attributes["ledger.outcome"] = "accepted"
            span.attributes["ledger.facts"] = facts
            span.attributes["ledger.subjects"] = subjects
        case .writeRefused(_, let rule, _):
            span.attributes["ledger.outcome"] = "refused"
            span.attributes["ledger.rule"] = rule.name
            span.setStatus(SpanStatus(code: .error, message: "refused: \(rule.name)"))
        case .writeFailed(_, let code, _):
            span.attributes["ledger.outcome"] = "failed"
            span.attributes["ledger.store_error"] = code.label
            span.setStatus(SpanStatus(code: .error, message: "failed: \(code.label)"))
        case .storeAppended(let facts, let bytes, _):
            span.addEvent(
                SpanEvent(
                    name: event.name, at: DefaultTracerClock.now,
                    attributes: ["ledger.facts": .int64(Int64(facts)), "ledger.bytes": .int64(Int64(bytes))]))
        case .erased(let values, let identifierErased, let reason):
            span.addEvent(
                SpanEvent(
                    name: event.name, at: DefaultTracerClock.now,
                    attributes: [
                        "ledger.values": .int64(Int64(values)), "ledger.identifier_erased": .bool(identifierErased),
                        "ledger.reason": .string(reason.label),
                    ]))
        case .reportIssued(let subjects, _):
            span.attributes["ledger.report.subjects"] = subjects
        case .retentionSweepProgress(let done, let total):
            span.attributes["ledger.retention.done"] = Int64(clamping: done)
            span.attributes["ledger.retention.total"] = Int64(clamping: total)
        }
    }
}
