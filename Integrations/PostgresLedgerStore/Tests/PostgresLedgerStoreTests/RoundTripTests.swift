import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
import PostgresNIO
import Testing

@testable import PostgresLedgerStore

// A ledger moves from a directory into PostgreSQL, and back out, keeping its chain.
extension PostgresLedgerStoreTests {
    static let kari: SubjectID = "customer:10001"
    static let ola: SubjectID = "customer:10002"

    /// A file ledger with a request, an erased value and an erased identifier; its facts and head.
    static func fileLedgerExport(key: IdentifierKey? = nil) async throws -> (
        export: Data, facts: [Fact], head: IntegrityHead
    ) {
        let directory = FileManager.default.temporaryDirectory.appending(path: "pdl-roundtrip-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try FileLedgerStore(directory: directory)
        let ledger = Ledger(store: store, catalog: .focusNordic, clock: .fixed(epoch), identifierKey: key)
        try await ledger.publishPolicy(
            version: "2018-05-25", effectiveFrom: epoch.addingTimeInterval(-86_400), isMajor: true)
        for (subject, email) in [(kari, "kari@example.no"), (ola, "ola@example.no")] {
            try await ledger.record(
                [.name("Kari Nordmann"), .phone("+47 912 34 567"), .email(email)], about: subject,
                in: "webshop.orders", for: .customerAccountAndOrders, reference: "order:50017")
        }
        try await ledger.receiveRequest(id: "gdpr-1", from: kari, kind: .erasure, receivedOn: epoch)
        for (subject, values, identifier) in [(kari, Set<UInt64>([3]), false), (ola, Set<UInt64>([5, 6, 7]), true)] {
            _ = try await store.erase(
                ErasureScope(subject: subject, values: values, erasesIdentifier: identifier),
                recording: NewFact(
                    recordedAt: epoch, actor: "dpo",
                    body: .erasure(
                        Erasure(
                            subject: subject, reason: .subjectRequest, erased: values.sorted(),
                            identifierErased: identifier))))
        }
        let export = try await ledger.exportFacts()
        let facts = try await store.facts(from: 1, limit: 100)
        let head = try await store.verify()
        try await store.close()
        return (export, facts, head)
    }

    @Test func aFileLedgersExportImportsIntoPostgreSQLWithTheSameHead() async throws {
        let (export, facts, head) = try await Self.fileLedgerExport()
        try await TestServer.withClient { client in
            let store = try await PostgresLedgerStore.open(
                client: client, keyEncryptionKey: .random(), schema: TestServer.uniqueSchema("rt"))
            let ledger = Ledger(store: store, catalog: .focusNordic, clock: .fixed(Self.epoch))
            let summary = try await ledger.importFacts(jsonLines: export, batchSize: 3)
            #expect(summary.chain == .keep)
            #expect(try await store.integrityHead() == head)
            #expect(try await store.verify(against: head) == head)
            #expect(try await store.facts(from: 1, limit: 100) == facts)
            #expect(try await store.facts(about: Self.ola).isEmpty)
            #expect(try await ledger.requests().map(\.id) == ["gdpr-1"])
            // Importing it again changes nothing.
            #expect(try await ledger.importFacts(jsonLines: export).imported == 0)

            // And out again: PostgreSQL's export imports into memory with the same head.
            let back = InMemoryLedgerStore()
            let exportedAgain = try await ledger.exportFacts()
            try await Ledger(store: back, catalog: .focusNordic, clock: .fixed(Self.epoch))
                .importFacts(jsonLines: exportedAgain)
            #expect(try await back.verify(against: head) == head)
            #expect(try await back.facts(from: 1, limit: 100) == facts)
        }
    }

    /// Rows written before the binary body hold the blanked fact as JSON (sorted keys, dates as
    /// the bits of their `timeIntervalSinceReferenceDate`); a ledger of such rows reads and
    /// verifies as it did.
    @Test func factsWhoseBodiesAreTheEarlierJSONReadAndVerifyAsBefore() async throws {
        let (export, facts, head) = try await Self.fileLedgerExport()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSinceReferenceDate.bitPattern)
        }
        try await TestServer.withClient { client in
            let schema = TestServer.uniqueSchema("json")
            let store = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: .random(), schema: schema)
            try await Ledger(store: store, catalog: .focusNordic, clock: .fixed(Self.epoch))
                .importFacts(jsonLines: export)
            for fact in facts {
                let blanked = NewFact(
                    recordedAt: fact.recordedAt, actor: fact.actor,
                    body: fact.body.mappingPersonalData(values: { _ in .erased }, subjects: { _ in .erased }))
                let json = ByteBuffer(bytes: try encoder.encode(blanked))
                try await client.query(
                    "UPDATE \(unescaped: schema).facts SET body = \(json) WHERE seq = \(Int64(fact.sequence))")
            }
            let rows = try await client.query(
                "SELECT count(*) FROM \(unescaped: schema).facts WHERE get_byte(body, 0) = 123")
            var jsonRows = 0
            for try await count in rows.decode(Int64.self) { jsonRows = Int(count) }
            #expect(jsonRows == facts.count)
            #expect(try await store.facts(from: 1, limit: 100) == facts)
            #expect(try await store.verify(against: head) == head)
        }
    }

    /// A file ledger's lookup tokens are keyed: PostgreSQL adopts the key, then keeps the chain.
    @Test func aLedgerWithLookupTokensMovesIntoPostgreSQLAfterAdoptingItsIdentifierKey() async throws {
        let bytes = [UInt8](repeating: 5, count: IdentifierKey.byteCount)
        let key = try IdentifierKey(bytes: bytes)
        let (export, facts, head) = try await Self.fileLedgerExport(key: key)
        try await TestServer.withClient { client in
            let schema = TestServer.uniqueSchema("rtkey")
            let kek = KeyEncryptionKey.random()
            let fresh = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: kek, schema: schema)
            let refused = await #expect(throws: LedgerError.self) {
                try await Ledger(store: fresh, catalog: .focusNordic, identifierKey: fresh.identifierKey)
                    .importFacts(jsonLines: export)
            }
            #expect(refused?.message.contains("another identifier key") == true)
            try await fresh.adoptIdentifierKey(bytes: bytes)
            let store = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: kek, schema: schema)
            #expect(store.identifierKey.fingerprint == key.fingerprint)
            let ledger = Ledger(
                store: store, catalog: .focusNordic, clock: .fixed(Self.epoch), identifierKey: store.identifierKey)
            let summary = try await ledger.importFacts(jsonLines: export)
            #expect(summary.chain == .keep)
            #expect(try await store.verify(against: head) == head)
            #expect(try await store.facts(from: 1, limit: 100) == facts)
            #expect(try await ledger.find(email: "kari@example.no").map(\.subject) == [Self.kari])
            // A ledger with facts adopts no key; a rotation keeps the adopted one.
            await #expect(throws: LedgerStoreError.self) { try await store.adoptIdentifierKey(bytes: bytes) }
            let newKEK = KeyEncryptionKey.random()
            try await store.rotateKeyEncryptionKey(to: newKEK)
            let rotated = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: newKEK, schema: schema)
            #expect(rotated.identifierKey.fingerprint == key.fingerprint)
        }
    }
}
