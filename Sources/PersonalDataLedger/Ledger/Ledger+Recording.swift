#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension Ledger {
    /// Records that categories of a person's data are held in a system for a purpose.
    ///
    /// Each item becomes one ``Holding``. The write is refused — and nothing is recorded — when a
    /// category, purpose or system is not in the catalog, when the purpose may not hold a
    /// category, when the basis is consent and no consent to the purpose is in force, when the
    /// person objected or processing is restricted, or when a value is malformed.
    ///
    /// - Parameters:
    ///   - items: the categories, with values if the service records them: `[.name("Kari")]`.
    ///   - subject: whose data it is.
    ///   - system: where it is held.
    ///   - purpose: why.
    ///   - basis: the legal basis; the purpose's default basis when `nil`.
    ///   - source: where the data came from.
    ///   - reference: the business object it was collected for, such as `order:50017`.
    ///   - specialCategoryCondition: the Art. 9(2) condition, for special categories.
    ///   - region: the country whose law governs the holdings (a Swedish sale: `.sweden`); it must
    ///     be one the ledger's ``RetentionSettings`` have periods for. When `nil` the holdings follow
    ///     the subject's country, then the ledger's (see ``country(of:)``). The first holding of a
    ///     subject that names a country makes it the subject's country.
    ///   - actor: who records it; the ledger's actor when `nil`.
    /// - Returns: the recorded facts, one per item.
    @discardableResult
    public func record(
        _ items: [DataItem], about subject: SubjectID, in system: SystemID, for purpose: Purpose,
        basis: LegalBasis? = nil, source: DataSource = .dataSubject, reference: BusinessReference? = nil,
        specialCategoryCondition: SpecialCategoryCondition? = nil, region: Region? = nil, actor: ActorID? = nil
    ) async throws -> [Fact] {
        try await observingWrite(.holding, subjects: 1) {
            try validator.region(region)
            try validator.items(items)
            let definition = try validator.purpose(purpose)
            let validator = self.validator
            return try await write(about: [subject], by: actor) { histories in
                try items.map { item in
                    let holding = Holding(
                        subject: subject, category: item.category, system: system, purpose: purpose,
                        basis: basis ?? definition.defaultBasis, specialCategoryCondition: specialCategoryCondition,
                        source: source, reference: reference, value: item.value, region: region)
                    return .holding(self.withLookupToken(try validator.holding(holding, history: histories[subject]!)))
                }
            }
        }
    }

    /// Records a person's consent decision for a purpose, under a published policy version.
    ///
    /// Withdrawing is as easy as giving: from the moment it is recorded, ``mayProcess(_:for:)``
    /// answers no and consent-based holdings for the purpose are refused.
    ///
    /// - Parameters:
    ///   - decision: given, withdrawn or refused.
    ///   - subject: who decided.
    ///   - purpose: the purpose decided on.
    ///   - policy: the policy version the person was shown; it must have been published.
    ///   - channel: how the decision was collected, such as `checkout-checkbox`.
    ///   - evidence: a form id, request id or message id an auditor can follow.
    ///   - actor: who records it.
    @discardableResult
    public func consent(
        _ decision: ConsentDecision.Decision, by subject: SubjectID, for purpose: Purpose, policy: String,
        channel: String, evidence: String? = nil, actor: ActorID? = nil
    ) async throws -> Fact {
        try await observingWrite(.consentDecision, subjects: 1) {
            let published = Set(try await policyVersions().map(\.version))
            try validator.consent(for: purpose, policy: policy, channel: channel, published: published)
            let facts = try await write(
                about: [subject], by: actor,
                [
                    .consentDecision(
                        ConsentDecision(
                            subject: subject, purpose: purpose, decision: decision, policyVersion: policy,
                            channel: channel,
                            evidence: evidence))
                ])
            return facts[0]
        }
    }

    /// Records that categories of a person's data were given to a recipient on an occasion.
    ///
    /// Refused when the recipient's agreement does not cover the occasion, when a category is not
    /// held about the person, or when processing is restricted.
    @discardableResult
    public func disclose(
        _ categories: [DataCategory], of subject: SubjectID, to recipient: RecipientID,
        for occasion: AccessOccasion, reference: BusinessReference? = nil, actor: ActorID? = nil
    ) async throws -> Fact {
        try await observingWrite(.disclosure, subjects: 1) {
            let validator = self.validator
            try validator.disclosure(categories, to: recipient, for: occasion)
            let facts = try await write(about: [subject], by: actor) { histories in
                try validator.disclosure(categories, of: subject, history: histories[subject]!)
                return [
                    .disclosure(
                        Disclosure(
                            subject: subject, categories: categories, recipient: recipient, occasion: occasion,
                            reference: reference))
                ]
            }
            return facts[0]
        }
    }

    /// Records that a recipient has standing access to a whole system on an occasion.
    ///
    /// Everyone whose data the system held while the grant was in force counts the recipient
    /// among those who received their data.
    @discardableResult
    public func grantAccess(
        to recipient: RecipientID, on system: SystemID, for occasion: AccessOccasion, from start: Date,
        until end: Date? = nil, actor: ActorID? = nil
    ) async throws -> Fact {
        try await observingWrite(.accessGrant, subjects: 0) {
            try validator.pointInTime(start, argument: "from")
            try validator.pointInTime(end, argument: "until")
            try validator.grant(to: recipient, on: system, for: occasion, from: start, until: end)
            let facts = try await write(
                about: [], by: actor,
                [
                    .accessGrant(
                        AccessGrant(recipient: recipient, system: system, occasion: occasion, from: start, until: end))
                ])
            return facts[0]
        }
    }

    /// Records that a business object reached a lifecycle event: retention clocks of the
    /// holdings with that reference start here.
    @discardableResult
    public func recordLifecycleEvent(
        _ kind: LifecycleKind, reference: BusinessReference, occurredAt: Date? = nil, actor: ActorID? = nil
    ) async throws -> Fact {
        try await observingWrite(.lifecycleEvent, subjects: 0) {
            try validator.lifecycle(kind, reference: reference)
            try validator.pointInTime(occurredAt, argument: "occurredAt")
            let at = occurredAt ?? clock.now()
            let facts = try await write(
                about: [], by: actor,
                [.lifecycleEvent(LifecycleEvent(kind: kind, reference: reference, occurredAt: at))])
            return facts[0]
        }
    }

    /// Records that the business object `reference` concerns `other`: a complaint case concerns
    /// the order it is about.
    ///
    /// The retention clocks of the holdings recorded for `reference` then start at the lifecycle
    /// events of `other` too — complaint data kept with consent runs until the warranty counted
    /// from the order's delivery ends, and the erasure holds of `reference` end with them. The
    /// link goes one way.
    ///
    /// ```swift
    /// try await ledger.linkReference("case:9001", concerns: "order:50017")
    /// ```
    @discardableResult
    public func linkReference(
        _ reference: BusinessReference, concerns other: BusinessReference, actor: ActorID? = nil
    ) async throws -> Fact {
        try await observingWrite(.referenceLink, subjects: 0) {
            try validator.referenceLink(reference, concerns: other)
            let facts = try await write(
                about: [], by: actor, [.referenceLink(ReferenceLink(reference: reference, concerns: other))])
            return facts[0]
        }
    }

    /// Publishes a version of the privacy policy. Consent can be recorded only under a published
    /// version.
    ///
    /// Publishing is idempotent: publishing a version again with the same effective date and major
    /// flag returns the fact that published it and records nothing, so a deployment may publish
    /// on every start. The same version with another date or flag is refused with
    /// ``LedgerError/Rule/policyVersionConflict``. Concurrent publishes of one version record it once.
    @discardableResult
    public func publishPolicy(
        version: String, effectiveFrom: Date, isMajor: Bool, actor: ActorID? = nil
    ) async throws -> Fact {
        let policy = PolicyVersion(version: version, effectiveFrom: effectiveFrom, isMajor: isMajor)
        let (fact, _) = try await observingWrite(.policyVersion, facts: { $0.appended }, subjects: { _ in 0 }) {
            () async throws -> (Fact, appended: Int) in
            try validator.pointInTime(effectiveFrom, argument: "effectiveFrom")
            return try await locks.withLock([.policy]) {
                let published = try await store.facts(for: .kind(.policyVersion))
                if let existing = try validator.policy(policy, published: published) { return (existing, appended: 0) }
                return (try await write(about: [], by: actor, [.policyVersion(policy)])[0], appended: 1)
            }
        }
        return fact
    }

    /// Every published policy version, in the order published.
    public func policyVersions() async throws -> [PolicyVersion] {
        try await store.facts(for: .kind(.policyVersion)).compactMap {
            guard case .policyVersion(let version) = $0.body else { return nil }
            return version
        }
    }

    /// Records that a person objected to processing for a purpose (GDPR Art. 21). While the
    /// objection stands, nothing more is recorded for the purpose and ``mayProcess(_:for:)``
    /// answers no; ``withdrawObjection(_:to:actor:)`` ends it.
    @discardableResult
    public func object(_ subject: SubjectID, to purpose: Purpose, actor: ActorID? = nil) async throws -> Fact {
        try await recordObjection(of: subject, to: purpose, isWithdrawn: false, actor: actor)
    }

    /// Records that a person withdrew an objection to processing for a purpose: the purpose may
    /// be processed again on its basis.
    @discardableResult
    public func withdrawObjection(_ subject: SubjectID, to purpose: Purpose, actor: ActorID? = nil) async throws
        -> Fact
    {
        try await recordObjection(of: subject, to: purpose, isWithdrawn: true, actor: actor)
    }

    private func recordObjection(
        of subject: SubjectID, to purpose: Purpose, isWithdrawn: Bool, actor: ActorID?
    ) async throws -> Fact {
        try await observingWrite(.objection, subjects: 1) {
            _ = try validator.purpose(purpose)
            let facts = try await write(
                about: [subject], by: actor,
                [.objection(Objection(subject: subject, purpose: purpose, isWithdrawn: isWithdrawn))])
            return facts[0]
        }
    }

    /// Restricts processing of a person's data (GDPR Art. 18) for one purpose or, with `nil`,
    /// all. While restricted, data is stored but nothing new is recorded or disclosed;
    /// ``liftRestriction(_:purpose:actor:)`` ends it.
    @discardableResult
    public func restrict(_ subject: SubjectID, purpose: Purpose? = nil, actor: ActorID? = nil) async throws -> Fact {
        try await recordRestriction(of: subject, purpose: purpose, isLifted: false, actor: actor)
    }

    /// Lifts a restriction of processing (GDPR Art. 18) for one purpose or, with `nil`, the
    /// restriction of all purposes.
    @discardableResult
    public func liftRestriction(_ subject: SubjectID, purpose: Purpose? = nil, actor: ActorID? = nil) async throws
        -> Fact
    {
        try await recordRestriction(of: subject, purpose: purpose, isLifted: true, actor: actor)
    }

    private func recordRestriction(
        of subject: SubjectID, purpose: Purpose?, isLifted: Bool, actor: ActorID?
    ) async throws -> Fact {
        try await observingWrite(.restriction, subjects: 1) {
            if let purpose { _ = try validator.purpose(purpose) }
            let facts = try await write(
                about: [subject], by: actor,
                [.restriction(Restriction(subject: subject, purpose: purpose, isLifted: isLifted))])
            return facts[0]
        }
    }

    /// Records that two subject identifiers denote the same person. Access reports follow links.
    @discardableResult
    public func link(_ subject: SubjectID, to other: SubjectID, actor: ActorID? = nil) async throws -> Fact {
        try await observingWrite(.subjectLink, subjects: 2) {
            try validator.link(subject, to: other)
            let facts = try await write(
                about: [subject, other], by: actor, [.subjectLink(SubjectLink(subject: subject, linked: other))])
            return facts[0]
        }
    }
}
