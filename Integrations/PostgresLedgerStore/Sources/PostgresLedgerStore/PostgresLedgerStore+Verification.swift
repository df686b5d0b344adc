import Foundation
import Logging
public import PersonalDataLedger
import PostgresNIO

extension PostgresLedgerStore {
    /// Rebuilds every fact's canonical encoding from its stored body and commitments, links the
    /// chain from the first fact, and checks each stored link, the head row, and `checkpoint`.
    ///
    /// It reads the ledger once, in pages, without opening any sealed value: the chain covers
    /// commitments, and a sealed value that was altered fails to open when it is read (AES-GCM
    /// authenticates each one and binds it to its fact and field). It checks the facts the head
    /// row counted when it began: other processes may append while it reads, and their facts are
    /// for the next verification.
    public func verify(against checkpoint: IntegrityHead?) async throws -> IntegrityHead {
        try await PostgresErrors.translating {
            let head = try await integrityHead()
            let last = Int64(head.count)
            var chain = FactChain.emptyHead
            var expected: Int64 = 1
            let page = 5_000
            while true {
                let rows = try await client.rows(
                    """
                    SELECT seq, body, commitments, chain FROM \(unescaped: schema.name).facts
                    WHERE seq >= \(expected) AND seq <= \(last) ORDER BY seq LIMIT \(page)
                    """, logger: logger)
                var read = 0
                for row in rows {
                    let (sequence, body, commitments, stored) = try row.decode(
                        (Int64, ByteBuffer, ByteBuffer, ByteBuffer).self)
                    read += 1
                    guard sequence == expected else {
                        throw LedgerStoreError.integrityViolation(
                            "Fact \(expected) is missing from schema '\(schema.name)': the next stored fact is \(sequence)."
                        )
                    }
                    let draft: NewFact
                    do {
                        draft = try BlankedFact.blankedDraft(Array(buffer: body))
                    } catch {
                        throw LedgerStoreError.integrityViolation(
                            "The body of fact \(sequence) does not decode: the row was altered.")
                    }
                    var committer = StoredCommitments(Array(buffer: commitments))
                    let canonical = FactChain.canonicalEncoding(
                        of: draft, sequence: UInt64(sequence), committer: &committer)
                    chain = FactChain.link(chain, canonical: canonical)
                    guard !committer.isMalformed, committer.isExhausted, chain == Array(buffer: stored) else {
                        throw LedgerStoreError.integrityViolation(
                            "The hash chain breaks at fact \(sequence): the fact was altered after it was recorded.")
                    }
                    if let checkpoint, checkpoint.count == UInt64(sequence), checkpoint.hash != chain.hexString {
                        throw LedgerStoreError.integrityViolation(
                            "History differs from the checkpoint at fact \(sequence): facts up to it were rewritten.")
                    }
                    expected += 1
                }
                if read < page { break }
            }
            let count = UInt64(expected - 1)
            guard count == head.count, chain.hexString == head.hash else {
                throw LedgerStoreError.integrityViolation(
                    "The head row says \(head.count) facts with head \(head.hash), but the facts hold \(count) with head \(chain.hexString): the head or the facts were altered."
                )
            }
            if let checkpoint, checkpoint.count > count {
                throw LedgerStoreError.integrityViolation(
                    "The store holds \(count) facts but the checkpoint covers \(checkpoint.count): facts were removed.")
            }
            return IntegrityHead(count: count, hash: chain.hexString)
        }
    }

    /// Wraps every live data key, and the index key, under `newKey`, in one transaction.
    ///
    /// Keep the old key file until this returns, then destroy it: from then on a backup taken
    /// before the rotation cannot open the values of a subject erased since, because the only
    /// key that opens its old wrapped data key is gone.
    ///
    /// - Returns: how many data keys were wrapped again.
    @discardableResult
    public func rotateKeyEncryptionKey(to newKey: KeyEncryptionKey) async throws -> Int {
        let s = schema.name
        return try await PostgresErrors.translating {
            try await client.withCheckedTransaction(logger: logger) { connection in
                _ = try await lockHead(connection)
                try await checkKeyIsCurrent(connection)
                var numbers: [Int64] = []
                var wrapped: [ByteBuffer] = []
                let rows = try await connection.rows(
                    "SELECT number, wrapped_key FROM \(unescaped: s).subjects WHERE wrapped_key IS NOT NULL FOR UPDATE",
                    logger: logger)
                for row in rows {
                    let (number, box) = try row.decode((Int64, ByteBuffer).self)
                    let context = SubjectSeal.Context.wrappedKey(subject: number)
                    guard let key = keyEncryptionKey.unwrap(Array(buffer: box), context: context) else {
                        throw LedgerStoreError.integrityViolation(
                            "The data key of subject row \(number) does not open under the current key; nothing was rotated."
                        )
                    }
                    numbers.append(number)
                    wrapped.append(ByteBuffer(bytes: try newKey.wrap(key, context: context)))
                }
                if !numbers.isEmpty {
                    try await connection.run(
                        """
                        UPDATE \(unescaped: s).subjects t SET wrapped_key = u.wrapped
                        FROM unnest(\(numbers)::bigint[], \(wrapped)::bytea[]) AS u(number, wrapped)
                        WHERE t.number = u.number
                        """, logger: logger)
                }
                let indexBytes = indexKeyBytes
                let index = try newKey.wrap(indexBytes, context: SubjectSeal.Context.indexKey)
                try await connection.run(
                    "UPDATE \(unescaped: s).meta SET value = \(ByteBuffer(bytes: index)) WHERE name = 'index_key'",
                    logger: logger)
                // An adopted identifier key, read as it is now (another process may have adopted it).
                let adopted = try await connection.rows(
                    "SELECT value FROM \(unescaped: s).meta WHERE name = 'identifier_key'", logger: logger)
                for row in adopted {
                    let box = try row.decode(ByteBuffer.self)
                    guard
                        let bytes = keyEncryptionKey.unwrap(
                            Array(buffer: box), context: SubjectSeal.Context.identifierKey)
                    else {
                        throw LedgerStoreError.integrityViolation(
                            "The ledger's adopted identifier key does not open under the current key; nothing was rotated."
                        )
                    }
                    let rewrapped = try newKey.wrap(bytes, context: SubjectSeal.Context.identifierKey)
                    try await connection.run(
                        """
                        UPDATE \(unescaped: s).meta SET value = \(ByteBuffer(bytes: rewrapped)) WHERE name = 'identifier_key'
                        """, logger: logger)
                }
                let fingerprint = ByteBuffer(bytes: Array(newKey.fingerprint.utf8))
                try await connection.run(
                    "UPDATE \(unescaped: s).meta SET value = \(fingerprint) WHERE name = 'kek_fingerprint'",
                    logger: logger)
                return numbers.count
            }
        }
    }
}
