/// A key under which a store indexes facts, so the ledger can read them without a scan.
///
/// A subject key holds a personal identifier: a store must not write it in clear where erasure
/// cannot reach it (the file store's index numbers subjects and keeps identifiers in its vault).
public enum IndexKey: Hashable, Sendable, Codable {
    /// Facts about a person: everything their history folds (what is held, consents, disclosures,
    /// erasures, requests…).
    case subject(SubjectID)
    /// Facts that account for what was done with a person's data without changing it — the
    /// reports issued about them (``ReportIssued``) — indexed apart from ``subject(_:)`` so that
    /// a person's history, which every report and check folds, does not grow with each report.
    /// Holds a personal identifier as ``subject(_:)`` does; erasing the identifier drops both.
    case accountability(SubjectID)
    /// Facts about a business object (holdings, disclosures and lifecycle events of an order).
    case reference(BusinessReference)
    /// Access grants on a system.
    case system(SystemID)
    /// Holdings whose value has this lookup token (``Holding/lookupToken``): how the ledger finds
    /// a person by email or national ID number. Derived from personal data: a store drops a
    /// fact's lookup entry when it erases the fact's values, and must not keep it in clear where
    /// erasure cannot reach.
    case lookup(String)
    /// Every fact of a kind that is looked up as a whole (policy versions, access grants,
    /// requests).
    case kind(FactKind)

    /// The person a ``subject(_:)`` or ``accountability(_:)`` key names; `nil` for other keys.
    public var subjectID: SubjectID? {
        switch self {
        case .subject(let id), .accountability(let id): id
        case .reference, .system, .lookup, .kind: nil
        }
    }
}
