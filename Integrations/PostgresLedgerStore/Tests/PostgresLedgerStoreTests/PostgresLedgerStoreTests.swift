import Foundation
import Logging
import PersonalDataLedger
import PersonalDataLedgerTesting
import PostgresNIO
import Synchronization
import Testing

@testable import PostgresLedgerStore

@Suite(.enabled(if: TestServer.isAvailable, TestServer.skipReason), .serialized)
struct PostgresLedgerStoreTests {
    static let epoch = Date(timeIntervalSince1970: 1_772_442_000)

    static func holding(_ subject: String, _ value: String, category: DataCategory = .email) -> NewFact {
        NewFact(
            recordedAt: epoch, actor: "webshop",
            body: .holding(
                Holding(
                    subject: SubjectID(subject), category: category, system: "webshop.orders",
                    purpose: .customerAccountAndOrders, basis: .contract, source: .dataSubject,
                    reference: "order:50017", value: PersonalValue(value))))
    }

    @Test func conformance() async throws {
        try await TestServer.withClient { client in
            let key = KeyEncryptionKey.random()
            try await LedgerStoreConformance.run {
                try await PostgresLedgerStore.open(
                    client: client, keyEncryptionKey: key, schema: TestServer.uniqueSchema())
            }
            // Services and the DPO share the ledger: an erasure resolved too early is refused.
            for check in LedgerStoreConformance.sharedStoreChecks {
                await check.run(
                    against: try await PostgresLedgerStore.open(
                        client: client, keyEncryptionKey: key, schema: TestServer.uniqueSchema()))
            }
        }
    }

    @Test func aRetriedCommitWhoseAcknowledgementWasLostIsNotRecordedTwice() async throws {
        try await TestServer.withClient { client in
            let lost = LostOnce()
            let store = try await PostgresLedgerStore.open(
                client: client, keyEncryptionKey: .random(), schema: TestServer.uniqueSchema(),
                logger: Logger(label: "test"), afterCommit: { try lost.fire() })
            let recorded = try await store.append([Self.holding("customer:1", "kari@example.no")])
            #expect(recorded.map(\.sequence) == [1])
            #expect(try await store.integrityHead().count == 1)
            #expect(try await store.facts(from: 1, limit: 10).count == 1)
            #expect(lost.fired)
        }
    }

    @Test func theHeadRebuildsFromTheStoredCommitmentsAndAnAlteredOneBreaksIt() async throws {
        try await TestServer.withClient { client in
            let schema = TestServer.uniqueSchema()
            let store = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: .random(), schema: schema)
            let facts = [Self.holding("customer:1", "kari@example.no"), Self.holding("customer:2", "ola@example.no")]
            _ = try await store.append(facts)
            // verify() rebuilds every canonical encoding from the blanked body and the stored
            // commitments alone (FactChain), and links them from the empty head.
            let head = try await store.verify()
            #expect(head == (try await store.integrityHead()))
            #expect(head.count == 2)
            #expect(head != .empty)
            try await client.query(
                """
                UPDATE \(unescaped: schema).facts
                SET commitments = set_byte(commitments, 1, get_byte(commitments, 1) # 1) WHERE seq = 1
                """)
            await #expect(throws: LedgerStoreError.self) { try await store.verify() }
        }
    }

    @Test func noPlaintextValueOrIdentifierReachesTheDatabaseClusterBeforeOrAfterErasure() async throws {
        guard let data = TestServer.environment["POSTGRES_DATA_DIRECTORY"] else { return }
        let marker = "zq\(UInt32.random(in: 100_000...999_999))"
        let email = "\(marker).nordmann@example.no"
        let subject = "customer:\(marker)"
        let erased = "customer:\(marker)-erased"
        let erasedEmail = "\(marker).erased@example.no"
        try await TestServer.withClient { client in
            let schema = TestServer.uniqueSchema()
            let store = try await PostgresLedgerStore.open(
                client: client, keyEncryptionKey: .random(), schema: schema)
            var erasedFacts: Set<UInt64> = []
            for round in 0..<20 {
                let recorded = try await store.append([
                    Self.holding(subject, email),
                    Self.holding("\(subject)-\(round)", "\(marker) Nordmann", category: .name),
                    Self.holding(erased, erasedEmail),
                ])
                erasedFacts.insert(recorded[2].sequence)
            }
            try await client.query("CHECKPOINT")
            #expect(try PlaintextSearch.files(under: data, containing: [marker]).isEmpty)

            let erasure = NewFact(
                recordedAt: Self.epoch, actor: "dpo",
                body: .erasure(
                    Erasure(
                        subject: SubjectID(erased), reason: .subjectRequest, erased: erasedFacts.sorted(),
                        identifierErased: true)))
            _ = try await store.erase(
                ErasureScope(subject: SubjectID(erased), values: erasedFacts, erasesIdentifier: true),
                recording: erasure)
            try await client.query("CHECKPOINT")
            #expect(try await store.facts(about: SubjectID(erased)).isEmpty)
            let remaining = try await store.facts(from: 1, limit: 1_000).filter { erasedFacts.contains($0.sequence) }
            #expect(remaining.allSatisfy { $0.body.personalValues == [.erased] && $0.body.subjects == [.erased] })
            // The erased subject's key, identity and values are gone from the live tables.
            let rows = try await client.query(
                """
                SELECT (SELECT count(*) FROM \(unescaped: schema).subjects WHERE wrapped_key IS NULL AND identity IS NULL),
                       (SELECT count(*) FROM \(unescaped: schema).vault v JOIN \(unescaped: schema).subjects s
                            ON s.number = v.subject WHERE s.wrapped_key IS NULL)
                """)
            for try await (shredded, orphans) in rows.decode((Int64, Int64).self) {
                #expect(shredded == 1)
                #expect(orphans == 0)
            }
            #expect(try await store.verify().count == 61)
        }
        let hits = try PlaintextSearch.files(under: data, containing: [marker, email, erasedEmail, erased])
        #expect(hits.isEmpty, "plaintext found in \(hits)")
    }

    @Test func erasureShredsTheValueAndTheChainStillVerifies() async throws {
        try await TestServer.withClient { client in
            let store = try await PostgresLedgerStore.open(
                client: client, keyEncryptionKey: .random(), schema: TestServer.uniqueSchema())
            let kept = try await store.append([Self.holding("customer:7", "kari@example.no")])[0]
            let gone = try await store.append([Self.holding("customer:7", "old@example.no")])[0]
            let erasure = NewFact(
                recordedAt: Self.epoch, actor: "dpo",
                body: .erasure(
                    Erasure(
                        subject: "customer:7", reason: .subjectRequest, erased: [gone.sequence], identifierErased: false
                    )))
            _ = try await store.erase(
                ErasureScope(subject: "customer:7", values: [gone.sequence], erasesIdentifier: false),
                recording: erasure)
            let facts = try await store.facts(about: "customer:7")
            #expect(
                facts.first { $0.sequence == kept.sequence }?.body.personalValues == [PersonalValue("kari@example.no")])
            #expect(facts.first { $0.sequence == gone.sequence }?.body.personalValues == [.erased])
            #expect(try await store.verify().count == 3)
        }
    }

    @Test func aWrongKeyFileIsRefusedByName() async throws {
        try await TestServer.withClient { client in
            let schema = TestServer.uniqueSchema()
            _ = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: .random(), schema: schema)
            let error = await #expect(throws: LedgerStoreError.self) {
                try await PostgresLedgerStore.open(client: client, keyEncryptionKey: .random(), schema: schema)
            }
            #expect(error?.message.contains("not this ledger's") == true)
        }
    }

    @Test func aLedgerExistsOnlyOnceOpened() async throws {
        try await TestServer.withClient { client in
            let schema = TestServer.uniqueSchema()
            #expect(try await PostgresLedgerStore.ledgerExists(client: client, schema: schema) == false)
            _ = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: .random(), schema: schema)
            #expect(try await PostgresLedgerStore.ledgerExists(client: client, schema: schema))
        }
    }

    @Test func aRotatedKeyOpensTheLedgerAndTheOldOneNoLonger() async throws {
        try await TestServer.withClient { client in
            let schema = TestServer.uniqueSchema()
            let old = KeyEncryptionKey.random()
            let store = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: old, schema: schema)
            _ = try await store.append([Self.holding("customer:9", "kari@example.no")])
            let new = KeyEncryptionKey.random()
            #expect(try await store.rotateKeyEncryptionKey(to: new) == 1)
            let reopened = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: new, schema: schema)
            #expect(
                try await reopened.facts(about: "customer:9").first?.body.personalValues == [
                    PersonalValue("kari@example.no")
                ])
            await #expect(throws: LedgerStoreError.self) {
                try await PostgresLedgerStore.open(client: client, keyEncryptionKey: old, schema: schema)
            }
        }
    }

    @Test func concurrentAppendsShareGroupsAndStayGapless() async throws {
        try await TestServer.withClient { client in
            let store = try await PostgresLedgerStore.open(
                client: client, keyEncryptionKey: .random(), schema: TestServer.uniqueSchema())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<16 {
                    group.addTask {
                        for round in 0..<10 {
                            _ = try await store.append([
                                Self.holding("customer:\(writer)", "w\(writer)r\(round)@example.no")
                            ])
                        }
                    }
                }
                try await group.waitForAll()
            }
            let all = try await store.facts(from: 1, limit: 1_000)
            #expect(all.map(\.sequence) == Array(1...160))
            #expect(try await store.verify().count == 160)
        }
    }
}

/// Throws a simulated connection loss the first time it fires, after the commit went through.
final class LostOnce: Sendable {
    private let state = Mutex(false)
    var fired: Bool { state.withLock { $0 } }
    func fire() throws {
        let first = state.withLock { fired -> Bool in
            defer { fired = true }
            return !fired
        }
        if first { throw SimulatedConnectionLoss() }
    }
}

/// Byte search through every file under a directory.
enum PlaintextSearch {
    static func files(under root: String, containing markers: [String]) throws -> [String] {
        var hits: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            for marker in markers where data.range(of: Data(marker.utf8)) != nil { hits.append(relative) }
        }
        return hits
    }
}
