public import PersonalDataLedger
public import Testing

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The conformance suite every ``LedgerStore`` runs, to prove it keeps the protocol's rules.
///
/// Call ``run(makeStore:)`` from a test of your store. Each check gets a fresh, empty store from
/// `makeStore`; failures are reported as Swift Testing issues naming the rule.
///
/// ```swift
/// @Test func conformance() async throws {
///     try await LedgerStoreConformance.run { try PostgresLedgerStore(pool: pool, schema: .unique()) }
/// }
/// ```
public enum LedgerStoreConformance {
    /// One check of the suite: pass them as test arguments, so each is reported as its own test
    /// case.
    ///
    /// ```swift
    /// @Test(arguments: LedgerStoreConformance.checks)
    /// func conformance(_ check: LedgerStoreConformance.Check) async throws {
    ///     try await check.run(against: try MyStore.makeEmpty())
    /// }
    /// ```
    public struct Check: Sendable, CustomStringConvertible, CustomTestStringConvertible {
        /// What the check proves.
        public let name: String
        let body: @Sendable (any LedgerStore) async throws -> Void

        public var description: String { name }

        public var testDescription: String { name }

        /// Runs the check against `store`, which must be empty; a broken rule is recorded as a
        /// Swift Testing issue naming it.
        public func run(against store: any LedgerStore) async {
            do {
                try await body(store)
            } catch {
                Issue.record("\(name): \(error)")
            }
        }
    }

    /// Runs every check, each against a fresh store from `makeStore`, in one test.
    ///
    /// Prefer passing ``checks`` as test arguments, which reports each check on its own. A store
    /// that several ledgers write runs ``sharedStoreChecks`` too; this does not.
    public static func run(makeStore: @Sendable () async throws -> any LedgerStore) async throws {
        for check in checks {
            await check.run(against: try await makeStore())
        }
    }

    /// The checks, in the order ``run(makeStore:)`` runs them.
    public static let checks: [Check] = [
        Check(name: "an empty store has no facts and the empty head", body: emptyStore),
        Check(name: "append numbers facts from 1 without gaps and returns them", body: appendNumbers),
        Check(name: "facts are indexed by subject, reference, system and kind", body: indexKeys),
        Check(name: "reports issued are indexed apart from their subject's history", body: accountabilityKey),
        Check(name: "range reads honour start and limit", body: rangeReads),
        Check(name: "erasing values removes them and keeps everything else", body: eraseValues),
        Check(name: "erasing the identifier removes it everywhere", body: eraseIdentifier),
        Check(name: "erasing values drops their lookup tokens from the index", body: eraseLookupToken),
        Check(name: "erasing what is already erased is not an error", body: eraseTwice),
        Check(name: "erasure refuses facts about someone else", body: eraseForeignFact),
        Check(name: "the chain verifies and detects a forged checkpoint", body: integrity),
        Check(name: "concurrent batches stay whole and contiguous", body: concurrentBatches),
        Check(name: "readers beside writers see only whole batches", body: readersSeeWholeBatches),
        Check(name: "a holding's country is kept, and one without stays without", body: holdingCountry),
        Check(name: "settings, where the store keeps them, are saved and read back", body: settings),
        Check(
            name: "a catalog, where the store keeps one, is saved and read back; an invalid one is refused",
            body: catalog),
        Check(name: "facts appended with given commitments rebuild the chain they came from", body: committedRoundTrip),
        Check(name: "commitments that do not fit their facts are refused and change nothing", body: committedRefusals),
    ]

    /// Checks for a store that several ledgers write at once — processes on one machine, services
    /// on several, or two ``Ledger`` values over one store — run as ``checks`` are.
    ///
    /// They prove that an erasure resolved before another writer's newer fact about its subject
    /// is refused (``ErasureScope/resolvedThrough``), which is what keeps an erasure from missing
    /// a holding recorded at the same moment. The built-in stores run them; a store that only
    /// ever has one ledger over it is safe without them.
    public static let sharedStoreChecks: [Check] = [
        Check(
            name: "an erasure resolved before a newer fact about its subject is refused and changes nothing",
            body: eraseResolvedTooEarly)
    ]

    // MARK: - Sample facts

    static let epoch = Date(timeIntervalSince1970: 1_764_000_000.123)

    static func holding(
        _ subject: String, _ category: DataCategory = .email, value: String? = "kari.nordmann@example.no",
        reference: String? = "order:50017", offset: Int = 0
    ) -> NewFact {
        NewFact(
            recordedAt: epoch.addingTimeInterval(Double(offset)), actor: "webshop",
            body: .holding(
                Holding(
                    subject: SubjectID(subject), category: category, system: "webshop.orders",
                    purpose: .customerAccountAndOrders, basis: .contract, source: .dataSubject,
                    reference: reference.map(BusinessReference.init(rawValue:)), value: value.map(PersonalValue.init))))
    }

    static func erasureFact(_ subject: String, erased: [UInt64], identifier: Bool) -> NewFact {
        NewFact(
            recordedAt: epoch, actor: "dpo",
            body: .erasure(
                Erasure(
                    subject: SubjectID(subject), reason: .subjectRequest, erased: erased, identifierErased: identifier))
        )
    }

    /// A ledger in the reference store with every kind of field an export carries: a live value
    /// and token, a value erased after it was recorded (its token too), one erased before, an
    /// identifier erased, and the same identifier recorded again.
    static func committedSource() async throws -> InMemoryLedgerStore {
        let source = InMemoryLedgerStore()
        var withToken = holding("customer:1")
        var erasedBefore = holding("customer:3", .ipAddress)
        if case .holding(var body) = withToken.body {
            body.lookupToken = PersonalValue("5f2c0e")
            withToken.body = .holding(body)
        }
        if case .holding(var body) = erasedBefore.body {
            body.value = .erased
            erasedBefore.body = .holding(body)
        }
        _ = try await source.append([
            withToken, holding("customer:2", .name, value: "Ola Nordmann"),
            NewFact(
                recordedAt: epoch, actor: "b2b", body: .subjectLink(SubjectLink(subject: "customer:2", linked: "b2b:7"))
            ),
            erasedBefore,
        ])
        _ = try await source.erase(
            ErasureScope(subject: "customer:1", values: [1], erasesIdentifier: false),
            recording: erasureFact("customer:1", erased: [1], identifier: false))
        _ = try await source.erase(
            ErasureScope(subject: "customer:2", values: [2], erasesIdentifier: true),
            recording: erasureFact("customer:2", erased: [2], identifier: true))
        _ = try await source.append([holding("customer:2", .name, value: "Ola Ny", offset: 1)])
        return source
    }

    // MARK: - Checks

    static func holdingCountry(_ store: any LedgerStore) async throws {
        guard case .holding(var swedish) = holding("customer:1").body else { return }
        swedish.region = .sweden
        let facts = try await store.append([
            NewFact(recordedAt: epoch, actor: "webshop", body: .holding(swedish)), holding("customer:1", .name),
        ])
        let read = try await store.facts(about: "customer:1")
        #expect(read == facts)
        let regions = read.map { fact -> Region? in
            guard case .holding(let holding) = fact.body else { return nil }
            return holding.region
        }
        #expect(regions == [.sweden, nil])
        #expect(try await store.verify().count == 2)
    }

    static func settings(_ store: any LedgerStore) async throws {
        guard let store = store as? any LedgerSettingsStore else { return }
        #expect(try await store.loadSettings() == nil)
        var settings = LedgerSettings(defaultRegion: .finland)
        settings.retention.regions[.finland]?.consumerComplaint = .years(2)
        try await store.saveSettings(settings)
        #expect(try await store.loadSettings() == settings)
        try await store.saveSettings(.defaults)
        #expect(try await store.loadSettings() == .defaults)
        #expect(try await store.integrityHead() == .empty)
    }

    static func catalog(_ store: any LedgerStore) async throws {
        guard let store = store as? any LedgerCatalogStore else { return }
        #expect(try await store.loadCatalog() == nil)
        var catalog = Catalog.focusNordic
        catalog.add(
            SystemDefinition(
                "crm", label: [.english: "Customer relationship management", .norwegianBokmal: "Kunderegister"]))
        try await store.saveCatalog(catalog)
        #expect(try await store.loadCatalog() == catalog)
        var invalid = catalog
        invalid.purposes[.contactRegister]?.allowedCategories.insert("loyaltyNumber")
        await #expect(throws: CatalogError.self) { try await store.saveCatalog(invalid) }
        #expect(try await store.loadCatalog() == catalog)
        try await store.saveCatalog(.focusNordic)
        #expect(try await store.loadCatalog() == .focusNordic)
        #expect(try await store.integrityHead() == .empty)
    }

    static func emptyStore(_ store: any LedgerStore) async throws {
        #expect(try await store.integrityHead() == .empty)
        #expect(try await store.facts(from: 1, limit: 10).isEmpty)
        #expect(try await store.facts(about: "customer:1").isEmpty)
        #expect(try await store.verify() == .empty)
    }

    static func appendNumbers(_ store: any LedgerStore) async throws {
        let first = try await store.append([holding("customer:1"), holding("customer:2", .name, value: "Kari")])
        #expect(first.map(\.sequence) == [1, 2])
        #expect(first[0].draft == holding("customer:1"))
        let second = try await store.append([holding("customer:1", .phone, value: "+4791234567", offset: 5)])
        #expect(second.map(\.sequence) == [3])
        let all = try await store.facts(from: 1, limit: 100)
        #expect(all == first + second)
        #expect(all[2].recordedAt == epoch.addingTimeInterval(5).truncatedToMilliseconds)
        #expect(try await store.integrityHead().count == 3)
        #expect(try await store.append([]).isEmpty)
        #expect(try await store.integrityHead().count == 3)
    }

    static func indexKeys(_ store: any LedgerStore) async throws {
        let grant = NewFact(
            recordedAt: epoch, actor: "ops",
            body: .accessGrant(
                AccessGrant(recipient: "backup-provider", system: "webshop.orders", occasion: .backup, from: epoch)))
        let delivered = NewFact(
            recordedAt: epoch, actor: "warehouse",
            body: .lifecycleEvent(LifecycleEvent(kind: .orderDelivered, reference: "order:50017", occurredAt: epoch)))
        let link = NewFact(
            recordedAt: epoch, actor: "b2b", body: .subjectLink(SubjectLink(subject: "customer:1", linked: "b2b:7")))
        let concerns = NewFact(
            recordedAt: epoch, actor: "service",
            body: .referenceLink(ReferenceLink(reference: "case:9001", concerns: "order:50017")))
        let recorded = try await store.append([
            holding("customer:1"), grant, holding("customer:2", reference: "order:50018"), delivered, link, concerns,
        ])
        #expect(try await store.facts(about: "customer:1").map(\.sequence) == [1, 5])
        #expect(try await store.facts(about: "b2b:7").map(\.sequence) == [5])
        // Read under the linked side's key, the link still names its other side.
        #expect(try await store.facts(about: "b2b:7").map(\.body.subjects) == [["customer:1", "b2b:7"]])
        #expect(try await store.facts(for: .reference("order:50017")).map(\.sequence) == [1, 4, 6])
        #expect(try await store.facts(for: .reference("case:9001")) == [recorded[5]])
        #expect(try await store.facts(for: .system("webshop.orders")).map(\.sequence) == [2])
        #expect(try await store.facts(for: .kind(.accessGrant)) == [recorded[1]])
        #expect(try await store.facts(about: "customer:3").isEmpty)
    }

    static func accountabilityKey(_ store: any LedgerStore) async throws {
        let issued = NewFact(
            recordedAt: epoch, actor: "dpo",
            body: .reportIssued(ReportIssued(subject: "customer:1", requestedBy: "dpo")))
        let recorded = try await store.append([holding("customer:1"), issued, issued, holding("customer:2")])
        #expect(try await store.facts(about: "customer:1").map(\.sequence) == [1])
        #expect(try await store.facts(for: .accountability("customer:1")) == [recorded[1], recorded[2]])
        #expect(try await store.facts(for: .accountability("customer:2")).isEmpty)
    }

    static func rangeReads(_ store: any LedgerStore) async throws {
        _ = try await store.append((0..<10).map { holding("customer:\($0)", offset: $0) })
        #expect(try await store.facts(from: 4, limit: 3).map(\.sequence) == [4, 5, 6])
        #expect(try await store.facts(from: 9, limit: 10).map(\.sequence) == [9, 10])
        #expect(try await store.facts(from: 11, limit: 10).isEmpty)
        #expect(try await store.facts(from: 1, limit: 0).isEmpty)
    }

    static func eraseValues(_ store: any LedgerStore) async throws {
        _ = try await store.append([
            holding("customer:1"), holding("customer:1", .name, value: "Kari Nordmann"),
            holding("customer:2", .name, value: "Ola Nordmann"),
        ])
        let recorded = try await store.erase(
            ErasureScope(subject: "customer:1", values: [1], erasesIdentifier: false),
            recording: erasureFact("customer:1", erased: [1], identifier: false))
        #expect(recorded.sequence == 4)
        let facts = try await store.facts(about: "customer:1")
        #expect(facts.map(\.sequence) == [1, 2, 4])
        #expect(facts[0].body.personalValues == [.erased])
        #expect(facts[1].body.personalValues == [PersonalValue("Kari Nordmann")])
        #expect(try await store.facts(about: "customer:2")[0].body.personalValues == [PersonalValue("Ola Nordmann")])
        #expect(try await store.verify().count == 4)

        // An erasure that only records what a legal hold keeps erases nothing.
        let kept = try await store.erase(
            ErasureScope(subject: "customer:1", values: [], erasesIdentifier: false),
            recording: erasureFact("customer:1", erased: [], identifier: false))
        #expect(kept.sequence == 5)
        #expect(try await store.facts(about: "customer:1")[1].body.personalValues == [PersonalValue("Kari Nordmann")])
        #expect(try await store.verify().count == 5)
    }

    static func eraseIdentifier(_ store: any LedgerStore) async throws {
        _ = try await store.append([
            holding("customer:1"), holding("customer:2", .name, value: "Ola Nordmann"),
            NewFact(
                recordedAt: epoch, actor: "b2b", body: .subjectLink(SubjectLink(subject: "customer:1", linked: "b2b:7"))
            ),
            NewFact(
                recordedAt: epoch, actor: "dpo",
                body: .reportIssued(ReportIssued(subject: "customer:1", requestedBy: "dpo"))),
        ])
        let recorded = try await store.erase(
            ErasureScope(subject: "customer:1", values: [1], erasesIdentifier: true),
            recording: erasureFact("customer:1", erased: [1], identifier: true))
        #expect(recorded.body.subjects == [.erased])
        #expect(try await store.facts(about: "customer:1").isEmpty)
        #expect(try await store.facts(for: .accountability("customer:1")).isEmpty)
        let all = try await store.facts(from: 1, limit: 10)
        #expect(all.count == 5)
        // The report issued names no one any more, though it is indexed apart from the subject.
        #expect(all[3].body.subjects == [.erased])
        #expect(all[0].body.subjects == [.erased])
        #expect(all[0].body.personalValues == [.erased])
        #expect(all[1].body.subjects == ["customer:2"])
        #expect(all[2].body.subjects == [.erased, "b2b:7"])
        #expect(try await store.facts(about: "b2b:7").map(\.sequence) == [3])
        #expect(try await store.facts(about: "b2b:7").map(\.body.subjects) == [[.erased, "b2b:7"]])
        #expect(try await store.verify().count == 5)
    }

    static func eraseLookupToken(_ store: any LedgerStore) async throws {
        var withToken = holding("customer:1")
        var other = holding("customer:2")
        if case .holding(var body) = withToken.body {
            body.lookupToken = PersonalValue("5f2c0e")
            withToken.body = .holding(body)
        }
        if case .holding(var body) = other.body {
            body.lookupToken = PersonalValue("5f2c0e")
            other.body = .holding(body)
        }
        _ = try await store.append([withToken, other])
        #expect(try await store.facts(for: .lookup("5f2c0e")).map(\.sequence) == [1, 2])
        _ = try await store.erase(
            ErasureScope(subject: "customer:1", values: [1], erasesIdentifier: false),
            recording: erasureFact("customer:1", erased: [1], identifier: false))
        #expect(try await store.facts(for: .lookup("5f2c0e")).map(\.sequence) == [2])
        guard case .holding(let erased) = try await store.facts(about: "customer:1")[0].body else {
            Issue.record("fact 1 is no longer a holding")
            return
        }
        #expect(erased.lookupToken == .erased)
        #expect(try await store.verify().count == 3)
    }

    static func eraseTwice(_ store: any LedgerStore) async throws {
        _ = try await store.append([holding("customer:1")])
        for _ in 0..<2 {
            _ = try await store.erase(
                ErasureScope(subject: "customer:1", values: [1], erasesIdentifier: false),
                recording: erasureFact("customer:1", erased: [1], identifier: false))
        }
        #expect(try await store.facts(about: "customer:1")[0].body.personalValues == [.erased])
        #expect(try await store.verify().count == 3)
    }

    static func eraseForeignFact(_ store: any LedgerStore) async throws {
        _ = try await store.append([holding("customer:1"), holding("customer:2")])
        let before = try await store.integrityHead()
        await #expect(throws: LedgerStoreError.self) {
            _ = try await store.erase(
                ErasureScope(subject: "customer:1", values: [2], erasesIdentifier: false),
                recording: erasureFact("customer:1", erased: [2], identifier: false))
        }
        #expect(try await store.integrityHead() == before)
        #expect(
            try await store.facts(about: "customer:2")[0].body.personalValues == [
                PersonalValue("kari.nordmann@example.no")
            ])
    }

    static func eraseResolvedTooEarly(_ store: any LedgerStore) async throws {
        _ = try await store.append([holding("customer:1")])
        // Another writer's holding about the same subject, after the scope was resolved through fact 1.
        _ = try await store.append([holding("customer:1", .name, value: "Kari Nordmann")])
        let before = try await store.integrityHead()
        let refusal = await #expect(throws: LedgerStoreError.self) {
            _ = try await store.erase(
                ErasureScope(subject: "customer:1", values: [1], erasesIdentifier: true, resolvedThrough: 1),
                recording: erasureFact("customer:1", erased: [1], identifier: true))
        }
        #expect(refusal?.code == .conflict)
        #expect(refusal?.message.contains("Fact 2") == true)
        #expect(refusal?.message.contains("Kari") == false)
        #expect(try await store.integrityHead() == before)
        #expect(
            try await store.facts(about: "customer:1").map(\.body.personalValues) == [
                [PersonalValue("kari.nordmann@example.no")], [PersonalValue("Kari Nordmann")],
            ])

        // Facts about someone else, and reports issued, are not the subject's history: no conflict.
        _ = try await store.append([
            holding("customer:2"),
            NewFact(
                recordedAt: epoch, actor: "dpo",
                body: .reportIssued(ReportIssued(subject: "customer:1", requestedBy: "dpo"))),
        ])
        let recorded = try await store.erase(
            ErasureScope(subject: "customer:1", values: [1, 2], erasesIdentifier: true, resolvedThrough: 2),
            recording: erasureFact("customer:1", erased: [1, 2], identifier: true))
        #expect(recorded.sequence == 5)
        #expect(try await store.facts(about: "customer:1").isEmpty)
        #expect(try await store.facts(from: 1, limit: 2).allSatisfy { $0.body.personalValues == [.erased] })
        #expect(try await store.verify().count == 5)
    }

    static func integrity(_ store: any LedgerStore) async throws {
        _ = try await store.append([holding("customer:1"), holding("customer:2")])
        let checkpoint = try await store.integrityHead()
        #expect(checkpoint.count == 2)
        #expect(checkpoint != .empty)
        _ = try await store.append([holding("customer:3")])
        let head = try await store.verify(against: checkpoint)
        #expect(head.count == 3)
        #expect(head.hash != checkpoint.hash)
        var forged = checkpoint
        forged.hash = String(repeating: "a", count: 64)
        await #expect(throws: LedgerStoreError.self) { try await store.verify(against: forged) }
        let ahead = IntegrityHead(count: 10, hash: checkpoint.hash)
        await #expect(throws: LedgerStoreError.self) { try await store.verify(against: ahead) }
    }

    static func committedRoundTrip(_ store: any LedgerStore) async throws {
        let source = try await committedSource()
        let committed = try await source.committedFacts(from: 1, limit: 100)
        #expect(committed.count == 7)
        for part in [committed[0..<3], committed[3...]] {
            let appended = try await store.append(part.map(\.fact.draft), committedAs: part.map(\.fields))
            #expect(appended.map(\.sequence) == part.map(\.fact.sequence))
        }
        let head = try await source.integrityHead()
        #expect(try await store.integrityHead() == head)
        #expect(try await store.facts(from: 1, limit: 100) == source.facts(from: 1, limit: 100))
        #expect(try await store.committedFacts(from: 1, limit: 100) == committed)
        #expect(try await store.committedFacts(from: 6, limit: 1) == Array(committed[5...5]))
        #expect(try await store.verify(against: head) == head)
        #expect(try await store.facts(about: "customer:2").map(\.sequence) == [7])
        #expect(try await store.facts(about: "b2b:7").map(\.sequence) == [3])
        #expect(try await store.facts(for: .lookup("5f2c0e")).isEmpty)
        // The store goes on as usual: an append and an erasure after the import verify.
        _ = try await store.append([holding("customer:2", .email, offset: 2)])
        _ = try await store.erase(
            ErasureScope(subject: "customer:2", values: [7], erasesIdentifier: true),
            recording: erasureFact("customer:2", erased: [7], identifier: true))
        #expect(try await store.verify(against: head).count == 9)
    }

    static func committedRefusals(_ store: any LedgerStore) async throws {
        let salt = { (byte: UInt8) in [UInt8](repeating: byte, count: FactChain.saltLength) }
        let commitment = [UInt8](repeating: 7, count: FactChain.commitmentLength)
        let refused: [([NewFact], [[FieldCommitment]])] = [
            ([holding("customer:1")], [[.salted(salt(1))]]),
            ([holding("customer:1")], [[.salted(salt(1)), .erased(commitment: commitment)]]),
            ([holding("customer:1")], [[.erased(commitment: commitment), .salted(salt(2))]]),
            ([holding("customer:1")], [[.salted(salt(1)), .salted([1, 2, 3])]]),
            ([holding("customer:1"), holding("customer:2")], [[.salted(salt(1)), .salted(salt(2))]]),
        ]
        for (facts, fields) in refused {
            await #expect(throws: LedgerStoreError.self) { try await store.append(facts, committedAs: fields) }
        }
        #expect(try await store.integrityHead() == .empty)
        _ = try await store.append([holding("customer:1")], committedAs: [[.salted(salt(1)), .salted(salt(2))]])
        let head = try await store.integrityHead()
        // A subject the store holds keeps its salt: another one is refused, and the batch with it.
        await #expect(throws: LedgerStoreError.self) {
            try await store.append(
                [holding("customer:2"), holding("customer:1")],
                committedAs: [[.salted(salt(3)), .salted(salt(4))], [.salted(salt(5)), .salted(salt(6))]])
        }
        #expect(try await store.integrityHead() == head)
        #expect(try await store.facts(about: "customer:2").isEmpty)
        _ = try await store.append([holding("customer:1")], committedAs: [[.salted(salt(1)), .salted(salt(6))]])
        #expect(try await store.verify().count == 2)
    }

    static func concurrentBatches(_ store: any LedgerStore) async throws {
        let batches = try await withThrowingTaskGroup(of: [Fact].self) { group in
            for writer in 0..<16 {
                group.addTask {
                    try await store.append((0..<4).map { holding("customer:\(writer)", offset: $0) })
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for batch in batches {
            let sequences = batch.map(\.sequence)
            #expect(sequences == Array(sequences[0]..<(sequences[0] + 4)), "a batch was interleaved")
        }
        #expect(Set(batches.flatMap { $0.map(\.sequence) }) == Set(1...64))
        #expect(try await store.verify().count == 64)
    }

    static func readersSeeWholeBatches(_ store: any LedgerStore) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for writer in 0..<20 {
                    _ = try await store.append((0..<5).map { holding("customer:\(writer)", offset: $0) })
                }
            }
            group.addTask {
                for round in 0..<200 {
                    let facts = try await store.facts(about: SubjectID("customer:\(round % 20)"))
                    #expect(facts.count == 0 || facts.count == 5, "a reader saw part of a batch")
                    let all = try await store.facts(from: 1, limit: 1000)
                    #expect(all.count % 5 == 0, "a range read saw part of a batch")
                }
            }
            try await group.waitForAll()
        }
    }
}
