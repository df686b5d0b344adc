import Foundation
import PersonalDataLedger
import PostgresNIO
import Testing

@testable import PostgresLedgerStore

/// The append lock (``Schema/appendLock``) is held from `begin_append` to the commit of the
/// statement that writes, and never stays with a connection after an append failed in between.
@Suite(.enabled(if: TestServer.isAvailable, TestServer.skipReason), .serialized)
struct AppendLockTests {
    /// Holds of `schema`'s append lock in the whole server, by any connection.
    static func appendLockHolds(_ client: PostgresClient, schema: String) async throws -> Int64 {
        let key = UInt64(bitPattern: try Schema(schema).appendLock)
        let rows = try await client.query(
            """
            SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
                AND classid = \(unescaped: String(key >> 32))::oid AND objid = \(unescaped: String(key & 0xffff_ffff))::oid
            """)
        for try await (count) in rows.decode(Int64.self) { return count }
        return 0
    }

    @Test(.timeLimit(.minutes(1)))
    func anAppendRefusedUnderTheLockGivesItUpAndOthersGoOn() async throws {
        let schema = TestServer.uniqueSchema()
        let old = KeyEncryptionKey.random()
        let new = KeyEncryptionKey.random()
        try await TestServer.withClient { first in
            try await TestServer.withClient { second in
                let stale = try await PostgresLedgerStore.open(client: first, keyEncryptionKey: old, schema: schema)
                _ = try await stale.append([PostgresLedgerStoreTests.holding("customer:41", "kari@example.no")])
                let rotating = try await PostgresLedgerStore.open(client: second, keyEncryptionKey: old, schema: schema)
                try await rotating.rotateKeyEncryptionKey(to: new)
                let current = try await PostgresLedgerStore.open(client: second, keyEncryptionKey: new, schema: schema)
                // The stale store learns of the rotation under the append lock, and refuses.
                for round in 0..<3 {
                    let error = await #expect(throws: LedgerStoreError.self) {
                        try await stale.append([
                            PostgresLedgerStoreTests.holding("customer:41", "r\(round)@example.no")
                        ])
                    }
                    #expect(error?.message.contains("rotated") == true)
                    #expect(try await Self.appendLockHolds(first, schema: schema) == 0)
                }
                // Another process appends at once: the lock was given up.
                let recorded = try await current.append([
                    PostgresLedgerStoreTests.holding("customer:41", "ola@example.no")
                ])
                #expect(recorded.map(\.sequence) == [2])
                #expect(try await Self.appendLockHolds(first, schema: schema) == 0)
                #expect(try await current.verify().count == 2)
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func finishAppendRefusesAHeadThatMovedAndWritesNothing() async throws {
        try await TestServer.withClient { client in
            let schema = TestServer.uniqueSchema()
            let store = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: .random(), schema: schema)
            _ = try await store.append([PostgresLedgerStoreTests.holding("customer:42", "kari@example.no")])
            // finish_append refuses a head that is not where begin_append read it.
            await #expect(throws: PSQLError.self) {
                let rows = try await client.query(
                    "SELECT \(unescaped: schema).finish_append(0, 1, '\\x00'::bytea, false)")
                for try await _ in rows {}
            }
            #expect(try await store.integrityHead().count == 1)
            let recorded = try await store.append([PostgresLedgerStoreTests.holding("customer:42", "ola@example.no")])
            #expect(recorded.map(\.sequence) == [2])
            #expect(try await store.verify().count == 2)
        }
    }
}
