import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One fact as a line of the `pdl.facts` JSON-lines format: the envelope (sequence, time,
/// actor), the kind, and the body under a key named after the kind.
///
/// `{"actor":"webshop","holding":{…},"kind":"holding","recordedAt":"2026-03-02T10:04:12.000Z","sequence":2}`
///
/// The body keeps the library's own `Codable` form of each fact type (documented in
/// `Documentation/ExportFormats.md`); the envelope replaces Swift's synthesized enum coding,
/// whose `_0` keys would leak an implementation detail into a file format.
///
/// From version 2 a line also carries `commitments` — how each personal field is committed in
/// the source ledger's chain — and `chain`, the chain head after the fact, so an import can
/// rebuild the same chain and check it line by line.
struct FactLine: Codable {
    var sequence: UInt64
    var recordedAt: Date
    var actor: ActorID
    var kind: FactKind
    var holding: Holding?
    var consentDecision: ConsentDecision?
    var disclosure: Disclosure?
    var accessGrant: AccessGrant?
    var lifecycleEvent: LifecycleEvent?
    var policyVersion: PolicyVersion?
    var reportIssued: ReportIssued?
    var erasure: Erasure?
    var rectification: Rectification?
    var restriction: Restriction?
    var objection: Objection?
    var subjectLink: SubjectLink?
    var request: RequestEvent?
    var referenceLink: ReferenceLink?
    /// The fact's personal fields' commitments, in canonical-encoding order (version 2).
    var commitments: [FieldLine]?
    /// The chain head after this fact, in hexadecimal (version 2).
    var chain: String?

    /// A version 2 line: the fact, its fields' commitments, and the chain head after it.
    init(_ committed: CommittedFact, chain: [UInt8]) {
        self.init(committed.fact)
        commitments = committed.fields.map(FieldLine.init)
        self.chain = Hex.encode(chain)
    }

    init(_ fact: Fact) {
        sequence = fact.sequence
        recordedAt = fact.recordedAt
        actor = fact.actor
        kind = fact.body.kind
        switch fact.body {
        case .holding(let body): holding = body
        case .consentDecision(let body): consentDecision = body
        case .disclosure(let body): disclosure = body
        case .accessGrant(let body): accessGrant = body
        case .lifecycleEvent(let body): lifecycleEvent = body
        case .policyVersion(let body): policyVersion = body
        case .reportIssued(let body): reportIssued = body
        case .erasure(let body): erasure = body
        case .rectification(let body): rectification = body
        case .restriction(let body): restriction = body
        case .objection(let body): objection = body
        case .subjectLink(let body): subjectLink = body
        case .request(let body): request = body
        case .referenceLink(let body): referenceLink = body
        }
    }

    /// The fact this line describes, or `nil` when the body for its kind is missing.
    var fact: Fact? {
        let body: Fact.Body? =
            switch kind {
            case .holding: holding.map { .holding($0) }
            case .consentDecision: consentDecision.map { .consentDecision($0) }
            case .disclosure: disclosure.map { .disclosure($0) }
            case .accessGrant: accessGrant.map { .accessGrant($0) }
            case .lifecycleEvent: lifecycleEvent.map { .lifecycleEvent($0) }
            case .policyVersion: policyVersion.map { .policyVersion($0) }
            case .reportIssued: reportIssued.map { .reportIssued($0) }
            case .erasure: erasure.map { .erasure($0) }
            case .rectification: rectification.map { .rectification($0) }
            case .restriction: restriction.map { .restriction($0) }
            case .objection: objection.map { .objection($0) }
            case .subjectLink: subjectLink.map { .subjectLink($0) }
            case .request: request.map { .request($0) }
            case .referenceLink: referenceLink.map { .referenceLink($0) }
            }
        return body.map { Fact(sequence: sequence, recordedAt: recordedAt, actor: actor, body: $0) }
    }
}
