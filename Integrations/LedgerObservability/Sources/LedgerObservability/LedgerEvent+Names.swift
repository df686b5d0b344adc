import PersonalDataLedger

/// The names the bridges give to events and their parts, in one place, so a log line, a metric
/// and a span say the same thing.
///
/// Every name comes from a closed vocabulary — fact kinds, rule names, erasure reasons, store
/// error codes — never from a value, so labels keep a low cardinality and carry no personal data.
extension LedgerEvent {
    /// The event's stable name, such as `ledger.write.refused`.
    var name: String {
        switch self {
        case .writeAccepted: "ledger.write.accepted"
        case .writeRefused: "ledger.write.refused"
        case .writeFailed: "ledger.write.failed"
        case .storeAppended: "ledger.store.appended"
        case .erased: "ledger.erased"
        case .reportIssued: "ledger.report.issued"
        case .retentionSweepProgress: "ledger.retention.progress"
        }
    }
}

extension LedgerStoreError.Code? {
    /// The code's name, or `other` for a write that failed without a store error (cancelled).
    var label: String { self.map(\.description) ?? "other" }
}

extension Erasure.Reason {
    /// The reason's name when it is one of the ledger's, `other` otherwise: a reason is an open
    /// vocabulary, and a label must stay a closed one.
    var label: String {
        [Self.subjectRequest, .retentionExpired, .consentWithdrawn].contains(self) ? rawValue : "other"
    }
}

/// Seconds in a duration, for log metadata.
func seconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let value = Double(seconds) + Double(attoseconds) / 1e18
    return String(value)
}
