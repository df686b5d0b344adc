extension Fact.Body {
    /// The body with every personal value and subject identifier passed through the given
    /// transforms — how stores erase, and how they build the commitment form a hash chain covers.
    public func mappingPersonalData(
        values transformValue: (PersonalValue) -> PersonalValue,
        subjects transformSubject: (SubjectID) -> SubjectID
    ) -> Fact.Body {
        switch self {
        case .holding(var f):
            f.subject = transformSubject(f.subject)
            f.value = f.value.map(transformValue)
            f.lookupToken = f.lookupToken.map(transformValue)
            return .holding(f)
        case .consentDecision(var f):
            f.subject = transformSubject(f.subject)
            return .consentDecision(f)
        case .disclosure(var f):
            f.subject = transformSubject(f.subject)
            return .disclosure(f)
        case .reportIssued(var f):
            f.subject = transformSubject(f.subject)
            return .reportIssued(f)
        case .erasure(var f):
            f.subject = transformSubject(f.subject)
            return .erasure(f)
        case .rectification(var f):
            f.subject = transformSubject(f.subject)
            f.value = transformValue(f.value)
            f.lookupToken = f.lookupToken.map(transformValue)
            return .rectification(f)
        case .restriction(var f):
            f.subject = transformSubject(f.subject)
            return .restriction(f)
        case .objection(var f):
            f.subject = transformSubject(f.subject)
            return .objection(f)
        case .subjectLink(var f):
            f.subject = transformSubject(f.subject)
            f.linked = transformSubject(f.linked)
            return .subjectLink(f)
        case .request(var f):
            f.subject = transformSubject(f.subject)
            return .request(f)
        case .accessGrant, .lifecycleEvent, .policyVersion, .referenceLink:
            return self
        }
    }

    /// The personal values this fact carries (a holding's or rectification's value; not the
    /// lookup token derived from it).
    public var personalValues: [PersonalValue] {
        switch self {
        case .holding(let f): f.value.map { [$0] } ?? []
        case .rectification(let f): [f.value]
        default: []
        }
    }
}
