extension Ledger {
    /// Corrects the value of a holding (GDPR Art. 16), keeping the earlier value as history.
    ///
    /// The new value is validated and normalised by the rules of the holding's category, and
    /// recorded as a ``Rectification`` of the holding; the access report shows it from then on,
    /// with the time of the correction. The earlier value stays in its fact — history, see
    /// ``valueHistory(of:about:)`` — until the holding is erased, which erases its
    /// rectifications too. When the category is an identifier (email, phone, national ID number,
    /// bank account) and the ledger has an ``IdentifierKey``, the person can be found by the new
    /// value; the old one is still found, marked as not current.
    ///
    /// A holding recorded without a value is completed by giving it one. A restriction (Art. 18)
    /// does not stop a correction: settling the accuracy of data is what it is for.
    ///
    /// - Parameters:
    ///   - sequence: the holding's sequence number, as the access report lists it.
    ///   - subject: whose holding it is; a guard against a mistyped sequence number, which would
    ///     otherwise correct another person's data.
    ///   - newValue: the corrected value, as the person gave it.
    ///   - actor: who records it; the ledger's actor when `nil`.
    /// - Returns: the rectification, and the recipients that must be told (Art. 19).
    /// - Throws: ``LedgerError`` — ``LedgerError/Rule/invalidRequest`` when the fact is not a
    ///   holding about `subject` or the value is already the current one,
    ///   ``LedgerError/Rule/erasedHolding`` when its value was erased,
    ///   ``LedgerError/Rule/malformedValue`` when the new value is malformed (never echoed).
    @discardableResult
    public func rectify(
        holding sequence: UInt64, of subject: SubjectID, to newValue: String, actor: ActorID? = nil
    ) async throws -> RectificationResult {
        let validator = self.validator
        let region = self.region
        let recorded = try await write(about: [subject], by: actor) { states in
            let facts = try await self.store.facts(about: subject)
            let (_, holding) = try Self.liveHolding(sequence, in: facts, state: states[subject]!)
            let definition = try validator.category(holding.category)
            let normalized = try Self.normalize(
                newValue, as: definition.format, region: region, category: holding.category)
            let current = Self.versions(of: sequence, in: facts).last?.value
            guard current?.revealed != normalized else {
                throw LedgerError(
                    .invalidRequest,
                    "Holding \(sequence) already has this value (after normalising); nothing to correct.")
            }
            let value = PersonalValue(normalized)
            return [
                .rectification(
                    Rectification(
                        subject: subject, holding: sequence, value: value,
                        lookupToken: self.lookupToken(for: value, category: holding.category)))
            ]
        }
        let facts = try await store.facts(about: subject)
        let holdings = facts.compactMap { fact -> (Fact, Holding)? in
            guard fact.sequence == sequence, case .holding(let holding) = fact.body else { return nil }
            return (fact, holding)
        }
        return RectificationResult(
            facts: recorded, recipientsToTell: try await recipientsToTell(erasing: holdings, facts: facts))
    }

    /// Completes a person's data (GDPR Art. 16): records categories missing from what is already
    /// held about them in a system for a purpose.
    ///
    /// A completion is a new holding beside the ones already there, under the same basis and
    /// business reference as the latest of them, validated like any holding (purpose
    /// limitation, consent, restriction, value format). To change a category already held, use
    /// ``rectify(holding:of:to:actor:)``; to record data for a new purpose or system, use
    /// ``record(_:about:in:for:basis:source:reference:specialCategoryCondition:actor:)``.
    ///
    /// - Parameters:
    ///   - items: the missing categories, each with its value.
    ///   - subject: whose data it is.
    ///   - system: where the data is held.
    ///   - purpose: the purpose it is held for.
    ///   - source: where the new data came from; the person, by default.
    ///   - actor: who records it.
    /// - Returns: the new holdings, and the recipients that must be told (Art. 19): those with
    ///   standing access to the system, and any the category was disclosed to.
    @discardableResult
    public func complete(
        _ items: [DataItem], about subject: SubjectID, in system: SystemID, for purpose: Purpose,
        source: DataSource = .dataSubject, actor: ActorID? = nil
    ) async throws -> RectificationResult {
        guard !items.isEmpty else {
            throw LedgerError(.invalidRequest, "Nothing to complete: name at least one category with its value.")
        }
        guard Set(items.map(\.category)).count == items.count else {
            throw LedgerError(.invalidRequest, "Name each category to complete once.")
        }
        for item in items where item.value == nil {
            throw LedgerError(
                .invalidRequest,
                "Completing category '\(item.category)' needs its value: completion supplies missing data.")
        }
        _ = try validator.purpose(purpose)
        try validator.system(system)
        let validator = self.validator
        let recorded = try await write(about: [subject], by: actor) { states in
            let state = states[subject]!
            let live = state.holdings.values.sorted { $0.sequence < $1.sequence }.compactMap { fact -> Holding? in
                guard case .holding(let holding) = fact.body, state.erasedAt[fact.sequence] == nil,
                    holding.value?.isErased != true, holding.system == system, holding.purpose == purpose
                else { return nil }
                return holding
            }
            guard let anchor = live.last else {
                throw LedgerError(
                    .invalidRequest,
                    "Completion adds missing categories to data already held in system '\(system)' for purpose '\(purpose)', and nothing is held there about this subject. Record new data with record(_:about:in:for:)."
                )
            }
            let held = Set(live.map(\.category))
            for item in items where held.contains(item.category) {
                throw LedgerError(
                    .invalidRequest,
                    "Category '\(item.category)' is already held in system '\(system)' for purpose '\(purpose)': correct it with rectify(holding:of:to:) instead."
                )
            }
            return try items.map { item in
                let holding = Holding(
                    subject: subject, category: item.category, system: system, purpose: purpose, basis: anchor.basis,
                    specialCategoryCondition: anchor.specialCategoryCondition, source: source,
                    reference: anchor.reference, value: item.value)
                return .holding(self.withLookupToken(try validator.holding(holding, state: state)))
            }
        }
        let facts = try await store.facts(about: subject)
        let holdings = recorded.compactMap { fact -> (Fact, Holding)? in
            guard case .holding(let holding) = fact.body else { return nil }
            return (fact, holding)
        }
        return RectificationResult(
            facts: recorded, recipientsToTell: try await recipientsToTell(erasing: holdings, facts: facts))
    }

    /// Every value a holding has had, oldest first: its own, then each rectification's. The last
    /// is current.
    ///
    /// Erased values read as ``PersonalValue/erased``. Values are personal data: show them masked
    /// (``ValueFormat/mask(_:)``) unless the person asking may see them.
    public func valueHistory(of sequence: UInt64, about subject: SubjectID) async throws -> [ValueVersion] {
        try validator.subject(subject)
        let facts = try await store.facts(about: subject)
        guard
            facts.contains(where: { fact in
                guard case .holding = fact.body else { return false }
                return fact.sequence == sequence
            })
        else {
            throw Self.notAHolding(sequence)
        }
        return Self.versions(of: sequence, in: facts)
    }

    /// The rectifications of a holding, in the order recorded — what erasing the holding must
    /// erase with it (their values and lookup tokens).
    public func rectifications(of sequence: UInt64, about subject: SubjectID) async throws -> [Fact] {
        try validator.subject(subject)
        return try await store.facts(about: subject).filter { fact in
            guard case .rectification(let rectification) = fact.body else { return false }
            return rectification.holding == sequence
        }
    }

    /// The holding at `sequence` among a subject's facts, if its value is still held.
    private static func liveHolding(_ sequence: UInt64, in facts: [Fact], state: SubjectState) throws(LedgerError)
        -> (Fact, Holding)
    {
        guard let fact = state.holdings[sequence], case .holding(let holding) = fact.body else {
            throw notAHolding(sequence)
        }
        let rectifiedAway = facts.contains { fact in
            guard case .rectification(let rectification) = fact.body else { return false }
            return rectification.holding == sequence && rectification.value.isErased
        }
        if state.erasedAt[sequence] != nil || holding.value?.isErased == true || rectifiedAway {
            throw LedgerError(
                .erasedHolding,
                "The value of holding \(sequence) was erased; an erased value cannot be corrected. Record the correct value as a new holding if it may be held."
            )
        }
        return (fact, holding)
    }

    private static func normalize(
        _ value: String, as format: ValueFormat, region: Region, category: DataCategory
    ) throws(LedgerError) -> String {
        do {
            return try format.normalize(value, region: region)
        } catch {
            throw LedgerError(
                .malformedValue,
                "The new value for category '\(category)' is not valid: \(error.message) Nothing was recorded.")
        }
    }

    private static func notAHolding(_ sequence: UInt64) -> LedgerError {
        LedgerError(
            .invalidRequest,
            "Fact \(sequence) is not a holding about this subject. The access report (pdl report SUBJECT) numbers each holding."
        )
    }

    /// The values of the holding at `sequence`, oldest first.
    private static func versions(of sequence: UInt64, in facts: [Fact]) -> [ValueVersion] {
        var versions: [ValueVersion] = []
        for fact in facts {
            switch fact.body {
            case .holding(let holding) where fact.sequence == sequence:
                versions.append(
                    ValueVersion(
                        sequence: fact.sequence, recordedAt: fact.recordedAt, actor: fact.actor, isRectification: false,
                        value: holding.value, isCurrent: false))
            case .rectification(let rectification) where rectification.holding == sequence:
                versions.append(
                    ValueVersion(
                        sequence: fact.sequence, recordedAt: fact.recordedAt, actor: fact.actor, isRectification: true,
                        value: rectification.value, isCurrent: false))
            default:
                break
            }
        }
        if !versions.isEmpty { versions[versions.count - 1].isCurrent = true }
        return versions
    }
}
