#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The rules of the writes other than holdings: consent, disclosure, grants, lifecycle events,
/// policy versions and links. ``Ledger`` calls them when it records, and import calls them for
/// each fact it reads, so a fact is judged the same way however it arrives.
extension Validator {
    /// A write of holdings names at least one item.
    func items(_ items: [DataItem]) throws(LedgerError) {
        guard !items.isEmpty else {
            throw LedgerError(.invalidRequest, "Nothing to record: name at least one category.")
        }
    }

    /// A consent decision is for a declared purpose, under a published policy version, through a
    /// named channel.
    package func consent(
        for purpose: Purpose, policy: String, channel: String, published: Set<String>
    ) throws(LedgerError) {
        _ = try self.purpose(purpose)
        guard published.contains(policy) else {
            throw LedgerError(
                .unknownPolicyVersion,
                "Policy version '\(policy)' was never published. Publish it with publishPolicy(version:effectiveFrom:isMajor:) first, or name the version the person was shown."
            )
        }
        guard !channel.isEmpty else {
            throw LedgerError(
                .invalidRequest, "Name the channel the decision came through, such as 'checkout-checkbox'.")
        }
    }

    /// The terms of a disclosure: at least one declared category, a recipient with an agreement
    /// for the occasion.
    func disclosure(_ categories: [DataCategory], to recipient: RecipientID, for occasion: AccessOccasion)
        throws(LedgerError)
    {
        guard !categories.isEmpty else {
            throw LedgerError(.invalidRequest, "Nothing to disclose: name at least one category.")
        }
        for category in categories { _ = try self.category(category) }
        try self.recipient(recipient, occasion: occasion)
    }

    /// A disclosure about `subject` is of categories held about them, and not while processing of
    /// their data is restricted.
    package func disclosure(_ categories: [DataCategory], of subject: SubjectID, history: SubjectHistory)
        throws(LedgerError)
    {
        let held = history.heldCategories(of: subject)
        for category in categories where !held.contains(category) {
            throw LedgerError(
                .invalidRequest,
                "Category '\(category)' is not held about this person, so it cannot have been disclosed. Record the holding first."
            )
        }
        if history.restrictionOfEveryPurpose(of: subject) != nil {
            throw LedgerError(
                .restriction,
                "Processing of this person's data is restricted (GDPR Art. 18): it may be stored, not disclosed. Lift the restriction first."
            )
        }
    }

    /// An access grant is to a recipient with an agreement for the occasion, on a declared
    /// system, and does not end before it starts.
    package func grant(
        to recipient: RecipientID, on system: SystemID, for occasion: AccessOccasion, from start: Date, until end: Date?
    ) throws(LedgerError) {
        try self.recipient(recipient, occasion: occasion)
        try self.system(system)
        if let end, end < start {
            throw LedgerError(.invalidRequest, "An access grant cannot end before it starts.")
        }
    }

    /// A lifecycle event is of a kind the catalog declares — a misspelt kind would silently
    /// start no retention clock — and names the business object it happened to.
    package func lifecycle(_ kind: LifecycleKind, reference: BusinessReference) throws(LedgerError) {
        let declared = catalog.declaredLifecycleKinds
        guard declared.contains(kind) else {
            let known = declared.sorted().map(\.rawValue).joined(separator: ", ")
            throw LedgerError(
                .unknownLifecycleKind,
                "Lifecycle kind '\(kind)' is not declared in the catalog (it declares: \(known)). Check the spelling, or declare it in the catalog's lifecycleKinds."
            )
        }
        guard !reference.rawValue.isEmpty else {
            throw LedgerError(.invalidRequest, "Name the business object the event happened to, such as 'order:50017'.")
        }
    }

    /// A reference link names two different business objects.
    package func referenceLink(_ reference: BusinessReference, concerns other: BusinessReference)
        throws(LedgerError)
    {
        guard !reference.rawValue.isEmpty, !other.rawValue.isEmpty else {
            throw LedgerError(
                .invalidRequest,
                "Name both business objects of a reference link, such as 'case:9001' concerning 'order:50017'.")
        }
        guard reference != other else {
            throw LedgerError(
                .invalidRequest, "A reference link ties two different business objects; both name '\(reference)'.")
        }
    }

    /// A policy version has a name, and a name is published once: publishing the same version
    /// with the same fields again is answered with `existing` (returned), different fields are
    /// refused.
    ///
    /// - Returns: the fact that already published `version` identically, or `nil` when it is new.
    package func policy(_ version: PolicyVersion, published existing: [Fact]) throws(LedgerError) -> Fact? {
        guard !version.version.isEmpty else {
            throw LedgerError(.invalidRequest, "Name the policy version, such as '2018-05-25'.")
        }
        for fact in existing {
            guard case .policyVersion(let published) = fact.body, published.version == version.version else {
                continue
            }
            // Stores keep instants to the millisecond: a re-publish read back is the same date.
            let sameDate = abs(published.effectiveFrom.timeIntervalSince(version.effectiveFrom)) < 0.001
            guard sameDate && published.isMajor == version.isMajor else {
                throw LedgerError(
                    .policyVersionConflict,
                    "Policy version '\(version.version)' was already published with another effective date or major flag; a published version does not change. Publish a new version name."
                )
            }
            return fact
        }
        return nil
    }

    /// A link joins two different identifiers.
    package func link(_ subject: SubjectID, to other: SubjectID) throws(LedgerError) {
        guard subject != other else {
            throw LedgerError(.invalidRequest, "A subject cannot be linked to itself.")
        }
    }
}
