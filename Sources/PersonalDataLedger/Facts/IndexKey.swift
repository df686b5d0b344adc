/// A key under which a store indexes facts, so the ledger can read them without a scan.
///
/// A subject key holds a personal identifier: a store must not write it in clear where erasure
/// cannot reach it (the file store's index numbers subjects and keeps identifiers in its vault).
public enum IndexKey: Hashable, Sendable, Codable {
    /// Facts about a person.
    case subject(SubjectID)
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
}
