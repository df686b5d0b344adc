public import CoreMetrics
import Metrics
public import PersonalDataLedger

/// Counts and times ``LedgerEvent``s with swift-metrics.
///
/// | Metric | Kind | Dimensions |
/// |---|---|---|
/// | `ledger_writes_total` | counter | `kind`, `outcome` (`accepted`, `refused`, `failed`) |
/// | `ledger_refusals_total` | counter | `kind`, `rule` |
/// | `ledger_write_failures_total` | counter | `kind`, `code` (the store error's code, or `other`) |
/// | `ledger_write_duration_seconds` | timer | `kind`, `outcome` |
/// | `ledger_facts_recorded_total` | counter | `kind` |
/// | `ledger_store_appends_total` | counter | — |
/// | `ledger_store_append_facts` | recorder (batch size) | — |
/// | `ledger_store_appended_bytes_total` | counter | — |
/// | `ledger_store_sync_duration_seconds` | timer | — |
/// | `ledger_erasures_total` | counter | `reason`, `identifier_erased` (`true`, `false`) |
/// | `ledger_erased_values_total` | counter | `reason` |
/// | `ledger_reports_issued_total` | counter | — |
/// | `ledger_report_duration_seconds` | timer | — |
/// | `ledger_retention_sweep_done` / `ledger_retention_sweep_total` | gauges | — |
///
/// Every dimension takes its value from a closed vocabulary — the fact kinds, the ledger's rule
/// names, the erasure reasons, the store error codes — so each metric has a small, fixed set of
/// series and none carries a personal value, an identifier or a subject.
///
/// ```swift
/// let observer = MetricsLedgerObserver()   // MetricsSystem.factory, as bootstrapped
/// let ledger = Ledger(store: try FileLedgerStore(directory: url, observer: observer), observer: observer)
/// ```
public struct MetricsLedgerObserver: LedgerObserver {
    /// Where the metrics are made.
    public let factory: any MetricsFactory

    /// Creates an observer whose metrics `factory` makes: the bootstrapped one by default.
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    public func observe(_ event: LedgerEvent) {
        switch event {
        case .writeAccepted(let kind, let facts, _, let duration):
            write(kind, "accepted", duration)
            if facts > 0 { counter("ledger_facts_recorded_total", [("kind", kind.rawValue)], by: facts) }
        case .writeRefused(let kind, let rule, let duration):
            write(kind, "refused", duration)
            counter("ledger_refusals_total", [("kind", kind.rawValue), ("rule", rule.name)])
        case .writeFailed(let kind, let code, let duration):
            write(kind, "failed", duration)
            counter("ledger_write_failures_total", [("kind", kind.rawValue), ("code", code.label)])
        case .storeAppended(let facts, let bytes, let syncDuration):
            counter("ledger_store_appends_total", [])
            Recorder(label: "ledger_store_append_facts", dimensions: [], factory: factory).record(facts)
            counter("ledger_store_appended_bytes_total", [], by: bytes)
            if let syncDuration {
                Timer(label: "ledger_store_sync_duration_seconds", dimensions: [], factory: factory)
                    .record(duration: syncDuration)
            }
        case .erased(let values, let identifierErased, let reason):
            counter("ledger_erasures_total", [("reason", reason.label), ("identifier_erased", "\(identifierErased)")])
            counter("ledger_erased_values_total", [("reason", reason.label)], by: values)
        case .reportIssued(_, let duration):
            counter("ledger_reports_issued_total", [])
            Timer(label: "ledger_report_duration_seconds", dimensions: [], factory: factory).record(duration: duration)
        case .retentionSweepProgress(let done, let total):
            Gauge(label: "ledger_retention_sweep_done", dimensions: [], factory: factory).record(done)
            Gauge(label: "ledger_retention_sweep_total", dimensions: [], factory: factory).record(total)
        }
    }

    private func write(_ kind: FactKind, _ outcome: String, _ duration: Duration) {
        let dimensions = [("kind", kind.rawValue), ("outcome", outcome)]
        counter("ledger_writes_total", dimensions)
        Timer(label: "ledger_write_duration_seconds", dimensions: dimensions, factory: factory)
            .record(duration: duration)
    }

    private func counter(_ label: String, _ dimensions: [(String, String)], by amount: Int = 1) {
        Counter(label: label, dimensions: dimensions, factory: factory).increment(by: amount)
    }
}
