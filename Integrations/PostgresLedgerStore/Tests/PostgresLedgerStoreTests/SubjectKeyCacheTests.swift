import Foundation
import PersonalDataLedger
import PostgresNIO
import Testing

@testable import PostgresLedgerStore

/// A data key one store has opened and keeps (``SubjectKeyCache``) is never used once another
/// store — another process, with a client of its own — erased or replaced it.
@Suite(.enabled(if: TestServer.isAvailable, TestServer.skipReason), .serialized)
struct SubjectKeyCacheAcrossProcessesTests {
    static func erasure(of subject: SubjectID, _ sequences: [UInt64], identifier: Bool) -> NewFact {
        NewFact(
            recordedAt: PostgresLedgerStoreTests.epoch, actor: "dpo",
            body: .erasure(
                Erasure(subject: subject, reason: .subjectRequest, erased: sequences, identifierErased: identifier)))
    }

    /// Two stores on one ledger, each with its own client, as two processes have.
    static func withTwoStores(
        _ body: @Sendable (PostgresLedgerStore, PostgresLedgerStore) async throws -> Void
    ) async throws {
        let schema = TestServer.uniqueSchema()
        let key = KeyEncryptionKey.random()
        try await TestServer.withClient { first in
            try await TestServer.withClient { second in
                let writer = try await PostgresLedgerStore.open(client: first, keyEncryptionKey: key, schema: schema)
                let dpo = try await PostgresLedgerStore.open(client: second, keyEncryptionKey: key, schema: schema)
                try await body(writer, dpo)
            }
        }
    }

    @Test func aKeyReplacedByAnotherProcessIsNotUsedForTheNextValue() async throws {
        try await Self.withTwoStores { writer, dpo in
            let kari: SubjectID = "customer:31"
            let first = try await writer.append([PostgresLedgerStoreTests.holding("customer:31", "old@example.no")])
            _ = try await writer.append([PostgresLedgerStoreTests.holding("customer:31", "kari@example.no")])
            #expect(writer.keyCache.holds(1))
            // Erasing one value seals the subject's other values under a new data key.
            _ = try await dpo.erase(
                ErasureScope(subject: kari, values: [first[0].sequence], erasesIdentifier: false),
                recording: Self.erasure(of: kari, [first[0].sequence], identifier: false))
            // Sealed under the old key, this value would not open for anyone reading the row.
            _ = try await writer.append([PostgresLedgerStoreTests.holding("customer:31", "new@example.no")])
            let values = try await dpo.facts(about: kari).flatMap(\.body.personalValues)
            #expect(values == [.erased, PersonalValue("kari@example.no"), PersonalValue("new@example.no")])
            #expect(try await writer.facts(about: kari).flatMap(\.body.personalValues) == values)
        }
    }

    @Test func aKeyDestroyedByAnotherProcessIsDroppedAndTheSubjectStartsAnew() async throws {
        try await Self.withTwoStores { writer, dpo in
            let ola: SubjectID = "customer:32"
            let recorded = try await writer.append([PostgresLedgerStoreTests.holding("customer:32", "ola@example.no")])
            #expect(writer.keyCache.holds(1))
            _ = try await dpo.erase(
                ErasureScope(subject: ola, values: [recorded[0].sequence], erasesIdentifier: true),
                recording: Self.erasure(of: ola, [recorded[0].sequence], identifier: true))
            // The writer meets the row without its key and drops what it held.
            let old = try await writer.facts(from: recorded[0].sequence, limit: 1)
            #expect(old.first?.body.personalValues == [.erased])
            #expect(old.first?.body.subjects == [.erased])
            #expect(!writer.keyCache.holds(1))
            // Recorded again, the identifier is a new subject with a key of its own.
            let again = try await writer.append([PostgresLedgerStoreTests.holding("customer:32", "ola2@example.no")])
            #expect(try await dpo.facts(about: ola).map(\.sequence) == [again[0].sequence])
            #expect(
                try await dpo.facts(about: ola).flatMap(\.body.personalValues) == [PersonalValue("ola2@example.no")])
            #expect(try await dpo.verify().count == 3)
        }
    }

    @Test func theErasingProcessDropsItsEntryAtOnce() async throws {
        try await Self.withTwoStores { writer, _ in
            let liv: SubjectID = "customer:33"
            let recorded = try await writer.append([PostgresLedgerStoreTests.holding("customer:33", "liv@example.no")])
            #expect(writer.keyCache.holds(1))
            _ = try await writer.erase(
                ErasureScope(subject: liv, values: [recorded[0].sequence], erasesIdentifier: true),
                recording: Self.erasure(of: liv, [recorded[0].sequence], identifier: true))
            #expect(!writer.keyCache.holds(1))
        }
    }
}

/// The cache's own rules, without a server.
@Suite struct SubjectKeyCacheTests {
    @Test(arguments: [1, 3])
    func aFullCacheIsEmptiedAndStaysWithinItsCapacity(capacity: Int) throws {
        let cache = SubjectKeyCache(capacity: capacity)
        let row = SubjectRow(number: 0, seal: .random(), salt: [], isNew: false)
        for number in Int64(1)...Int64(capacity + 1) {
            cache.remember(
                SubjectKeyCache.Opened(row: row, subject: "customer:1"), number: number, wrapped: [1], identity: [2])
        }
        #expect(cache.holds(Int64(capacity + 1)))
        #expect((1...Int64(capacity)).allSatisfy { !cache.holds($0) })
        // Other bytes for the same row: not used, and dropped.
        #expect(cache.opened(number: Int64(capacity + 1), wrapped: [9], identity: [2]) == nil)
        #expect(!cache.holds(Int64(capacity + 1)))
    }
}
