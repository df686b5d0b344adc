extension Ledger {
    /// The catalog `store` keeps (``LedgerCatalogStore``), or ``Catalog/focusNordic`` when it
    /// keeps none or none was saved: the catalog to read a ledger with when you did not record it.
    ///
    /// - Throws: the store's error when a saved catalog cannot be read or is not valid; it is
    ///   never replaced by the default.
    public static func catalog(keptIn store: any LedgerStore) async throws -> Catalog {
        try await (store as? any LedgerCatalogStore)?.loadCatalog() ?? .focusNordic
    }

    /// The most facts a refusal of ``checkRecordedFacts(against:)`` lists.
    static let listedCatalogConflicts = 10

    /// Checks that every fact recorded in the ledger is valid under `catalog`, by the rules an
    /// import of it would pass: every category, purpose, system, recipient, occasion and lifecycle
    /// kind declared, each holding one its purpose may hold under a basis it allows, consent in
    /// force where a holding rests on it.
    ///
    /// A catalog that drops or narrows what the ledger has used would make its history
    /// unreadable — reports without labels, imports of its own export refused — so
    /// ``storeCatalog()`` and `pdl catalog set` refuse it. The check reads the whole ledger once.
    ///
    /// - Throws: ``LedgerError`` with the rule of the first conflict, whose message lists the
    ///   first conflicting facts by number and what each breaks; `catalog`'s own inconsistencies
    ///   are a ``CatalogError``.
    public func checkRecordedFacts(against catalog: Catalog) async throws {
        try catalog.validate()
        let validator = Validator(catalog: catalog, region: region, knownRegions: Set(retention.regions.keys))
        var histories = SubjectHistories()
        var policies: [Fact] = []
        var conflicts: [(sequence: UInt64, error: LedgerError)] = []
        var seen: Set<String> = []
        var total = 0
        var next: UInt64 = 1
        while true {
            let facts = try await store.facts(from: next, limit: 1000)
            guard let last = facts.last else { break }
            for fact in facts {
                do {
                    try validator.imported(fact, histories: histories, policies: policies)
                } catch {
                    total += 1
                    // One line per kind of conflict: a dropped system fails every holding in it.
                    if conflicts.count < Self.listedCatalogConflicts, seen.insert(error.message).inserted {
                        conflicts.append((fact.sequence, error))
                    }
                }
                histories.apply(fact)
                if case .policyVersion = fact.body { policies.append(fact) }
            }
            next = last.sequence + 1
        }
        guard let first = conflicts.first else { return }
        let lines = conflicts.map { "fact \($0.sequence) (\($0.error.rule)): \($0.error.message)" }
        throw LedgerError(
            first.error.rule,
            "\(total) recorded fact(s) would not be valid under this catalog. Keep every term the ledger uses, and what its purposes allowed; the first conflicts: "
                + lines.joined(separator: " · "))
    }

    /// Keeps ``catalog`` in the store, so that every program opening the ledger — `pdl`, other
    /// services — reads it with this catalog; call it when a service opens the ledger under its
    /// own catalog.
    ///
    /// When the store already keeps an equal catalog nothing is read or written. Otherwise every
    /// recorded fact is checked first (``checkRecordedFacts(against:)``): a catalog that would
    /// make recorded facts invalid is refused, and the stored one stays.
    ///
    /// ```swift
    /// let ledger = Ledger(store: store, catalog: webshopCatalog, settings: settings, actor: "webshop")
    /// try await ledger.storeCatalog()
    /// ```
    ///
    /// Two services storing different catalogs in one ledger overwrite each other's: give the
    /// ledger one catalog that declares what all of them record.
    ///
    /// - Throws: ``LedgerError`` when recorded facts conflict with the catalog, ``CatalogError``
    ///   when it is not valid, ``LedgerError/Rule/invalidRequest`` when the store keeps no
    ///   catalog (it is not a ``LedgerCatalogStore``), and the store's errors.
    public func storeCatalog() async throws {
        guard let catalogStore = store as? any LedgerCatalogStore else {
            throw LedgerError(
                .invalidRequest,
                "This ledger's store keeps no catalog (it is not a LedgerCatalogStore); pass the catalog to every Ledger you make over it."
            )
        }
        // A stored catalog that cannot be read is what this replaces.
        if (try? await catalogStore.loadCatalog()) == catalog { return }
        try await checkRecordedFacts(against: catalog)
        try await catalogStore.saveCatalog(catalog)
    }
}
