import PersonalDataLedger

/// Encodes the batches of one group commit: log frames, vault entries, and what to publish.
///
/// It reads the published tables and never changes them: new strings and subjects are kept
/// aside and published only after the group is durable, so a failed write leaves nothing
/// behind in memory that the disk does not have.
///
/// `@unchecked Sendable` because it crosses the store's lock as a value: only the writer
/// thread ever holds one, one group at a time.
final class BatchEncoder: FactEncodingContext, @unchecked Sendable {
    /// One append or erase call, encoded.
    struct Batch: Sendable {
        var frame: [UInt8]
        var header: BatchHeader
        /// Record offset (within the frame) and length of each fact.
        var records: [(offset: Int, length: Int)]
        var facts: [Fact]
        var slots: [[IndexSlot]]
        var operations: [EraseOperation]
    }

    /// The published tables while encoding; emptied by ``finish()`` so that no copy of them is
    /// alive when the writer publishes (a live copy would make that publish copy every table).
    private var tables: StoreTables
    private let baseIdentitiesEnd: UInt64
    private let baseValuesEnd: UInt64
    private(set) var newStrings: [String] = []
    /// The number of every string this group has looked up or defined: a string the group's
    /// facts name again costs one hash, not a look-up in the published tables.
    private var stringNumbers: [String: UInt64] = [:]
    private(set) var newSubjects: [SubjectRecord] = []
    private var newSubjectNumbers: [SubjectID: UInt64] = [:]
    /// The subject looked up last: a fact's index slots name the subject it was just encoded with.
    private var lastSubject: (id: SubjectID, number: UInt64)?
    /// Vault bytes to append, starting at the published ends.
    private(set) var identities = ByteWriter()
    private(set) var values = ByteWriter()
    private(set) var sequence: UInt64
    private(set) var head: [UInt8]

    private var defines = ByteWriter()
    private var defineCount = 0
    private let salts: SaltSource
    /// The given commitments of the fact being encoded (``LedgerStore/append(_:committedAs:)``).
    private var preset: PresetCommitter?
    /// Subjects appended with their commitment only (erased where they came from), by commitment.
    private var erasedSubjectNumbers: [[UInt8]: UInt64] = [:]
    /// Why the given commitments cannot be kept; the writer then writes nothing.
    private(set) var refusal: String?
    /// What was found damaged while encoding (a subject's identifier that cannot be read); the
    /// writer then writes nothing and throws it.
    private(set) var damage: (any Error)?

    init(tables: StoreTables, salts: SaltSource = .random) {
        self.tables = tables
        self.salts = salts
        self.baseIdentitiesEnd = tables.identitiesEnd
        self.baseValuesEnd = tables.valuesEnd
        self.sequence = tables.count + 1
        self.head = tables.head
    }

    var identitiesEnd: UInt64 { baseIdentitiesEnd + UInt64(identities.count) }
    var valuesEnd: UInt64 { baseValuesEnd + UInt64(values.count) }

    /// Drops the encoder's view of the published tables; call before leaving the lock.
    func finish() { tables = StoreTables() }

    /// Encodes one call's facts (and, for an erasure, its vault operations) as one frame.
    ///
    /// With `committedAs`, each fact's personal fields are committed as given; a fact they do not
    /// fit sets ``refusal``.
    func encode(
        _ drafts: [NewFact], committedAs fields: [[FieldCommitment]]? = nil,
        operations: (BatchEncoder) -> [EraseOperation] = { _ in [] }
    ) -> Batch {
        let first = sequence
        defines = ByteWriter()
        defineCount = 0
        var records = ByteWriter()
        var recordRanges: [(Int, Int)] = []
        var facts: [Fact] = []
        var slots: [[IndexSlot]] = []
        for (position, draft) in drafts.enumerated() {
            preset = fields.map { PresetCommitter($0[position]) }
            var encoder = FactRecordEncoder(context: self, sequence: sequence)
            encoder.encode(draft)
            if let problem = preset?.refusal, refusal == nil { refusal = "Fact \(sequence): \(problem)" }
            preset = nil
            head = HashChain.link(head, canonical: encoder.canonical.bytes)
            records.varint(encoder.record.count)
            recordRanges.append((records.count, encoder.record.count))
            records.raw(encoder.record.bytes)
            let fact = Fact(sequence: sequence, draft)
            facts.append(fact)
            slots.append(indexSlots(of: fact.body, committed: fields != nil))
            sequence += 1
        }
        let operations = operations(self)
        let header = BatchHeader(
            firstSequence: first, count: UInt64(drafts.count), identitiesEnd: identitiesEnd,
            valuesEnd: valuesEnd, head: head)
        var frame = ByteWriter(capacity: LogFrame.headerSize + 64 + defines.count + records.count + 16)
        var recordsStart = 0
        LogFrame.append(to: &frame) { payload in
            header.encode(into: &payload)
            payload.varint(defineCount)
            payload.raw(defines.bytes)
            recordsStart = payload.count
            payload.raw(records.bytes)
            payload.varint(operations.count)
            for operation in operations {
                switch operation {
                case .value(let offset):
                    payload.byte(1)
                    payload.varint(offset)
                case .subject(let number):
                    payload.byte(2)
                    payload.varint(number)
                case .lookup(let offset, let sequence):
                    payload.byte(3)
                    payload.varint(offset)
                    payload.varint(sequence)
                }
            }
        }
        return Batch(
            frame: frame.bytes, header: header,
            records: recordRanges.map { (recordsStart + $0.0, $0.1) }, facts: facts, slots: slots,
            operations: operations)
    }

    /// The number a subject has now, whether published or new in this group; `nil` also when
    /// its lookup failed, which ``damage`` then records.
    func subjectNumber(_ id: SubjectID) -> UInt64? {
        if let lastSubject, lastSubject.id == id { return lastSubject.number }
        if let number = newSubjectNumbers[id] { return number }
        do {
            let number = try tables.subjects.number(of: id)
            if let number { lastSubject = (id, number) }
            return number
        } catch {
            if damage == nil { damage = error }
            return nil
        }
    }

    /// A subject's record, published or new in this group.
    private func subjectRecord(_ number: UInt64) -> (identityOffset: UInt64, commitment: [UInt8]) {
        guard Int(number) < tables.subjects.count else {
            let record = newSubjects[Int(number) - tables.subjects.count]
            return (record.identityOffset, record.commitment)
        }
        do { return try tables.subjects.record(number) } catch {
            if damage == nil { damage = error }
            return (0, [UInt8](repeating: 0, count: Commitment.length))
        }
    }

    private func stringNumber(_ text: String) -> UInt64? {
        if let number = stringNumbers[text] { return number }
        guard let number = tables.strings.number(of: text) else { return nil }
        stringNumbers[text] = number
        return number
    }

    /// The index slots of a fact; one appended with given commitments (`committed`) puts no
    /// erased identifier in the index.
    private func indexSlots(of body: Fact.Body, committed: Bool) -> [IndexSlot] {
        var slots: [IndexSlot] = []
        for key in body.indexKeys where !(committed && key.subjectID == .erased) {
            let slot: IndexSlot? =
                switch key {
                case .subject(let id): subjectNumber(id).map(IndexSlot.subject)
                case .accountability(let id): subjectNumber(id).map(IndexSlot.accountability)
                case .reference(let reference): stringNumber(reference.rawValue).map(IndexSlot.reference)
                case .system(let system): stringNumber(system.rawValue).map(IndexSlot.system)
                case .kind(let kind): .kind(FactRecordFormat.tag(of: kind))
                case .lookup(let token): .lookup(token)
                }
            if let slot, !slots.contains(slot) { slots.append(slot) }
        }
        return slots
    }

    // MARK: FactEncodingContext

    func intern(_ text: String) -> UInt64 {
        if let number = stringNumber(text) { return number }
        let number = UInt64(tables.strings.count + newStrings.count)
        newStrings.append(text)
        stringNumbers[text] = number
        defines.byte(1)
        defines.string(text)
        defineCount += 1
        return number
    }

    func subject(_ id: SubjectID) -> (number: UInt64, commitment: [UInt8]) {
        if preset != nil { return presetSubject(id) }
        if let number = subjectNumber(id) {
            let record = subjectRecord(number)
            return (number, record.commitment)
        }
        let salt = salts.next()
        let commitment = Commitment.commit(id.rawValue, salt: salt, domain: Commitment.subjectDomain)
        let offset = identitiesEnd
        VaultFile.appendEntry(text: id.rawValue, salt: salt, to: &identities)
        let number = UInt64(tables.subjects.count + newSubjects.count)
        newSubjects.append(SubjectRecord(identityOffset: offset, commitment: commitment, id: id))
        newSubjectNumbers[id] = number
        lastSubject = (id, number)
        defines.byte(2)
        defines.varint(offset)
        defines.raw(commitment)
        defineCount += 1
        return (number, commitment)
    }

    func value(_ value: PersonalValue) -> StoredValue {
        if preset != nil { return presetValue(value) }
        guard let text = value.revealed else { return .erasedAtAppend }
        let salt = salts.next()
        let offset = valuesEnd
        VaultFile.appendEntry(text: text, salt: salt, to: &values)
        return .vault(
            offset: offset, commitment: Commitment.commit(text, salt: salt, domain: Commitment.valueDomain))
    }

    // MARK: Given commitments

    /// A subject committed as given: a live identifier with its salt (the one this store holds
    /// for it, if it holds it), or an erased one as a subject whose vault entry is erased already.
    private func presetSubject(_ id: SubjectID) -> (number: UInt64, commitment: [UInt8]) {
        let commitment = preset!.commitment(forSubject: id)
        guard let salt = preset!.salts.last ?? nil else {
            if let number = erasedSubjectNumbers[commitment] { return (number, commitment) }
            let number = define(subject: nil, entry: VaultFile.erasedEntry(length: Self.erasedEntryLength), commitment)
            erasedSubjectNumbers[commitment] = number
            return (number, commitment)
        }
        if let number = subjectNumber(id) {
            let record = subjectRecord(number)
            if record.commitment != commitment, refusal == nil {
                refusal =
                    "Fact \(sequence): a subject identifier the store holds is given another salt than the store keeps for it."
            }
            return (number, record.commitment)
        }
        let number = define(subject: id, entry: VaultFile.entry(text: id.rawValue, salt: salt), commitment)
        newSubjectNumbers[id] = number
        return (number, commitment)
    }

    /// A value committed as given: live with its salt, or an erased vault entry beside the
    /// commitment the chain covers, or nothing for a value erased before it was recorded.
    private func presetValue(_ value: PersonalValue) -> StoredValue {
        guard let commitment = preset!.commitment(forValue: value) else { return .erasedAtAppend }
        let offset = valuesEnd
        if let salt = preset!.salts.last ?? nil, let text = value.revealed {
            VaultFile.appendEntry(text: text, salt: salt, to: &values)
        } else {
            values.raw(VaultFile.erasedEntry(length: Self.erasedEntryLength))
        }
        return .vault(offset: offset, commitment: commitment)
    }

    /// An erased entry one byte longer than an empty live one, so a later erasure of it finds a
    /// sane length and leaves it as it is.
    private static let erasedEntryLength = VaultFile.entryOverhead + 1

    private func define(subject id: SubjectID?, entry: [UInt8], _ commitment: [UInt8]) -> UInt64 {
        let offset = identitiesEnd
        identities.raw(entry)
        let number = UInt64(tables.subjects.count + newSubjects.count)
        newSubjects.append(SubjectRecord(identityOffset: offset, commitment: commitment, id: id))
        defines.byte(2)
        defines.varint(offset)
        defines.raw(commitment)
        defineCount += 1
        return number
    }
}
