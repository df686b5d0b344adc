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
        try await observingWrite(.rectification, facts: \.facts.count, subjects: { _ in 1 }) {
            let validator = self.validator
            let (recorded, notices) = try await writeReturning(about: [subject], by: actor) { histories in
                let history = histories[subject]!
                let held = try validator.rectifiable(sequence, history: history)
                let value = PersonalValue(try validator.rectification(newValue, of: held, countries: history.countries))
                let notices = try await self.recipientsToTell(erasing: [(held.fact, held.holding)], history: history)
                let body = Fact.Body.rectification(
                    Rectification(
                        subject: subject, holding: sequence, value: value,
                        lookupToken: self.lookupToken(for: value, category: held.holding.category)))
                return ([body], notices)
            }
            return RectificationResult(facts: recorded, recipientsToTell: notices)
        }
    }

    /// Completes a person's data (GDPR Art. 16): records categories missing from what is already
    /// held about them in a system for a purpose.
    ///
    /// A completion is a new holding beside the ones already there, under the same basis and
    /// business reference as the latest of them, validated like any holding (purpose
    /// limitation, consent, restriction, value format). To change a category already held, use
    /// ``rectify(holding:of:to:actor:)``; to record data for a new purpose or system, use
    /// ``record(_:about:in:for:basis:source:reference:specialCategoryCondition:region:actor:)``.
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
        try await observingWrite(.holding, facts: \.facts.count, subjects: { _ in 1 }) {
            try validator.completion(items)
            _ = try validator.purpose(purpose)
            try validator.system(system)
            let validator = self.validator
            let (recorded, history) = try await writeReturning(about: [subject], by: actor) { histories in
                let history = histories[subject]!
                let anchor = try validator.completionAnchor(
                    for: items, of: subject, in: system, for: purpose, history: history)
                let bodies = try items.map { item in
                    let holding = Holding(
                        subject: subject, category: item.category, system: system, purpose: purpose,
                        basis: anchor.basis,
                        specialCategoryCondition: anchor.specialCategoryCondition, source: source,
                        reference: anchor.reference, value: item.value, region: anchor.region)
                    return Fact.Body.holding(self.withLookupToken(try validator.holding(holding, history: history)))
                }
                return (bodies, history)
            }
            let holdings = recorded.compactMap { fact -> (Fact, Holding)? in
                guard case .holding(let holding) = fact.body else { return nil }
                return (fact, holding)
            }
            return RectificationResult(
                facts: recorded, recipientsToTell: try await recipientsToTell(erasing: holdings, history: history))
        }
    }

    /// Every value a holding has had, oldest first: its own, then each rectification's. The last
    /// is current.
    ///
    /// Erased values read as ``PersonalValue/erased``. Values are personal data: show them masked
    /// (``ValueFormat/mask(_:)``) unless the person asking may see them.
    public func valueHistory(of sequence: UInt64, about subject: SubjectID) async throws -> [ValueVersion] {
        try validator.subject(subject)
        guard let held = try await history(of: subject).holdings[sequence] else {
            throw Validator.notAHolding(sequence)
        }
        return held.versions
    }

    /// The rectifications of a holding, in the order recorded — what erasing the holding must
    /// erase with it (their values and lookup tokens).
    public func rectifications(of sequence: UInt64, about subject: SubjectID) async throws -> [Fact] {
        try validator.subject(subject)
        return try await history(of: subject).rectificationsByHolding[sequence] ?? []
    }
}
