import Foundation
import Logging
public import PersonalDataLedger
import PostgresNIO

extension PostgresLedgerStore {
    /// Makes `bytes` — another ledger's ``IdentifierKey``, such as a ledger directory's
    /// `identifier.key` — this ledger's identifier key, while the ledger is still empty.
    ///
    /// A ledger moved here by export and import keeps its hash chain only with the lookup tokens
    /// it was built with, and those are keyed: adopt the source's key first, then import. The key
    /// is stored wrapped by the key-encryption key (and wrapped again by
    /// ``rotateKeyEncryptionKey(to:)``); stores opened afterwards use it. Open the store again
    /// after adopting: this instance keeps the key it opened with.
    ///
    /// - Throws: ``LedgerStoreError`` with code `invalidRequest` when the ledger already holds
    ///   facts (their tokens were made under the current key) or `bytes` is not a key.
    public func adoptIdentifierKey(bytes: [UInt8]) async throws {
        let key: IdentifierKey
        do { key = try IdentifierKey(bytes: bytes) } catch {
            throw LedgerStoreError.invalidRequest(
                "An identifier key is \(IdentifierKey.byteCount) bytes; the one given has \(bytes.count). Give a ledger directory's identifier.key."
            )
        }
        let wrapped = try keyEncryptionKey.wrap(bytes, context: SubjectSeal.Context.identifierKey)
        try await PostgresErrors.translating {
            try await client.withCheckedTransaction(logger: logger) { connection in
                let head = try await lockHead(connection)
                guard head.count == 0 else {
                    throw LedgerStoreError.invalidRequest(
                        "The ledger in schema '\(schema.name)' holds \(head.count) facts, whose lookup tokens were made under its own identifier key: a key can be adopted only by an empty ledger. Nothing was changed."
                    )
                }
                try await checkKeyIsCurrent(connection)
                try await connection.run(
                    """
                    INSERT INTO \(unescaped: schema.name).meta VALUES ('identifier_key', \(ByteBuffer(bytes: wrapped)))
                    ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value
                    """, logger: logger)
            }
        }
        logger.info("adopted an identifier key", metadata: ["fingerprint": "\(key.fingerprint)"])
    }
}
