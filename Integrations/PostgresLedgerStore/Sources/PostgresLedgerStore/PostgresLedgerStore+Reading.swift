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
    /// opened: two statements, one for the facts and their sealed values, one for the subjects.
    func readFacts(where condition: PostgresQuery, connection: PostgresConnection) async throws -> [Fact] {
        var query = PostgresQuery(
            unsafeSQL: """
                SELECT f.seq, f.body, f.subjects, v.field, v.sealed
                FROM \(schema.name).facts f LEFT JOIN \(schema.name).vault v ON v.seq = f.seq
                WHERE 
                """)
        query.sql += condition.sql
        query.binds = condition.binds
        query.sql += " ORDER BY f.seq, v.field"

        var rows: [(sequence: Int64, body: [UInt8], subjects: [Int64], sealed: [Int: [UInt8]])] = []
        for try await (sequence, body, subjects, field, sealed) in try await connection.query(query, logger: logger)
            .decode((Int64, ByteBuffer, ByteBuffer, Int32?, ByteBuffer?).self)
        {
            if rows.last?.sequence != sequence {
                rows.append((sequence, Array(buffer: body), SubjectList.decode(Array(buffer: subjects)), [:]))
            }
            if let field, let sealed { rows[rows.count - 1].sealed[Int(field)] = Array(buffer: sealed) }
        }
        let numbers = Array(Set(rows.flatMap(\.subjects).filter { $0 != 0 }))
        let opened = try await openedSubjects(numbers, connection)
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

    /// The subjects numbered `numbers` whose data key still exists, with their identifiers.
    func openedSubjects(
        _ numbers: [Int64], _ connection: PostgresConnection
    ) async throws -> [Int64: (subject: SubjectID, seal: SubjectSeal)] {
        guard !numbers.isEmpty else { return [:] }
        var opened: [Int64: (subject: SubjectID, seal: SubjectSeal)] = [:]
        let rows = try await connection.query(
            """
            SELECT number, wrapped_key, identity FROM \(unescaped: schema.name).subjects
            WHERE number = ANY(\(numbers)) AND wrapped_key IS NOT NULL
            """, logger: logger)
        for try await (number, wrapped, identity) in rows.decode((Int64, ByteBuffer, ByteBuffer).self) {
            let row = try openSubject(number: number, wrapped: wrapped, identity: identity)
            guard
                let plaintext = row.seal.open(
                    Array(buffer: identity), context: SubjectSeal.Context.identity(subject: number)),
                let (_, text) = SaltedText.split(plaintext, saltLength: FactChain.saltLength)
            else { continue }
            opened[number] = (SubjectID(text), row.seal)
        }
        return opened
    }
}
