public import Logging
public import PersonalDataLedger

/// Writes one swift-log line per ``LedgerEvent``: its name as the message, its counts,
/// durations and rule names as metadata — never a personal value, an identifier or a subject.
///
/// ```swift
/// let observer = LoggingLedgerObserver(logger: Logger(label: "webshop.ledger"))
/// let ledger = Ledger(store: InMemoryLedgerStore(observer: observer), observer: observer)
/// ```
///
/// Levels: a refused write is `notice` (a caller broke a rule: worth seeing, not an outage), a
/// failed write `error`, writes accepted, erasures and reports `info`, store appends and
/// retention progress `debug`. The logger's own level decides what is written.
public struct LoggingLedgerObserver: LedgerObserver {
    /// Where the lines go.
    public let logger: Logger

    /// Creates an observer that logs to `logger`.
    public init(logger: Logger) {
        self.logger = logger
    }

    public func observe(_ event: LedgerEvent) {
        let (level, metadata) = Self.line(for: event)
        logger.log(level: level, "\(event.name)", metadata: metadata)
    }

    /// The level and metadata of the line for `event`.
    static func line(for event: LedgerEvent) -> (Logger.Level, Logger.Metadata) {
        switch event {
        case .writeAccepted(let kind, let facts, let subjects, let duration):
            (
                .info,
                [
                    "ledger.kind": "\(kind.rawValue)", "ledger.facts": "\(facts)", "ledger.subjects": "\(subjects)",
                    "ledger.duration_s": "\(seconds(duration))",
                ]
            )
        case .writeRefused(let kind, let rule, let duration):
            (
                .notice,
                [
                    "ledger.kind": "\(kind.rawValue)", "ledger.rule": "\(rule.name)",
                    "ledger.duration_s": "\(seconds(duration))",
                ]
            )
        case .writeFailed(let kind, let code, let duration):
            (
                .error,
                [
                    "ledger.kind": "\(kind.rawValue)", "ledger.store_error": "\(code.label)",
                    "ledger.duration_s": "\(seconds(duration))",
                ]
            )
        case .storeAppended(let facts, let bytes, let syncDuration):
            (
                .debug,
                [
                    "ledger.facts": "\(facts)", "ledger.bytes": "\(bytes)",
                    "ledger.sync_s": "\(syncDuration.map(seconds) ?? "none")",
                ]
            )
        case .erased(let values, let identifierErased, let reason):
            (
                .info,
                [
                    "ledger.values": "\(values)", "ledger.identifier_erased": "\(identifierErased)",
                    "ledger.reason": "\(reason.label)",
                ]
            )
        case .reportIssued(let subjects, let duration):
            (.info, ["ledger.subjects": "\(subjects)", "ledger.duration_s": "\(seconds(duration))"])
        case .retentionSweepProgress(let done, let total):
            (.debug, ["ledger.done": "\(done)", "ledger.total": "\(total)"])
        }
    }
}
