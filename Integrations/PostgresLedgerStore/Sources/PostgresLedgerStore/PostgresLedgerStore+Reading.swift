import Foundation
import Logging
public import PersonalDataLedger
import PostgresNIO

extension PostgresLedgerStore {
    public func facts(for key: IndexKey) async throws -> [Fact] {
        let token = ByteBuffer(bytes: indexToken(key))
        let selection: FactSelection =
            switch key {
            // A subject's own index key is its row's token.
            case .subject: .owned(key: token, owner: token)
            case .accountability(let subject): .owned(key: token, owner: ByteBuffer(bytes: subjectToken(subject)))
            case .reference, .system, .lookup, .kind: .key(token)
            }
        return try await PostgresErrors.translating {
            try await client.withConnection { connection in
                try await readFacts(selection, connection: connection)
            }
        }
    }

    public func facts(from sequence: UInt64, limit: Int) async throws -> [Fact] {
        guard limit > 0 else { return [] }
        let first = Int64(clamping: max(sequence, 1))
        let (end, overflows) = first.addingReportingOverflow(Int64(limit) - 1)
        let last = overflows ? Int64.max : end
        return try await PostgresErrors.translating {
            try await client.withConnection { connection in
                try await readFacts(.range(first...last), connection: connection)
            }
        }
    }

    /// Which facts a read wants.
    enum FactSelection {
        /// Those an index key (its keyed hash) lists.
        case key(ByteBuffer)
        /// Those an index key about one subject lists, with that subject's row found by its token
        /// (`owner`): a subject's facts, or the reports issued about it.
        case owned(key: ByteBuffer, owner: ByteBuffer)
        /// Those with these sequence numbers.
        case sequences([Int64])
        /// Those numbered in this range.
        case range(ClosedRange<Int64>)
    }

    /// Reads the facts `selection` names in sequence order, with their values and subjects
    /// opened: one call of `read_facts` (``Schema/readFacts``), which returns the facts with their
    /// sealed values (kind 0) and the rows of every subject they name whose data key still exists
    /// (kind 1), all from one snapshot. The rows come in no particular order and are put in order
    /// here: sorting a report's dozen rows on the server cost more than the rest of its reading.
    ///
    /// An ``FactSelection/owned(key:owner:)`` read calls `read_owned_facts`
    /// (``Schema/readOwnedFacts``) instead, which returns only the owner's row; the rows of other
    /// subjects its facts name follow in a second statement, only when there are any.
    func readFacts(_ selection: FactSelection, connection: PostgresConnection) async throws -> [Fact] {
        var key: ByteBuffer?
        var sequences: [Int64]?
        var first: Int64?
        var last: Int64?
        var owner: ByteBuffer?
        switch selection {
        case .key(let token): key = token
        case .owned(let token, let ownerToken): (key, owner) = (token, ownerToken)
        case .sequences(let numbers): sequences = numbers
        case .range(let numbers): (first, last) = (numbers.lowerBound, numbers.upperBound)
        }
        let query: PostgresQuery =
            if let owner {
                "SELECT * FROM \(unescaped: schema.name).read_owned_facts(\(key), \(owner))"
            } else {
                "SELECT * FROM \(unescaped: schema.name).read_facts(\(key), \(sequences), \(first), \(last))"
            }

        var rows: [(sequence: Int64, body: [UInt8], subjects: [Int64], sealed: [Int: [UInt8]])] = []
        var positions: [Int64: Int] = [:]
        var opened: [Int64: (subject: SubjectID, seal: SubjectSeal)] = [:]
        try await connection.forEachRow(query, logger: logger) { row in
            var cells = RowCells(row)
            let kind = try cells.next(Int32.self)
            let sequence = try cells.next(Int64.self)
            let body = try cells.next(ByteBuffer.self)
            let subjects = try cells.next(ByteBuffer.self)
            let field = try cells.nextOptional(Int32.self)
            let sealed = try cells.nextOptional(ByteBuffer.self)
            if kind == 1 {
                opened[sequence] = try openIdentifiedSubject(number: sequence, wrapped: body, identity: subjects)
                return
            }
            let position: Int
            if let known = positions[sequence] {
                position = known
            } else {
                position = rows.count
                positions[sequence] = position
                rows.append((sequence, Array(buffer: body), SubjectList.decode(Array(buffer: subjects)), [:]))
            }
            if let field, let sealed { rows[position].sealed[Int(field)] = Array(buffer: sealed) }
        }
        rows.sort { $0.sequence < $1.sequence }
        if owner != nil {
            // Number 0 stands for a subject that arrived erased: it has no row.
            let others = Set(rows.lazy.flatMap(\.subjects)).filter { $0 != 0 && opened[$0] == nil }
            if !others.isEmpty {
                try await openLiveSubjects(numbered: others.sorted(), into: &opened, connection: connection)
            }
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

    /// Opens the rows of the subjects `numbers` whose data key still exists; the others were
    /// erased, and their fields read as erased.
    ///
    /// Outside a transaction this statement sees a later snapshot than the facts' own. That is
    /// sound because a subject's number always names the same person: in between, a row can only
    /// lose its key (an erasure: the field reads as erased, as it would a moment later) or be
    /// sealed again under a new key with its identity (a partial erasure), never come to name
    /// someone else.
    private func openLiveSubjects(
        numbered numbers: [Int64], into opened: inout [Int64: (subject: SubjectID, seal: SubjectSeal)],
        connection: PostgresConnection
    ) async throws {
        try await connection.forEachRow(
            """
            SELECT number, wrapped_key, identity FROM \(unescaped: schema.name).subjects
            WHERE number = ANY(\(numbers)) AND wrapped_key IS NOT NULL AND identity IS NOT NULL
            """, logger: logger
        ) { row in
            var cells = RowCells(row)
            let number = try cells.next(Int64.self)
            let wrapped = try cells.next(ByteBuffer.self)
            let identity = try cells.next(ByteBuffer.self)
            opened[number] = try openIdentifiedSubject(number: number, wrapped: wrapped, identity: identity)
        }
    }

    /// A subject's row opened: its identifier and data key. Throws when the key or the identity
    /// does not open.
    func openIdentifiedSubject(
        number: Int64, wrapped: ByteBuffer, identity: ByteBuffer
    ) throws -> (subject: SubjectID, seal: SubjectSeal) {
        let (row, identifier) = try openSubjectWithIdentifier(number: number, wrapped: wrapped, identity: identity)
        return (SubjectID(identifier), row.seal)
    }
}
