import PersonalDataLedger
import Synchronization

/// An observer that keeps every event it hears, for tests of what a ledger and its stores report.
final class RecordingObserver: LedgerObserver {
    private let heard = Mutex<[LedgerEvent]>([])

    func observe(_ event: LedgerEvent) { heard.withLock { $0.append(event) } }

    /// Every event heard so far, in order.
    var events: [LedgerEvent] { heard.withLock { $0 } }

    /// The events heard so far with durations and byte counts set to zero, to compare with
    /// expected events (those vary from run to run).
    var shapes: [LedgerEvent] { events.map(\.shape) }

    /// Forgets what was heard.
    func clear() { heard.withLock { $0 = [] } }
}

extension LedgerEvent {
    /// The event with durations and byte counts zeroed (a sync time stays `nil` or becomes zero).
    var shape: LedgerEvent {
        switch self {
        case .writeAccepted(let kind, let facts, let subjects, _):
            .writeAccepted(kind: kind, facts: facts, subjects: subjects, duration: .zero)
        case .writeRefused(let kind, let rule, _): .writeRefused(kind: kind, rule: rule, duration: .zero)
        case .writeFailed(let kind, let code, _): .writeFailed(kind: kind, code: code, duration: .zero)
        case .storeAppended(let facts, _, let sync):
            .storeAppended(facts: facts, bytes: 0, syncDuration: sync.map { _ in .zero })
        case .reportIssued(let subjects, _): .reportIssued(subjects: subjects, duration: .zero)
        case .erased, .retentionSweepProgress: self
        }
    }

    /// A write's outcome and kind, such as `accepted holding`, or `nil` for the other events.
    var outcome: String? {
        switch self {
        case .writeAccepted(let kind, _, _, _): "accepted \(kind)"
        case .writeRefused(let kind, _, _): "refused \(kind)"
        case .writeFailed(let kind, _, _): "failed \(kind)"
        default: nil
        }
    }
}
