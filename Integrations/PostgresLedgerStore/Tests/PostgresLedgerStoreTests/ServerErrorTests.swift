import Foundation
import Logging
import PersonalDataLedger
import PostgresNIO
import Testing

@testable import PostgresLedgerStore

/// A write the server refuses part-way — a trigger the test installs raises inside the statement
/// — throws, naming the server's own SQLSTATE, and leaves the ledger as it was: nothing is
/// acknowledged that is not in the database.
enum RefusedWrite: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// An append, refused by the statement that writes its rows (its result rows are not needed).
    case append
    /// An import's append with given commitments, refused the same way.
    case appendWithGivenCommitments
    /// An append refused at `COMMIT`, by a deferred constraint trigger.
    case appendAtCommit
    /// An erasure of one value, refused by the statement that writes the erasure fact.
    case eraseValue
    /// An erasure of the identifier, refused by the statement that writes the erasure fact.
    case eraseIdentifier
    /// A key rotation, refused while it wraps the data keys again.
    case rotate

    var testDescription: String { rawValue }

    static let sqlState = "PX001"

    /// The table whose trigger refuses the write.
    var table: String { self == .rotate ? "subjects" : "facts" }

    /// The trigger that refuses the write, in `schema`.
    func trigger(in schema: String) -> String {
        switch self {
        case .append, .appendWithGivenCommitments, .eraseValue, .eraseIdentifier:
            "CREATE TRIGGER refuse BEFORE INSERT ON \(schema).\(table) FOR EACH ROW EXECUTE FUNCTION \(schema).refuse()"
        case .appendAtCommit:
            """
            CREATE CONSTRAINT TRIGGER refuse AFTER INSERT ON \(schema).\(table) DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION \(schema).refuse()
            """
        case .rotate:
            "CREATE TRIGGER refuse BEFORE UPDATE ON \(schema).\(table) FOR EACH ROW EXECUTE FUNCTION \(schema).refuse()"
        }
    }
}

extension PostgresLedgerStoreTests {
    @Test(.timeLimit(.minutes(2)), arguments: RefusedWrite.allCases)
    func aWriteTheServerRefusesThrowsItsCauseAndRecordsNothing(_ write: RefusedWrite) async throws {
        try await TestServer.withClient { client in
            let schema = TestServer.uniqueSchema()
            let key = KeyEncryptionKey.random()
            let store = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: key, schema: schema)
            _ = try await store.append([Self.order("customer:1", reference: "order:1", value: "kari@example.no")])
            let head = try await store.integrityHead()

            try await client.query(
                """
                CREATE FUNCTION \(unescaped: schema).refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '\(unescaped: RefusedWrite.sqlState)'; END
                $$
                """)
            try await client.query(PostgresQuery(unsafeSQL: write.trigger(in: schema)))
            let refused = await #expect(throws: LedgerStoreError.self) {
                try await Self.attempt(write, on: store)
            }
            #expect(
                refused?.message.contains("SQLSTATE \(RefusedWrite.sqlState)") == true,
                "the cause is not named: \(refused?.message ?? "nothing thrown")")
            try await client.query("DROP TRIGGER refuse ON \(unescaped: schema).\(unescaped: write.table)")

            #expect(try await store.integrityHead() == head)
            let facts = try await store.facts(from: 1, limit: 10)
            #expect(facts.map(\.sequence) == [1])
            #expect(facts.first?.body.personalValues == [PersonalValue("kari@example.no")])
            // The key was not rotated: the ledger still opens with the old one.
            _ = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: key, schema: schema)
            // The next append takes the number the refused write did not.
            let next = try await store.append([Self.order("customer:2", reference: "order:2", value: "ola@example.no")])
            #expect(next.map(\.sequence) == [2])
            #expect(try await store.facts(from: 1, limit: 10).compactMap(Self.reference) == ["order:1", "order:2"])
            #expect(try await store.verify().count == 2)
        }
    }

    private static func attempt(_ write: RefusedWrite, on store: PostgresLedgerStore) async throws {
        let refused = order("customer:3", reference: "order:refused", value: "refused@example.no")
        switch write {
        case .append, .appendAtCommit:
            _ = try await store.append([refused])
        case .appendWithGivenCommitments:
            let salt = [UInt8](repeating: 7, count: FactChain.saltLength)
            _ = try await store.append([refused], committedAs: [[.salted(salt), .salted(salt)]])
        case .eraseValue, .eraseIdentifier:
            let identifier = write == .eraseIdentifier
            let subject = SubjectID("customer:1")
            _ = try await store.erase(
                ErasureScope(subject: subject, values: [1], erasesIdentifier: identifier),
                recording: NewFact(
                    recordedAt: epoch, actor: "dpo",
                    body: .erasure(
                        Erasure(subject: subject, reason: .subjectRequest, erased: [1], identifierErased: identifier))))
        case .rotate:
            _ = try await store.rotateKeyEncryptionKey(to: .random())
        }
    }
}

extension PostgresLedgerStoreTests {
    /// PostgreSQL answers `COMMIT` in a transaction a failed statement aborted with `ROLLBACK`, and
    /// no error: the transaction must fail, not return as if it committed.
    @Test func aTransactionWhoseCommitRolledBackFails() async throws {
        try await TestServer.withClient { client in
            let schema = TestServer.uniqueSchema()
            try await client.query("CREATE TABLE \(unescaped: schema) (n int)")
            let error = await #expect(throws: LedgerStoreError.self) {
                try await client.withCheckedTransaction(logger: Logger(label: "test")) { connection in
                    try await connection.query(
                        "INSERT INTO \(unescaped: schema) VALUES (1)", logger: Logger(label: "test"))
                    // Fails at its third row, after the row description: postgres-nio delivers the
                    // error with the rows, which nobody reads here.
                    try await connection.query(
                        "SELECT 1 / (3 - g) FROM generate_series(1, 5) g", logger: Logger(label: "test"))
                }
            }
            #expect(error?.message.contains("rolled the transaction back") == true, "\(error?.message ?? "")")
            let rows = try await client.query("SELECT count(*) FROM \(unescaped: schema)")
            for try await count in rows.decode(Int64.self) { #expect(count == 0) }
            try await client.query("DROP TABLE \(unescaped: schema)")
        }
    }
}
