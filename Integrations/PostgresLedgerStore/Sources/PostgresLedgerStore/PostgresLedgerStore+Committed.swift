import Foundation
import Logging
public import PersonalDataLedger
import PostgresNIO

/// Facts with given commitments, in and out: how an export and an import keep a ledger's chain
/// when it moves into or out of PostgreSQL.
extension PostgresLedgerStore {
    /// Appends `facts` with their personal fields committed as given, in a transaction of its
    /// own (not shared with other appends, so a refusal fails no other caller).
    ///
    /// A subject new to the ledger gets the given salt in its sealed identity row; values are
    /// sealed with theirs; an erased field stores only its commitment.
    public func append(_ facts: [NewFact], committedAs fields: [[FieldCommitment]]) async throws -> [Fact] {
        guard facts.count == fields.count else {
            throw LedgerStoreError.invalidRequest(
                "\(fields.count) lists of field commitments were given for \(facts.count) facts; nothing was appended.")
        }
        guard !facts.isEmpty else { return [] }
        for (index, (draft, given)) in zip(facts, fields).enumerated() {
            var committer = PresetCommitter(given)
            _ = FactChain.canonicalEncoding(of: draft, sequence: 0, committer: &committer)
            if let refusal = committer.refusal {
                throw LedgerStoreError.invalidRequest(
                    "Fact \(index + 1) of the batch: \(refusal) Nothing of the batch was appended.")
            }
        }
        let batch = GroupCommitter.Batch(id: UUID(), facts: facts, fields: fields)
        guard let recorded = try await commitRetryingLostConnections([batch])[batch.id] else {
            throw LedgerStoreError(.io, "The batch was not recorded; nothing of it is in the ledger.")
        }
        return recorded
    }

    /// The facts with their fields' commitments: salts from the sealed identity and vault rows for
    /// what is live, the stored commitments for what is erased — read in one transaction.
    public func committedFacts(from sequence: UInt64, limit: Int) async throws -> [CommittedFact] {
        guard limit > 0 else { return [] }
        let first = Int64(clamping: max(sequence, 1))
        let last = first &+ Int64(limit) - 1
        let s = schema.name
        return try await PostgresErrors.translating {
            try await client.withCheckedTransaction(logger: logger) { connection in
                try await connection.run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger)
                var rows:
                    [(
                        sequence: Int64, body: [UInt8], commitments: [UInt8], subjects: [Int64],
                        sealed: [Int: [UInt8]]
                    )] = []
                try await connection.forEachRow(
                    """
                    SELECT f.seq, f.body, f.commitments, f.subjects, v.field, v.sealed
                    FROM \(unescaped: s).facts f LEFT JOIN \(unescaped: s).vault v ON v.seq = f.seq
                    WHERE f.seq BETWEEN \(first) AND \(last) ORDER BY f.seq, v.field
                    """, logger: logger
                ) { row in
                    let (seq, body, commitments, subjects, field, sealed) = try row.decode(
                        (Int64, ByteBuffer, ByteBuffer, ByteBuffer, Int32?, ByteBuffer?).self)
                    if rows.last?.sequence != seq {
                        rows.append(
                            (
                                seq, Array(buffer: body), Array(buffer: commitments),
                                SubjectList.decode(Array(buffer: subjects)), [:]
                            ))
                    }
                    if let field, let sealed { rows[rows.count - 1].sealed[Int(field)] = Array(buffer: sealed) }
                }
                let opened = try await saltedSubjects(
                    Array(Set(rows.flatMap(\.subjects).filter { $0 != 0 })), connection)
                return try rows.map { row in
                    try committedFact(row, subjects: opened)
                }
            }
        }
    }

    private func committedFact(
        _ row: (sequence: Int64, body: [UInt8], commitments: [UInt8], subjects: [Int64], sealed: [Int: [UInt8]]),
        subjects opened: [Int64: (subject: SubjectID, salt: [UInt8], seal: SubjectSeal)]
    ) throws -> CommittedFact {
        var values: [Int: String] = [:]
        var valueSalts: [Int: [UInt8]] = [:]
        if let owner = row.subjects.first.flatMap({ opened[$0] }) {
            for (field, sealed) in row.sealed {
                let context = SubjectSeal.Context.value(sequence: row.sequence, field: field)
                guard let plaintext = owner.seal.open(sealed, context: context),
                    let (salt, text) = SaltedText.split(plaintext, saltLength: FactChain.saltLength)
                else {
                    throw LedgerStoreError.integrityViolation(
                        "Value \(field) of fact \(row.sequence) does not open under its subject's data key: the vault row was altered or moved."
                    )
                }
                values[field] = text
                valueSalts[field] = salt
            }
        }
        // The stored commitments, field by field, against the fields of the blanked fact.
        let domains = FactChain.fieldDomains(of: try BlankedFact.blankedDraft(row.body))
        var stored = StoredFields(row.commitments)
        var commitments: [[UInt8]?] = []
        for _ in domains {
            guard let commitment = stored.next() else {
                throw LedgerStoreError.integrityViolation(
                    "The commitments of fact \(row.sequence) do not match its fields: the row was altered.")
            }
            commitments.append(commitment)
        }
        // A subject field is live only when its row's identifier and salt open its commitment.
        var names: [Int: SubjectID] = [:]
        var subjectSalts: [Int: [UInt8]] = [:]
        var subjectField = 0
        for (domain, commitment) in zip(domains, commitments) where domain == .subject {
            defer { subjectField += 1 }
            let number = subjectField < row.subjects.count ? row.subjects[subjectField] : 0
            if let subject = opened[number], let commitment,
                FactChain.commitment(to: subject.subject.rawValue, salt: subject.salt, domain: .subject) == commitment
            {
                names[subjectField] = subject.subject
                subjectSalts[subjectField] = subject.salt
            }
        }
        let fact = try BlankedFact.fill(row.body, sequence: UInt64(row.sequence), values: values, subjects: names)
        var fields: [FieldCommitment] = []
        subjectField = 0
        var valueField = 0
        for (domain, commitment) in zip(domains, commitments) {
            let salt: [UInt8]?
            switch domain {
            case .subject:
                salt = subjectSalts[subjectField]
                subjectField += 1
            case .value:
                salt = valueSalts[valueField]
                valueField += 1
            }
            if let salt {
                fields.append(.salted(salt))
            } else {
                fields.append(commitment.map { .erased(commitment: $0) } ?? .erasedBeforeRecording)
            }
        }
        return CommittedFact(fact: fact, fields: fields)
    }

    /// The subjects numbered `numbers` whose data key still exists: identifier, salt and key.
    private func saltedSubjects(
        _ numbers: [Int64], _ connection: PostgresConnection
    ) async throws -> [Int64: (subject: SubjectID, salt: [UInt8], seal: SubjectSeal)] {
        guard !numbers.isEmpty else { return [:] }
        var opened: [Int64: (subject: SubjectID, salt: [UInt8], seal: SubjectSeal)] = [:]
        try await connection.forEachRow(
            """
            SELECT number, wrapped_key, identity FROM \(unescaped: schema.name).subjects
            WHERE number = ANY(\(numbers)) AND wrapped_key IS NOT NULL
            """, logger: logger
        ) { stored in
            let (number, wrapped, identity) = try stored.decode((Int64, ByteBuffer, ByteBuffer).self)
            let row = try openSubject(number: number, wrapped: wrapped, identity: identity)
            guard
                let plaintext = row.seal.open(
                    Array(buffer: identity), context: SubjectSeal.Context.identity(subject: number)),
                let (salt, text) = SaltedText.split(plaintext, saltLength: FactChain.saltLength)
            else { return }
            opened[number] = (SubjectID(text), salt, row.seal)
        }
        return opened
    }
}

/// The `commitments` column read back field by field: a commitment, or `nil` for `0x00`.
private struct StoredFields {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    /// The next field: `.some(commitment)`, `.some(nil)` for a value that arrived erased, or
    /// `nil` when the column is exhausted or malformed.
    mutating func next() -> [UInt8]?? {
        guard let tag = bytes.first else { return nil }
        bytes = bytes.dropFirst()
        guard tag == 1 else { return tag == 0 ? .some(nil) : nil }
        guard bytes.count >= FactChain.commitmentLength else { return nil }
        defer { bytes = bytes.dropFirst(FactChain.commitmentLength) }
        return .some(Array(bytes.prefix(FactChain.commitmentLength)))
    }
}
