extension Ledger {
    /// The formats of identifiers a person can be found by: email, phone, national ID number and
    /// bank account. Holdings of a category with one of these formats get a lookup token.
    public static let findableFormats: [ValueFormat] = [.email, .phone, .nationalIDNumber, .bankAccount]

    /// Finds the people who hold an identifier — by its keyed hash, so no index holds it in clear.
    ///
    /// The identifier is normalised by the same rules as a recorded value (`912 34 567` finds
    /// `+4791234567` in Norway; `168225 48834` finds `16822548834`), hashed with the ledger's
    /// ``IdentifierKey``, and looked up. Email addresses match regardless of case
    /// (`Kari.Nordmann@Example.NO` finds `kari.nordmann@example.no`). Holdings whose value was erased are not found: a
    /// store drops the lookup entry with the value. A value replaced by a rectification is still
    /// found, marked as not current, until it is erased.
    ///
    /// ```swift
    /// for match in try await ledger.find("kari.nordmann@example.no", as: .email) {
    ///     let report = try await ledger.issueReport(for: match.subject, requestedBy: "dpo")
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - identifier: the identifier as the person wrote it.
    ///   - format: one of ``findableFormats``.
    ///   - region: the country whose rules read a phone number without calling code or a national
    ///     ID number; the ledger's region when `nil`.
    /// - Returns: one match per subject identifier, sorted by it; empty when no one holds it. A match
    ///   names the subject identifier (the controller's pseudonymous key), never a value.
    /// - Throws: ``LedgerError`` — ``LedgerError/Rule/identifierKeyRequired`` without a key,
    ///   ``LedgerError/Rule/malformedValue`` for a malformed identifier (the message never contains
    ///   it), ``LedgerError/Rule/invalidRequest`` for a format that is not an identifier.
    public func find(_ identifier: String, as format: ValueFormat, region: Region? = nil) async throws
        -> [SubjectMatch]
    {
        let (normalized, identifierKey) = try validator.identifierToFind(
            identifier, as: format, region: region ?? self.region, key: identifierKey)
        let token = identifierKey.token(for: normalized, format: format)
        let hits = try await store.facts(for: .lookup(token))
        var subjects = Set<SubjectID>()
        for fact in hits {
            switch fact.body {
            case .holding(let holding): subjects.insert(holding.subject)
            case .rectification(let rectification): subjects.insert(rectification.subject)
            default: break
            }
        }
        subjects.remove(.erased)

        var matches: [SubjectMatch] = []
        for subject in subjects.sorted() {
            let (linked, history) = try await historyFollowingLinks(from: subject)
            let locations = Self.locations(of: token, held: subject, in: history)
            guard !locations.isEmpty else { continue }
            matches.append(
                SubjectMatch(
                    subject: subject, linkedSubjects: linked.filter { $0 != subject }.sorted(), locations: locations))
        }
        return matches
    }

    /// Finds the people who hold an email address. See ``find(_:as:region:)``.
    public func find(email: String) async throws -> [SubjectMatch] {
        try await find(email, as: .email)
    }

    /// Finds the people who hold a phone number; `region` reads a number without calling code.
    /// See ``find(_:as:region:)``.
    public func find(phone: String, region: Region? = nil) async throws -> [SubjectMatch] {
        try await find(phone, as: .phone, region: region)
    }

    /// Finds the people who hold a national identity number of `country` (the ledger's region
    /// when `nil`). See ``find(_:as:region:)``.
    public func find(nationalIDNumber: String, region: Region? = nil) async throws -> [SubjectMatch] {
        try await find(nationalIDNumber, as: .nationalIDNumber, region: region)
    }

    /// Finds the people who hold a bank account number or IBAN. See ``find(_:as:region:)``.
    public func find(bankAccount: String) async throws -> [SubjectMatch] {
        try await find(bankAccount, as: .bankAccount)
    }

    /// The holdings of `subject` in `history` that hold the identifier with `token`, now or
    /// before a rectification, skipping erased ones.
    private static func locations(of token: String, held subject: SubjectID, in history: SubjectHistory)
        -> [SubjectMatch.Location]
    {
        history.allHoldings.compactMap { held in
            guard held.holding.subject == subject, !held.isValueGone, held.lookupTokens.contains(token) else {
                return nil
            }
            let holding = held.holding
            return SubjectMatch.Location(
                holding: held.sequence, category: holding.category, system: holding.system, purpose: holding.purpose,
                reference: holding.reference, since: held.fact.recordedAt, isCurrent: held.liveLookupToken == token)
        }
    }

    /// `holding` with its lookup token set, when its category is an identifier and the ledger has
    /// a key. The value must be normalised already.
    package func withLookupToken(_ holding: Holding) -> Holding {
        var holding = holding
        holding.lookupToken = lookupToken(for: holding.value, category: holding.category)
        return holding
    }

    /// The lookup token of a normalised value of `category`, or `nil` when the category is not an
    /// identifier, the value is absent or the ledger has no key.
    package func lookupToken(for value: PersonalValue?, category: DataCategory) -> PersonalValue? {
        guard let identifierKey, let clear = value?.revealed, let format = catalog.categories[category]?.format,
            Self.findableFormats.contains(format)
        else { return nil }
        return PersonalValue(identifierKey.token(for: clear, format: format))
    }
}
