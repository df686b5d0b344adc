import Foundation
import Logging
public import PersonalDataLedger
import PostgresNIO

extension PostgresLedgerStore {
    public func facts(for key: IndexKey) async throws -> [Fact] {
        let token = ByteBuffer(bytes: indexToken(key))
        return try await PostgresErrors.translating {
            try await client.withConnection { connection in
                try await readFacts(
                    where: "f.seq IN (SELECT seq FROM \(unescaped: schema.name).fact_index WHERE key = \(token))",
                    connection: connection)
            }
        }
    }

    public func facts(from sequence: UInt64, limit: Int) async throws -> [Fact] {
        guard limit > 0 else { return [] }
        let first = Int64(clamping: max(sequence, 1))
        let last = first &+ Int64(limit) - 1
        return try await PostgresErrors.translating {
            try await client.withConnection { connection in
                try await readFacts(where: "f.seq BETWEEN \(first) AND \(last)", connection: connection)
            }
        }
    }

    /// Reads the facts matching `condition` in sequence order, with their values and subjects
    /// opened: one statement, which returns the facts with their sealed values (kind 0) and then
    /// the rows of every subject they name whose data key still exists (kind 1), all from one
    /// snapshot.
    func readFacts(where condition: PostgresQuery, connection: PostgresConnection) async throws -> [Fact] {
        let s = schema.name
        var query = PostgresQuery(
            unsafeSQL: """
                WITH f AS MATERIALIZED (SELECT f.seq, f.body, f.subjects FROM \(s).facts f WHERE 
                """)
        query.sql += condition.sql
        query.binds = condition.binds
        query.sql += """
            )
            SELECT 0, f.seq, f.body, f.subjects, v.field, v.sealed
            FROM f LEFT JOIN \(s).vault v ON v.seq = f.seq
            UNION ALL
            SELECT 1, s.number, s.wrapped_key, s.identity, NULL::int, NULL::bytea FROM \(s).subjects s
            WHERE s.wrapped_key IS NOT NULL AND s.identity IS NOT NULL
                AND s.number = ANY(ARRAY(
                    SELECT unnest(\(s).subject_numbers(d.subjects)) FROM (SELECT DISTINCT f.subjects FROM f) d))
            ORDER BY 1, 2, 5
            """

        var rows: [(sequence: Int64, body: [UInt8], subjects: [Int64], sealed: [Int: [UInt8]])] = []
        var opened: [Int64: (subject: SubjectID, seal: SubjectSeal)] = [:]
        try await connection.forEachRow(query, logger: logger) { row in
            let (kind, sequence, body, subjects, field, sealed) = try row.decode(
                (Int32, Int64, ByteBuffer, ByteBuffer, Int32?, ByteBuffer?).self)
            if kind == 1 {
                if let subject = try openIdentifiedSubject(number: sequence, wrapped: body, identity: subjects) {
                    opened[sequence] = subject
                }
                return
            }
            if rows.last?.sequence != sequence {
                rows.append((sequence, Array(buffer: body), SubjectList.decode(Array(buffer: subjects)), [:]))
            }
            if let field, let sealed { rows[rows.count - 1].sealed[Int(field)] = Array(buffer: sealed) }
        }
        return try rows.map { row in
            var values: [Int: String] = [:]
            if let owner = row.subjects.first.flatMap({ opened[$0] }) {
                for (field, sealed) in row.sealed {
                    let context = SubjectSeal.Context.value(sequence: row.sequence, field: field)
                    guard let plaintext = owner.seal.open(sealed, context: context),
                        let (_, text) = SaltedText.split(plaintext, saltLength: FactChain.saltLength)
                    else {
                        throw LedgerStoreError.integrityViolation(
                            "Value \(field) of fact \(row.sequence) does not open under its subject's data key: the vault row was altered or moved."
                        )
                    }
                    values[field] = text
                }
            }
            var subjects: [Int: SubjectID] = [:]
            for (field, number) in row.subjects.enumerated() {
                if let subject = opened[number]?.subject { subjects[field] = subject }
            }
            return try BlankedFact.fill(
                row.body, sequence: UInt64(row.sequence), values: values, subjects: subjects)
        }
    }

    /// A subject's row opened: its identifier and data key; `nil` when the identity does not
    /// split into a salt and an identifier. Throws when the key or the identity does not open.
    func openIdentifiedSubject(
        number: Int64, wrapped: ByteBuffer, identity: ByteBuffer
    ) throws -> (subject: SubjectID, seal: SubjectSeal)? {
        let row = try openSubject(number: number, wrapped: wrapped, identity: identity)
        guard
            let plaintext = row.seal.open(
                Array(buffer: identity), context: SubjectSeal.Context.identity(subject: number)),
            let (_, text) = SaltedText.split(plaintext, saltLength: FactChain.saltLength)
        else { return nil }
        return (SubjectID(text), row.seal)
    }
}
