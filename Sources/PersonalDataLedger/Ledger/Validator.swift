/// Every rule a write must pass, as named predicates of the catalog and the subject's
/// ``SubjectHistory``, each throwing a ``LedgerError`` that names the rule: ``Ledger`` calls them
/// when it records, and import calls the same ones for each fact it reads.
///
/// This file holds the vocabulary and the rules of holdings; the other writes' rules are in
/// `Validator+Topic.swift` files (recording, requests, rectification, erasure, queries, import).
package struct Validator: Sendable {
    let catalog: Catalog
    /// The ledger's default country.
    let region: Region
    /// The countries the ledger has retention periods for: the only ones a holding may name.
    let knownRegions: Set<Region>

    init(catalog: Catalog, region: Region, knownRegions: Set<Region>) {
        self.catalog = catalog
        self.region = region
        self.knownRegions = knownRegions
    }

    /// A country a holding names must be one the ledger has periods for: a typo must not make a
    /// holding whose retention cannot be computed.
    func region(_ region: Region?) throws(LedgerError) {
        guard let region, !knownRegions.contains(region) else { return }
        let known = knownRegions.sorted().map(\.rawValue).joined(separator: ", ")
        throw LedgerError(
            .unknownRegion,
            "Country '\(region)' has no retention periods in the ledger's settings (it has: \(known)). Use an ISO 3166 code the settings know, such as NO, SE, DK or FI."
        )
    }

    /// The country whose rules read `holding`'s value: its own, else its subject's in
    /// `countries`, else the ledger's (``SubjectCountries``).
    func region(of holding: Holding, countries: SubjectCountries) -> Region {
        countries.governing(holding, ledgerDefault: region)
    }

    func category(_ category: DataCategory) throws(LedgerError) -> CategoryDefinition {
        guard let definition = catalog.categories[category] else {
            throw LedgerError(
                .unknownCategory,
                "Category '\(category)' is not declared in the catalog. Check the spelling, or declare it with Catalog.add(_:)."
            )
        }
        return definition
    }

    func purpose(_ purpose: Purpose) throws(LedgerError) -> PurposeDefinition {
        guard let definition = catalog.purposes[purpose] else {
            throw LedgerError(
                .unknownPurpose,
                "Purpose '\(purpose)' is not declared in the catalog. Check the spelling, or declare it with Catalog.add(_:)."
            )
        }
        return definition
    }

    package func system(_ system: SystemID) throws(LedgerError) {
        guard catalog.systems[system] != nil else {
            throw LedgerError(
                .unknownSystem,
                "System '\(system)' is not declared in the catalog. Check the spelling, or declare it with Catalog.add(_:)."
            )
        }
    }

    func recipient(_ recipient: RecipientID, occasion: AccessOccasion) throws(LedgerError) {
        guard catalog.occasions.contains(occasion) else {
            throw LedgerError(
                .unknownOccasion,
                "Access occasion '\(occasion)' is not declared in the catalog. Use one the privacy policy names.")
        }
        guard let definition = catalog.recipients[recipient] else {
            throw LedgerError(
                .unknownRecipient,
                "Recipient '\(recipient)' is not declared in the catalog. Check the spelling, or declare it with Catalog.add(_:)."
            )
        }
        guard definition.occasions.contains(occasion) else {
            let agreed = definition.occasions.sorted().map(\.rawValue).joined(separator: ", ")
            throw LedgerError(
                .recipientOccasion,
                "Recipient '\(recipient)' has no agreement for occasion '\(occasion)' (its agreement covers: \(agreed)). Use a recipient whose agreement covers it, or amend the agreement in the catalog first."
            )
        }
    }

    package func subject(_ subject: SubjectID) throws(LedgerError) {
        guard subject.isWellFormed else {
            throw LedgerError(
                .malformedSubjectID,
                "The subject identifier must be 1 to 200 bytes without white space or control characters. Use your system's stable customer key, such as 'customer:10001'."
            )
        }
    }

    /// Checks that a holding may be recorded, and returns it with its value normalised.
    func holding(_ holding: Holding, history: SubjectHistory) throws(LedgerError) -> Holding {
        try self.holding(permitted: holding, history: history)
        try region(holding.region)
        let normalized = try normalized(holding, countries: history.countries)
        try retentionCanEnd(holding)
        return normalized
    }

    /// A new holding's retention can end: when every clock of its purpose starts at a lifecycle
    /// event of the holding's business object (and no withdrawal of consent can end it), the
    /// holding must name that object — without one its data would be kept for ever.
    ///
    /// Checked on recording only: an import keeps history as it was.
    func retentionCanEnd(_ holding: Holding) throws(LedgerError) {
        guard holding.reference == nil, holding.basis != .consent,
            let clocks = catalog.purposes[holding.purpose]?.retention.clocks, !clocks.isEmpty,
            clocks.allSatisfy({ if case .event = $0.startsAt { true } else { false } })
        else { return }
        let events = Set(clocks.compactMap { if case .event(let kind) = $0.startsAt { kind } else { nil } })
        throw LedgerError(
            .referenceRequired,
            "Purpose '\(holding.purpose)' keeps data until a lifecycle event of its business object (\(events.sorted().map(\.rawValue).joined(separator: ", "))), and this holding names none, so its retention could never end. Record it with the reference of the case, application, campaign or employment it belongs to."
        )
    }

    /// Checks every rule a holding must pass except the form of its value: the terms, purpose
    /// limitation, the basis, the Art. 9(2) condition, consent, objections and restrictions.
    /// It reads only the history's state, never a value.
    ///
    /// Without a history — an imported holding whose identifier was erased — only the terms are
    /// judged.
    package func holding(permitted holding: Holding, history: SubjectHistory?) throws(LedgerError) {
        if history != nil { try subject(holding.subject) }
        let categoryDefinition = try category(holding.category)
        let purposeDefinition = try purpose(holding.purpose)
        try system(holding.system)
        guard purposeDefinition.allowedCategories.contains(holding.category) else {
            throw LedgerError(
                .purposeLimitation,
                "Purpose '\(holding.purpose)' may not hold category '\(holding.category)' (purpose limitation, GDPR Art. 5(1)(b)). Record it under a purpose that declares it, or declare it for this purpose in the catalog."
            )
        }
        guard purposeDefinition.allowedBases.contains(holding.basis) else {
            let allowed = purposeDefinition.allowedBases.sorted().map(\.rawValue).joined(separator: ", ")
            throw LedgerError(
                .basisNotAllowed,
                "Purpose '\(holding.purpose)' does not rest on basis '\(holding.basis)'; it allows: \(allowed).")
        }
        if categoryDefinition.sensitivity == .specialCategory {
            try specialCategoryCondition(of: holding, history: history)
        }
        guard let history else { return }
        if holding.basis == .consent { try consentInForce(of: holding, history: history) }
        try processing(of: holding.subject, for: holding.purpose, definition: purposeDefinition, history: history)
    }

    /// A special category (Art. 9) needs one of the Art. 9(2) conditions; explicit consent needs
    /// consent in force.
    func specialCategoryCondition(of holding: Holding, history: SubjectHistory?) throws(LedgerError) {
        guard let condition = holding.specialCategoryCondition,
            SpecialCategoryCondition.gdprArticle9.contains(condition)
        else {
            throw LedgerError(
                .specialCategory,
                "Category '\(holding.category)' is a special category (GDPR Art. 9): name the Art. 9(2) condition that permits processing it."
            )
        }
        if let history, condition == .explicitConsent && !history.hasConsent(of: holding.subject, to: holding.purpose) {
            throw LedgerError(
                .consentRequired,
                "Art. 9(2)(a) needs explicit consent to purpose '\(holding.purpose)', and none is in force. Record the consent first."
            )
        }
    }

    /// A holding under consent needs the person's consent to the purpose in force.
    func consentInForce(of holding: Holding, history: SubjectHistory) throws(LedgerError) {
        guard !history.hasConsent(of: holding.subject, to: holding.purpose) else { return }
        let why =
            switch history.consent(of: holding.subject, for: holding.purpose)?.1.decision {
            case .withdrawn?: "the person withdrew it"
            case .refused?: "the person refused it"
            default: "none was recorded"
            }
        throw LedgerError(
            .consentRequired,
            "Holding data for purpose '\(holding.purpose)' under consent needs the person's consent to it, and \(why). Record the consent first, or use another basis the purpose allows."
        )
    }

    /// `holding` with its value in its category's normal form, read by the rules of the holding's
    /// country (a phone number without calling code, a national ID number); refused when the value
    /// is malformed.
    func normalized(_ holding: Holding, countries: SubjectCountries) throws(LedgerError) -> Holding {
        var normalized = holding
        guard let value = holding.value?.revealed else { return normalized }
        let definition = try category(holding.category)
        do {
            normalized.value = PersonalValue(
                try definition.format.normalize(value, region: region(of: holding, countries: countries)))
        } catch {
            throw LedgerError(
                .malformedValue,
                "The value given for category '\(holding.category)' is not valid: \(error.message) Nothing was recorded."
            )
        }
        return normalized
    }

    /// Checks that nothing stops processing the subject's data for `purpose` now.
    func processing(
        of subject: SubjectID, for purpose: Purpose, definition: PurposeDefinition, history: SubjectHistory
    ) throws(LedgerError) {
        if history.objection(of: subject, to: purpose) != nil {
            throw LedgerError(
                .objection,
                "The person objected to processing for purpose '\(purpose)'\(definition.isDirectMarketing ? " (direct marketing: the objection is absolute, GDPR Art. 21(3))" : " (GDPR Art. 21)"). Nothing may be recorded for it."
            )
        }
        if history.restriction(of: subject, for: purpose) != nil {
            throw LedgerError(
                .restriction,
                "Processing of this person's data for purpose '\(purpose)' is restricted (GDPR Art. 18): it may be stored, not otherwise processed. Lift the restriction first."
            )
        }
    }
}
