extension Fact {
    /// What a fact says.
    public enum Body: Hashable, Sendable, Codable {
        /// Data is held.
        case holding(Holding)
        /// Consent was given, withdrawn or refused.
        case consentDecision(ConsentDecision)
        /// Data was disclosed to a recipient.
        case disclosure(Disclosure)
        /// A recipient has standing access to a system.
        case accessGrant(AccessGrant)
        /// A business object reached a lifecycle event.
        case lifecycleEvent(LifecycleEvent)
        /// A privacy policy version was published.
        case policyVersion(PolicyVersion)
        /// An access report was produced.
        case reportIssued(ReportIssued)
        /// Data was erased.
        case erasure(Erasure)
        /// A value was corrected or completed.
        case rectification(Rectification)
        /// Processing was restricted, or the restriction lifted.
        case restriction(Restriction)
        /// The person objected, or withdrew an objection.
        case objection(Objection)
        /// Two subject identifiers denote the same person.
        case subjectLink(SubjectLink)
        /// A data-subject request was received, extended or closed.
        case request(RequestEvent)
        /// One business object concerns another (a case, an order).
        case referenceLink(ReferenceLink)

        /// The kind of fact.
        public var kind: FactKind {
            switch self {
            case .holding: .holding
            case .consentDecision: .consentDecision
            case .disclosure: .disclosure
            case .accessGrant: .accessGrant
            case .lifecycleEvent: .lifecycleEvent
            case .policyVersion: .policyVersion
            case .reportIssued: .reportIssued
            case .erasure: .erasure
            case .rectification: .rectification
            case .restriction: .restriction
            case .objection: .objection
            case .subjectLink: .subjectLink
            case .request: .request
            case .referenceLink: .referenceLink
            }
        }

        /// The people this fact is about.
        public var subjects: [SubjectID] {
            switch self {
            case .holding(let f): [f.subject]
            case .consentDecision(let f): [f.subject]
            case .disclosure(let f): [f.subject]
            case .reportIssued(let f): [f.subject]
            case .erasure(let f): [f.subject]
            case .rectification(let f): [f.subject]
            case .restriction(let f): [f.subject]
            case .objection(let f): [f.subject]
            case .subjectLink(let f): [f.subject, f.linked]
            // A request answered after its subject identifier was erased names no one.
            case .request(let f): f.subject == .erased ? [] : [f.subject]
            case .accessGrant, .lifecycleEvent, .policyVersion, .referenceLink: []
            }
        }

        /// The keys a store indexes this fact under.
        ///
        /// Every subject the fact is about — under ``IndexKey/accountability(_:)`` for a report
        /// issued, under ``IndexKey/subject(_:)`` otherwise; the business reference of holdings, disclosures and
        /// lifecycle events (both references of a reference link); the lookup token of holdings and rectifications; the system of access grants; and the
        /// kind, for the rare kinds that are looked up as a whole (policy versions, access
        /// grants, requests).
        public var indexKeys: [IndexKey] {
            if case .reportIssued(let f) = self { return [.accountability(f.subject)] }
            var keys = subjects.map(IndexKey.subject)
            switch self {
            case .holding(let f):
                if let reference = f.reference { keys.append(.reference(reference)) }
                if let token = f.lookupToken?.revealed { keys.append(.lookup(token)) }
            case .disclosure(let f):
                if let reference = f.reference { keys.append(.reference(reference)) }
            case .rectification(let f):
                if let token = f.lookupToken?.revealed { keys.append(.lookup(token)) }
            case .lifecycleEvent(let f): keys.append(.reference(f.reference))
            case .referenceLink(let f): keys.append(contentsOf: [.reference(f.reference), .reference(f.concerns)])
            case .accessGrant(let f): keys.append(contentsOf: [.system(f.system), .kind(.accessGrant)])
            case .policyVersion: keys.append(.kind(.policyVersion))
            case .request: keys.append(.kind(.request))
            default: break
            }
            return keys
        }
    }
}
