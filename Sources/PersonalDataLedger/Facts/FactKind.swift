/// The kind of a ``Fact``, as stores and exports name it.
public enum FactKind: String, Hashable, Sendable, Codable, CaseIterable {
    case holding
    case consentDecision
    case disclosure
    case accessGrant
    case lifecycleEvent
    case policyVersion
    case reportIssued
    case erasure
    case rectification
    case restriction
    case objection
    case subjectLink
    case request
    case referenceLink
}
