import Crypto
import Foundation
import Logging
public import PersonalDataLedger
import PostgresNIO

extension PostgresLedgerStore {
    /// Erases by crypto-shredding, in one transaction with the erasure fact.
    ///
    /// Erased values' rows are deleted and the subject gets a new data key under which its
    /// remaining values are sealed again, so the old key — and with it every copy of the erased
    /// values in WAL, replicas and backups — opens nothing still live. Erasing the identifier
    /// destroys the subject's key and every row sealed under it. The cost is the subject's own
    /// data, never the ledger's.
    public func erase(_ scope: ErasureScope, recording erasure: NewFact) async throws -> Fact {
        try await PostgresErrors.translating {
            try await client.withCheckedTransaction(logger: logger) { connection in
                try await erase(scope, recording: erasure, connection)
            }
        }
    }

    private func erase(
        _ scope: ErasureScope, recording erasure: NewFact, _ connection: PostgresConnection
    ) async throws -> Fact {
        let s = schema.name
        let batch = GroupCommitter.Batch(id: UUID(), facts: [erasure])
        let prepared = try PreparedGroup([batch], store: self)
        // The head's lock, the key's fingerprint and the erasure fact's subject rows in one round
        // trip, as an append's group takes them: every append of every service waits for this
        // transaction to end.
        let locked = try await lockForAppend(prepared, connection)
        try checkKey(current: locked.fingerprint)
        let subjectKey = ByteBuffer(bytes: subjectToken(scope.subject))
        let requested = scope.values.map { Int64($0) }
        var about = Set<Int64>()
        try await connection.forEachRow(
            """
            SELECT seq FROM \(unescaped: s).fact_index WHERE key = \(subjectKey) AND seq = ANY(\(requested))
            """, logger: logger
        ) { about.insert(try $0.decode(Int64.self)) }
        if let foreign = requested.sorted().first(where: { !about.contains($0) }) {
            throw LedgerStoreError.invalidRequest(
                "Fact \(foreign) is not about the subject being erased; nothing was erased.")
        }
        if let resolvedThrough = scope.resolvedThrough {
            // Under the head row's lock, which every append takes, each append committed before it
            // is visible here (READ COMMITTED): a fact about the subject that the scope was
            // resolved without is found, and the erasure is refused before it writes anything.
            var newer: [UInt64] = []
            try await connection.forEachRow(
                """
                SELECT seq FROM \(unescaped: s).fact_index WHERE key = \(subjectKey) AND seq > \(Int64(resolvedThrough))
                ORDER BY seq LIMIT 1
                """, logger: logger
            ) { newer.append(UInt64(try $0.decode(Int64.self))) }
            try scope.checkResolved(against: newer)
        }

        // The facts whose lookup entries go: the erased ones, or all the subject's with the identifier.
        let affected =
            scope.erasesIdentifier
            ? try await readFacts(.owned(key: subjectKey, owner: subjectKey), connection: connection)
            : try await readFacts(.sequences(requested), connection: connection)
        var lookupKeys: [ByteBuffer] = []
        var lookupSequences: [Int64] = []
        for fact in affected {
            for case .lookup(let token) in fact.body.indexKeys {
                lookupKeys.append(ByteBuffer(bytes: indexToken(.lookup(token))))
                lookupSequences.append(Int64(fact.sequence))
            }
        }

        var plan = AppendPlan(first: locked.count + 1, chain: locked.hash)
        var subjects = try subjectRows(
            for: erasure.body.subjects, found: locked.subjects, highestNumber: locked.highestSubject, givenSalts: [:])
        for prepared in prepared.batches {
            try plan.add(prepared, subjects: &subjects)
        }
        try await insertFacts(plan, subjects: subjects, connection)

        try await connection.run(
            """
            DELETE FROM \(unescaped: s).fact_index i USING unnest(\(lookupKeys)::bytea[], \(lookupSequences)::bigint[]) AS d(key, seq)
            WHERE i.key = d.key AND i.seq = d.seq
            """, logger: logger)
        guard let row = subjects[scope.subject] else {
            throw LedgerStoreError.invalidRequest("The erasure fact does not name the subject it erases.")
        }
        if scope.erasesIdentifier {
            // The row keeps its number for the facts that name it, but not the identifier's keyed
            // hash: that could confirm a guessed identifier, and the identifier recorded again is
            // a new subject with a row (and a salt) of its own.
            try await connection.run(
                "DELETE FROM \(unescaped: s).vault WHERE subject = \(row.number)", logger: logger)
            // Both of the identifier's index keys go: its facts, and the reports issued about it.
            let accountabilityKey = ByteBuffer(bytes: indexToken(.accountability(scope.subject)))
            try await connection.run(
                "DELETE FROM \(unescaped: s).fact_index WHERE key = \(subjectKey) OR key = \(accountabilityKey)",
                logger: logger)
            try await connection.run(
                """
                UPDATE \(unescaped: s).subjects SET wrapped_key = NULL, identity = NULL, token = \(ByteBuffer(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }))
                WHERE number = \(row.number)
                """, logger: logger)
        } else if !requested.isEmpty {
            try await connection.run(
                """
                DELETE FROM \(unescaped: s).vault WHERE subject = \(row.number) AND seq = ANY(\(requested))
                """, logger: logger)
            try await resealSubject(row, connection)
        }
        let recorded = plan.recorded[batch.id]![0]
        guard scope.erasesIdentifier else { return recorded }
        return Fact(
            sequence: recorded.sequence, recordedAt: recorded.recordedAt, actor: recorded.actor,
            body: recorded.body.mappingPersonalData(
                values: { $0 }, subjects: { $0 == scope.subject ? .erased : $0 }))
    }

    /// Seals a subject's remaining values and identifier under a new data key, and replaces the
    /// wrapped key: the old key opens nothing that is still stored.
    private func resealSubject(_ row: SubjectRow, _ connection: PostgresConnection) async throws {
        let s = schema.name
        let fresh = SubjectSeal.random()
        var sequences: [Int64] = []
        var fields: [Int32] = []
        var sealed: [ByteBuffer] = []
        try await connection.forEachRow(
            "SELECT seq, field, sealed FROM \(unescaped: s).vault WHERE subject = \(row.number)", logger: logger
        ) { stored in
            let (sequence, field, box) = try stored.decode((Int64, Int32, ByteBuffer).self)
            let context = SubjectSeal.Context.value(sequence: sequence, field: Int(field))
            guard let plaintext = row.seal.open(Array(buffer: box), context: context) else {
                throw LedgerStoreError.integrityViolation(
                    "Value \(field) of fact \(sequence) does not open under its subject's data key: the vault row was altered."
                )
            }
            sequences.append(sequence)
            fields.append(field)
            sealed.append(ByteBuffer(bytes: try fresh.seal(plaintext, context: context)))
        }
        if !sequences.isEmpty {
            try await connection.run(
                """
                UPDATE \(unescaped: s).vault v SET sealed = u.sealed
                FROM unnest(\(sequences)::bigint[], \(fields)::int[], \(sealed)::bytea[]) AS u(seq, field, sealed)
                WHERE v.seq = u.seq AND v.field = u.field
                """, logger: logger)
        }
        let identityRows = try await connection.rows(
            "SELECT identity FROM \(unescaped: s).subjects WHERE number = \(row.number)", logger: logger)
        var identity: [UInt8] = []
        for stored in identityRows {
            let box = try stored.decode(ByteBuffer.self)
            guard
                let plaintext = row.seal.open(
                    Array(buffer: box), context: SubjectSeal.Context.identity(subject: row.number))
            else {
                throw LedgerStoreError.integrityViolation(
                    "The identity of subject row \(row.number) does not open under its data key: the row was altered.")
            }
            identity = try fresh.seal(plaintext, context: SubjectSeal.Context.identity(subject: row.number))
        }
        let wrapped = try keyEncryptionKey.wrap(
            fresh.bytes, context: SubjectSeal.Context.wrappedKey(subject: row.number))
        try await connection.run(
            """
            UPDATE \(unescaped: s).subjects SET wrapped_key = \(ByteBuffer(bytes: wrapped)),
                identity = \(ByteBuffer(bytes: identity)) WHERE number = \(row.number)
            """, logger: logger)
    }
}
