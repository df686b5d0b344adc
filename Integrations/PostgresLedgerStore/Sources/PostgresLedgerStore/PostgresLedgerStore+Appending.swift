import Crypto
import Foundation
import Logging
public import PersonalDataLedger
import PostgresNIO

extension PostgresLedgerStore {
    public func append(_ facts: [NewFact]) async throws -> [Fact] {
        guard !facts.isEmpty else { return [] }
        return try await committer.append(facts) { [self] batches in
            try await commitRetryingLostConnections(batches)
        }
    }

    /// Commits a group, retrying when the connection was lost or cannot be made and the outcome is
    /// unknown: the retry first looks up the group's batch ids, so a batch that did commit is
    /// returned, not recorded again.
    ///
    /// Retries are bounded: each attempt by ``RetryPolicy/attemptTimeout``, all of them by
    /// ``RetryPolicy/budget``. When the server stays unreachable the append throws a
    /// ``LedgerStoreError`` that says so and what to do — it never waits for ever.
    func commitRetryingLostConnections(_ batches: [GroupCommitter.Batch]) async throws -> [UUID: [Fact]] {
        let clock = ContinuousClock()
        let start = clock.now
        var attempt = 0
        // What does not depend on the sequence numbers is done once, before any lock is taken.
        let prepared = try await PreparedGroup.make(batches, store: self)
        while true {
            do {
                return try await PostgresErrors.withDeadline(retryPolicy.attemptTimeout) { [self] in
                    try await commitOnce(prepared)
                }
            } catch let error where PostgresErrors.isConnectionLoss(error) {
                attempt += 1
                let delay = Duration.milliseconds(50 << min(attempt, 4))
                let elapsed = clock.now - start
                guard elapsed + delay < retryPolicy.budget else {
                    throw LedgerStoreError(
                        .io,
                        "PostgreSQL could not be reached for \(elapsed.wholeSeconds) s (\(attempt) attempts; last: \(PostgresErrors.cause(of: error))). The append was not acknowledged; if the connection broke while it committed it may be in the ledger, so look its reference up before recording it again. Check that the server is running and reachable at the store URL's host and port."
                    )
                }
                logger.warning(
                    "connection to PostgreSQL lost or not made during an append; retrying",
                    metadata: ["attempt": "\(attempt)"])
                try await Task.sleep(for: delay)
            } catch {
                throw PostgresErrors.translate(any: error)
            }
        }
    }

    /// One attempt, in three statements and a commit: `lock_for_append` (the head's lock and
    /// everything the group must read under it, in one round trip), one statement that writes
    /// every row, and `COMMIT`. Under the lock the client only numbers, chains and seals.
    private func commitOnce(_ prepared: PreparedGroup) async throws -> [UUID: [Fact]] {
        let recorded = try await client.withCheckedTransaction(logger: logger) { connection in
            let locked = try await lockForAppend(prepared, connection)
            var plan = AppendPlan(first: locked.count + 1, chain: locked.hash)
            let pending = prepared.batches.filter { locked.done[$0.batch.id] == nil }
            if !pending.isEmpty {
                try checkKey(current: locked.fingerprint)
                var subjects = try subjectRows(
                    for: pending.flatMap { $0.batch.facts.flatMap(\.body.subjects) }, found: locked.subjects,
                    highestNumber: locked.highestSubject,
                    givenSalts: try GivenSalts.subjects(of: pending.map(\.batch)))
                for batch in pending {
                    try plan.add(batch, subjects: &subjects)
                }
                try await insertFacts(plan, subjects: subjects, connection)
            }
            var recorded = plan.recorded
            for (id, range) in locked.done { recorded[id] = try await facts(range, connection) }
            return recorded
        }
        try afterCommit?()
        return recorded
    }

    /// Calls `lock_for_append` (``Schema/lockForAppend``): the head row locked and read, with the
    /// key's fingerprint, the highest subject number, the group's subjects' rows and its batches
    /// already recorded.
    func lockForAppend(_ prepared: PreparedGroup, _ connection: PostgresConnection) async throws -> LockedHead {
        let ids = prepared.batches.map(\.batch.id)
        let tokens = prepared.subjectTokens.map { ByteBuffer(bytes: $0) }
        var locked = LockedHead()
        var sawHead = false
        try await connection.forEachRow(
            """
            SELECT r_kind, r_n, r_m, r_a, r_b, r_c, r_id
            FROM \(unescaped: schema.name).lock_for_append(\(ids)::uuid[], \(tokens)::bytea[])
            """, logger: logger
        ) { row in
            var cells = RowCells(row)
            let kind = try cells.next(Int32.self)
            let n = try cells.next(Int64.self)
            let m = try cells.nextOptional(Int64.self)
            let a = try cells.nextOptional(ByteBuffer.self)
            let b = try cells.nextOptional(ByteBuffer.self)
            let c = try cells.nextOptional(ByteBuffer.self)
            let id = try cells.nextOptional(UUID.self)
            switch kind {
            case 0:
                sawHead = true
                locked.count = UInt64(n)
                locked.hash = a.map { Array(buffer: $0) } ?? []
                locked.fingerprint = b.map { String(decoding: Array(buffer: $0), as: UTF8.self) }
            case 1: locked.highestSubject = n
            case 2: if let a { locked.subjects[Array(buffer: a)] = (n, b, c) }
            default: if let id, let m { locked.done[id] = UInt64(n)...UInt64(n + m - 1) }
            }
        }
        guard sawHead else { throw LedgerStoreError.corrupted("The head row of schema '\(schema.name)' is missing.") }
        return locked
    }

    /// Refuses to write under a key-encryption key the ledger was rotated away from (by another
    /// process, since this store opened): a data key wrapped under it would not open under the
    /// ledger's key.
    func checkKeyIsCurrent(_ connection: PostgresConnection) async throws {
        let rows = try await connection.rows(
            "SELECT value FROM \(unescaped: schema.name).meta WHERE name = 'kek_fingerprint'", logger: logger)
        for row in rows {
            try checkKey(current: String(decoding: Array(buffer: try row.decode(ByteBuffer.self)), as: UTF8.self))
        }
    }

    /// Refuses when the ledger's key fingerprint `current` is not this store's key.
    func checkKey(current: String?) throws {
        guard let current, current != keyEncryptionKey.fingerprint else { return }
        throw LedgerStoreError(
            .invalidRequest,
            "The ledger's key-encryption key was rotated to key \(current) after this store opened with key \(keyEncryptionKey.fingerprint); nothing was recorded. Restart this service (or pdl) with the new key file."
        )
    }

    /// Takes the head row's lock, which orders every append of every process, and reads it.
    func lockHead(_ connection: PostgresConnection) async throws -> (count: UInt64, hash: [UInt8]) {
        let rows = try await connection.rows(
            "SELECT count, hash FROM \(unescaped: schema.name).head WHERE id = 1 FOR UPDATE", logger: logger)
        if let row = rows.first {
            let (count, hash) = try row.decode((Int64, ByteBuffer).self)
            return (UInt64(count), Array(buffer: hash))
        }
        throw LedgerStoreError.corrupted("The head row of schema '\(schema.name)' is missing.")
    }

    private func facts(_ range: ClosedRange<UInt64>, _ connection: PostgresConnection) async throws -> [Fact] {
        try await readFacts(.range(Int64(range.lowerBound)...Int64(range.upperBound)), connection: connection)
    }

    /// The subject rows of `subjects` from the rows `found` by token: opened when they exist with a
    /// key, made anew (numbered after `highestNumber`) when not.
    ///
    /// A row made anew takes the salt in `givenSalts` when it names one (an import keeping the
    /// chain it came from).
    func subjectRows(
        for subjects: [SubjectID], found byToken: [[UInt8]: (Int64, ByteBuffer?, ByteBuffer?)],
        highestNumber: Int64, givenSalts: [SubjectID: [UInt8]]
    ) throws -> SubjectRows {
        var rows = SubjectRows()
        var next = highestNumber + 1
        for subject in Set(subjects.filter { $0 != .erased }).sorted() {
            let token = subjectToken(subject)
            if case (let number, let wrapped?, let identity?)? = byToken[token] {
                rows.existing[subject] = try openSubject(number: number, wrapped: wrapped, identity: identity)
            } else {
                let number =
                    byToken[token]?.0
                    ?? {
                        defer { next += 1 }
                        return next
                    }()
                rows.created[subject] = SubjectRow(
                    number: number, seal: .random(), salt: givenSalts[subject] ?? FactChain.randomSalt(),
                    isNew: byToken[token] == nil)
            }
        }
        return rows
    }

    func openSubject(number: Int64, wrapped: ByteBuffer, identity: ByteBuffer) throws -> SubjectRow {
        try openSubjectWithIdentifier(number: number, wrapped: wrapped, identity: identity).row
    }

    /// ``openSubject(number:wrapped:identity:)``, with the identifier the identity holds.
    func openSubjectWithIdentifier(
        number: Int64, wrapped: ByteBuffer, identity: ByteBuffer
    ) throws -> (row: SubjectRow, identifier: String) {
        guard
            let key = keyEncryptionKey.unwrap(
                Array(buffer: wrapped), context: SubjectSeal.Context.wrappedKey(subject: number))
        else {
            throw LedgerStoreError.integrityViolation(
                "The data key of subject row \(number) does not open under the key-encryption key: the row was altered or the key file is not the one it was wrapped with."
            )
        }
        let seal = SubjectSeal(bytes: key)
        guard let opened = seal.open(Array(buffer: identity), context: SubjectSeal.Context.identity(subject: number)),
            let (salt, identifier) = SaltedText.split(opened, saltLength: FactChain.saltLength)
        else {
            throw LedgerStoreError.integrityViolation(
                "The identity of subject row \(number) does not open under its data key: the row was altered.")
        }
        return (SubjectRow(number: number, seal: seal, salt: salt, isNew: false), identifier)
    }

    func insertFacts(_ plan: AppendPlan, subjects: SubjectRows, _ connection: PostgresConnection) async throws {
        let s = schema.name
        // The new subject rows in one statement: a bulk append about a thousand new people is one
        // round trip, not a thousand.
        var numbers: [Int64] = []
        var tokens: [ByteBuffer] = []
        var wrappedKeys: [ByteBuffer] = []
        var identities: [ByteBuffer] = []
        for (subject, row) in subjects.created.sorted(by: { $0.value.number < $1.value.number }) {
            let wrapped = try keyEncryptionKey.wrap(
                row.seal.bytes, context: SubjectSeal.Context.wrappedKey(subject: row.number))
            let identity = try row.seal.seal(
                SaltedText.join(salt: row.salt, text: subject.rawValue),
                context: SubjectSeal.Context.identity(subject: row.number))
            numbers.append(row.number)
            tokens.append(ByteBuffer(bytes: subjectToken(subject)))
            wrappedKeys.append(ByteBuffer(bytes: wrapped))
            identities.append(ByteBuffer(bytes: identity))
        }
        // Every row in one call of `append_rows` (``Schema/appendRows``): a round trip under the
        // head's lock, not one per table, and statements the session planned once.
        try await connection.run(
            """
            SELECT \(unescaped: s).append_rows(
                \(numbers)::bigint[], \(tokens)::bytea[], \(wrappedKeys)::bytea[], \(identities)::bytea[],
                \(plan.sequences)::bigint[], \(plan.batchOfFact)::uuid[], \(plan.bodies)::bytea[],
                \(plan.commitments)::bytea[], \(plan.subjectLists)::bytea[], \(plan.chains)::bytea[],
                \(plan.vaultSequences)::bigint[], \(plan.vaultFields)::int[], \(plan.vaultSubjects)::bigint[],
                \(plan.vaultSealed)::bytea[], \(plan.indexKeys)::bytea[], \(plan.indexSequences)::bigint[],
                \(plan.batchIDs)::uuid[], \(plan.batchFirsts)::bigint[], \(plan.batchCounts)::int[],
                \(Int64(plan.next - 1)), \(ByteBuffer(bytes: plan.chain)))
            """, logger: logger)
    }
}

/// What an append computes before it takes the head's lock, because none of it depends on the
/// sequence numbers: each fact's blanked body and keyed index hashes, and the keyed hashes naming
/// the group's subjects.
struct PreparedGroup: Sendable {
    struct Batch: Sendable {
        let batch: GroupCommitter.Batch
        let facts: [PreparedFact]
    }

    let batches: [Batch]
    /// The `subjects` tokens of every live subject the group names.
    let subjectTokens: [[UInt8]]

    init(_ batches: [GroupCommitter.Batch], store: PostgresLedgerStore) throws {
        self.init(
            batches: try batches.map { batch in
                Batch(batch: batch, facts: try Self.prepare(batch.facts[...], of: batch, store: store))
            }, store: store)
    }

    private init(batches: [Batch], store: PostgresLedgerStore) {
        self.batches = batches
        let subjects = Set(batches.flatMap { $0.batch.facts.flatMap(\.body.subjects) }.filter { $0 != .erased })
        subjectTokens = subjects.map(store.subjectToken)
    }

    /// Prepares a large group in slices on every core (a bulk append's blanking and hashing is
    /// most of its client-side work); a small one as ``init(_:store:)`` does.
    static func make(_ batches: [GroupCommitter.Batch], store: PostgresLedgerStore) async throws -> PreparedGroup {
        let slice = 256
        guard batches.reduce(0, { $0 + $1.facts.count }) >= 2 * slice else {
            return try PreparedGroup(batches, store: store)
        }
        let prepared = try await withThrowingTaskGroup(of: (Int, Int, [PreparedFact]).self) { group in
            for (index, batch) in batches.enumerated() {
                for start in stride(from: 0, to: batch.facts.count, by: slice) {
                    let facts = batch.facts[start..<min(start + slice, batch.facts.count)]
                    group.addTask { (index, start, try prepare(facts, of: batch, store: store)) }
                }
            }
            var slices: [Int: [(Int, [PreparedFact])]] = [:]
            for try await (index, start, facts) in group { slices[index, default: []].append((start, facts)) }
            return slices
        }
        return PreparedGroup(
            batches: batches.enumerated().map { index, batch in
                Batch(
                    batch: batch,
                    facts: (prepared[index] ?? []).sorted { $0.0 < $1.0 }.flatMap(\.1))
            }, store: store)
    }

    private static func prepare(
        _ facts: ArraySlice<NewFact>, of batch: GroupCommitter.Batch, store: PostgresLedgerStore
    ) throws -> [PreparedFact] {
        try facts.map { draft in
            // Appended with its commitment only, an erased identifier indexes nothing.
            let keys = draft.body.indexKeys.filter { batch.fields == nil || $0.subjectID != .erased }
            return PreparedFact(blanked: try BlankedFact(draft), indexTokens: Set(keys.map(store.indexToken)))
        }
    }
}

/// One fact as ``PreparedGroup`` prepares it.
struct PreparedFact: Sendable {
    let blanked: BlankedFact
    let indexTokens: Set<[UInt8]>
}

/// What `lock_for_append` read under the head's lock.
struct LockedHead {
    var count: UInt64 = 0
    var hash: [UInt8] = []
    var fingerprint: String?
    var highestSubject: Int64 = 0
    /// The subject rows found, by token: number, wrapped key and sealed identity (`nil` once erased).
    var subjects: [[UInt8]: (Int64, ByteBuffer?, ByteBuffer?)] = [:]
    /// The group's batches that are already recorded, with their sequence numbers.
    var done: [UUID: ClosedRange<UInt64>] = [:]
}

/// A subject's row as an append needs it: its number, opened data key and commitment salt.
struct SubjectRow {
    let number: Int64
    let seal: SubjectSeal
    let salt: [UInt8]
    let isNew: Bool
}

/// The subject rows one group commit uses: those that exist, and those it creates.
struct SubjectRows {
    var existing: [SubjectID: SubjectRow] = [:]
    var created: [SubjectID: SubjectRow] = [:]

    subscript(_ subject: SubjectID) -> SubjectRow? { existing[subject] ?? created[subject] }
}

/// The rows one group commit inserts, built fact by fact with the chain running on.
struct AppendPlan {
    private(set) var next: UInt64
    private(set) var chain: [UInt8]
    private(set) var recorded: [UUID: [Fact]] = [:]

    var sequences: [Int64] = []
    var batchOfFact: [UUID] = []
    var bodies: [ByteBuffer] = []
    var commitments: [ByteBuffer] = []
    var subjectLists: [ByteBuffer] = []
    var chains: [ByteBuffer] = []
    var vaultSequences: [Int64] = []
    var vaultFields: [Int32] = []
    var vaultSubjects: [Int64] = []
    var vaultSealed: [ByteBuffer] = []
    var indexKeys: [ByteBuffer] = []
    var indexSequences: [Int64] = []
    var batchIDs: [UUID] = []
    var batchFirsts: [Int64] = []
    var batchCounts: [Int32] = []

    init(first: UInt64, chain: [UInt8]) {
        next = first
        self.chain = chain
    }

    mutating func add(_ prepared: PreparedGroup.Batch, subjects: inout SubjectRows) throws {
        let batch = prepared.batch
        batchIDs.append(batch.id)
        batchFirsts.append(Int64(next))
        batchCounts.append(Int32(batch.facts.count))
        var facts: [Fact] = []
        for (position, draft) in batch.facts.enumerated() {
            let sequence = next
            next += 1
            let blanked = prepared.facts[position].blanked
            let canonical: [UInt8]
            let encodedCommitments: [UInt8]
            let valueSalts: [[UInt8]?]
            if let fields = batch.fields?[position] {
                let given = try GivenSalts(draft, fields: fields, sequence: sequence, subjects: subjects)
                (canonical, encodedCommitments, valueSalts) = (given.canonical, given.encoded, given.valueSalts)
            } else {
                var committer = StoreCommitter(subjects: subjects)
                canonical = FactChain.canonicalEncoding(of: draft, sequence: sequence, committer: &committer)
                encodedCommitments = committer.encoded
                valueSalts = blanked.values.map { $0.flatMap { committer.salts[$0] } }
            }
            chain = FactChain.link(chain, canonical: canonical)
            let owner = blanked.subjects.first.flatMap { subjects[$0] }
            for (field, text) in blanked.values.enumerated() {
                guard let text else { continue }
                guard let owner else {
                    throw LedgerStoreError.invalidRequest(
                        "A personal value must belong to a subject; fact \(sequence) names none.")
                }
                let salt = valueSalts[field] ?? FactChain.randomSalt()
                vaultSequences.append(Int64(sequence))
                vaultFields.append(Int32(field))
                vaultSubjects.append(owner.number)
                vaultSealed.append(
                    ByteBuffer(
                        bytes: try owner.seal.seal(
                            SaltedText.join(salt: salt, text: text),
                            context: SubjectSeal.Context.value(sequence: Int64(sequence), field: field))))
            }
            sequences.append(Int64(sequence))
            batchOfFact.append(batch.id)
            bodies.append(ByteBuffer(bytes: blanked.body))
            commitments.append(ByteBuffer(bytes: encodedCommitments))
            subjectLists.append(
                ByteBuffer(bytes: SubjectList.encode(blanked.subjects.map { subjects[$0]?.number ?? 0 })))
            chains.append(ByteBuffer(bytes: chain))
            for key in prepared.facts[position].indexTokens {
                indexKeys.append(ByteBuffer(bytes: key))
                indexSequences.append(Int64(sequence))
            }
            facts.append(Fact(sequence: sequence, draft))
        }
        recorded[batch.id] = facts
    }
}

/// Makes the commitments of one fact at append time, and keeps them in the order the chain
/// asked for them, so ``FactChain/canonicalEncoding(of:sequence:committer:)`` can be rebuilt
/// from the stored bytes without any value.
struct StoreCommitter: FactCommitter {
    let subjects: SubjectRows
    /// The salt drawn for each value text of the fact.
    var salts: [String: [UInt8]] = [:]
    /// `0x01` and a commitment, or `0x00` for a value that arrived erased, per field asked.
    var encoded: [UInt8] = []

    mutating func commitment(forSubject subject: SubjectID) -> [UInt8] {
        let salt = subjects[subject]?.salt ?? FactChain.randomSalt()
        let commitment = FactChain.commitment(to: subject.rawValue, salt: salt, domain: .subject)
        encoded += [1] + commitment
        return commitment
    }

    mutating func commitment(forValue value: PersonalValue) -> [UInt8]? {
        guard let text = value.revealed else {
            encoded.append(0)
            return nil
        }
        let salt = salts[text] ?? FactChain.randomSalt()
        salts[text] = salt
        let commitment = FactChain.commitment(to: text, salt: salt, domain: .value)
        encoded += [1] + commitment
        return commitment
    }
}

/// Replays stored commitments in order, to rebuild a fact's canonical encoding.
struct StoredCommitments: FactCommitter {
    private var bytes: ArraySlice<UInt8>
    private(set) var isMalformed = false

    init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    private mutating func next() -> [UInt8]? {
        guard let tag = bytes.first else {
            isMalformed = true
            return nil
        }
        bytes = bytes.dropFirst()
        guard tag == 1 else { return nil }
        guard bytes.count >= FactChain.commitmentLength else {
            isMalformed = true
            return nil
        }
        defer { bytes = bytes.dropFirst(FactChain.commitmentLength) }
        return Array(bytes.prefix(FactChain.commitmentLength))
    }

    mutating func commitment(forSubject subject: SubjectID) -> [UInt8] {
        next() ?? [UInt8](repeating: 0, count: FactChain.commitmentLength)
    }

    mutating func commitment(forValue value: PersonalValue) -> [UInt8]? { next() }

    var isExhausted: Bool { bytes.isEmpty }
}

/// The subject numbers a fact names, as unsigned LEB128 varints.
enum SubjectList {
    static func encode(_ numbers: [Int64]) -> [UInt8] {
        var bytes: [UInt8] = []
        for number in numbers {
            var value = UInt64(number)
            while value >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> [Int64] {
        var numbers: [Int64] = []
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 {
                numbers.append(Int64(value))
                value = 0
                shift = 0
            } else {
                shift += 7
            }
        }
        return numbers
    }
}
