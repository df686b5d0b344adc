#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension Ledger {
    /// A person's consent to a purpose at any instant, past or present: the latest decision
    /// recorded at or before `instant`, the policy version it was given under, and whether that
    /// version is older than the major version in effect then (stale).
    ///
    /// Consent is per subject identifier: a linked identifier's consent is its own.
    ///
    /// - Parameters:
    ///   - subject: whose consent.
    ///   - purpose: to which purpose.
    ///   - instant: when; now if `nil`.
    public func consentState(of subject: SubjectID, for purpose: Purpose, at instant: Date? = nil)
        async throws -> ConsentState
    {
        _ = try validator.purpose(purpose)
        try validator.subject(subject)
        try validator.pointInTime(instant, argument: "at", isQuery: true)
        let at = instant ?? clock.now()
        let decisions = try await history(of: subject).consentDecisions
        let policies = PolicyHistory(try await policyVersions())
        return Self.consentState(subject, purpose, at: at, facts: decisions, policies: policies)
    }

    /// The consent state of `subject` at `instant` for every purpose it ever decided on.
    public func consentStates(of subject: SubjectID, at instant: Date? = nil) async throws
        -> [ConsentState]
    {
        try validator.subject(subject)
        try validator.pointInTime(instant, argument: "at", isQuery: true)
        let at = instant ?? clock.now()
        let decisions = try await history(of: subject).consentDecisions
        let policies = PolicyHistory(try await policyVersions())
        var purposes: [Purpose] = []
        for fact in decisions {
            if case .consentDecision(let decision) = fact.body, !purposes.contains(decision.purpose) {
                purposes.append(decision.purpose)
            }
        }
        return purposes.map { Self.consentState(subject, $0, at: at, facts: decisions, policies: policies) }
    }

    static func consentState(
        _ subject: SubjectID, _ purpose: Purpose, at instant: Date, facts: [Fact],
        policies: PolicyHistory
    ) -> ConsentState {
        let major = policies.currentMajor(at: instant)
        var state = ConsentState(
            subject: subject, purpose: purpose, at: instant, status: .notRecorded,
            currentMajorVersion: major?.version)
        for fact in facts where fact.recordedAt <= instant {
            guard case .consentDecision(let decision) = fact.body, decision.subject == subject,
                decision.purpose == purpose
            else { continue }
            state.status =
                switch decision.decision {
                case .given: .given
                case .withdrawn: .withdrawn
                case .refused: .refused
                }
            state.decision = fact.sequence
            state.decidedAt = fact.recordedAt
            state.policyVersion = decision.policyVersion
            state.channel = decision.channel
        }
        state.isStale =
            state.status == .given && policies.isOlder(state.policyVersion ?? "", than: major)
        return state
    }
}

/// The published policy versions, to tell which major version is in effect and which are older.
struct PolicyHistory: Sendable {
    private let versions: [(order: Int, version: PolicyVersion)]

    init(_ published: [PolicyVersion]) {
        versions = published.enumerated().map { ($0.offset, $0.element) }
    }

    /// The latest major version in effect at `instant`: the latest effective date, then the latest
    /// published.
    func currentMajor(at instant: Date) -> PolicyVersion? {
        versions.filter { $0.version.isMajor && $0.version.effectiveFrom <= instant }
            .max { ($0.version.effectiveFrom, $0.order) < ($1.version.effectiveFrom, $1.order) }?.version
    }

    /// Whether `name` takes effect before `major` (an unknown name counts as older).
    func isOlder(_ name: String, than major: PolicyVersion?) -> Bool {
        guard let major, name != major.version else { return false }
        guard let entry = versions.first(where: { $0.version.version == name }) else { return true }
        let majorOrder = versions.first { $0.version.version == major.version }?.order ?? 0
        return (entry.version.effectiveFrom, entry.order) < (major.effectiveFrom, majorOrder)
    }
}
