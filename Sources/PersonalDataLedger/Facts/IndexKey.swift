/// A key under which a store indexes facts, so the ledger can read them without a scan.
///
/// A subject key holds a personal identifier: a store must not write it in clear where erasure
/// cannot reach it (the file store keys its index by a keyed hash).
public enum IndexKey: Hashable, Sendable, Codable {
    /// Facts about a person.
    case subject(SubjectID)
    /// Facts about a business object (holdings, disclosures and lifecycle events of an order).
    case reference(BusinessReference)
    /// Access grants on a system.
    case system(SystemID)
    /// Every fact of a kind that is looked up as a whole (policy versions, access grants,
    /// requests).
    case kind(FactKind)
}
