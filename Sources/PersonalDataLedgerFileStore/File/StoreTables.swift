import PersonalDataLedger

/// Where a fact's record lies: segment number, byte offset and length of the record.
struct FactPosition: Hashable, Sendable {
    var segment: UInt32
    var offset: UInt32
    var length: UInt32
}

/// An index key with its text replaced by numbers, so the index holds no subject identifier —
/// not even a hash of one — and costs a few bytes per entry.
enum IndexSlot: Hashable, Sendable {
    case subject(UInt64)
    /// The reports issued about a subject number (``IndexKey/accountability(_:)``).
    case accountability(UInt64)
    case reference(UInt64)
    case system(UInt64)
    case kind(UInt8)
    /// A lookup token (itself a keyed hash the ledger made). Kept in memory and in `INDEX`, which
    /// is deleted whenever an erasure drops a token, so no file outlives an erased token.
    case lookup(String)
}

/// What the store knows about a subject number: where its identifier is in the vault, the
/// commitment the chain covers, and the identifier itself until it is erased.
struct SubjectRecord: Hashable, Sendable {
    var identityOffset: UInt64
    var commitment: [UInt8]
    var id: SubjectID?
}

/// One erasure the log records, re-applied to the vault on every open.
enum EraseOperation: Hashable, Sendable {
    /// The value entry at this offset of the values vault.
    case value(offset: UInt64)
    /// The identifier of this subject number.
    case subject(number: UInt64)
    /// A holding's lookup token at this offset of the values vault; the fact leaves its slot.
    case lookup(offset: UInt64, sequence: UInt64)
}

/// Where the log ends: a segment and the offset after its last frame.
struct LogPosition: Hashable, Sendable {
    var segment: UInt64
    var offset: UInt64
}

/// Everything the store knows about the log: interned strings, subjects, positions, the index
/// and the chain head. Positions and postings are read from the mapped snapshot (`INDEX`) where
/// it covers them; the rest, and what came after the snapshot, is in memory. The writer
/// publishes into it after each durable commit; readers read it under the store's lock.
struct StoreTables: Sendable {
    var strings = StringTable()
    var subjects = SubjectTable()
    var positions = PositionTable()
    var index = PostingsTable()
    var frames = FrameTable()
    var erasedValues: Set<UInt64> = []
    var erasedSubjects: Set<UInt64> { subjects.erased }
    var head: [UInt8] = HashChain.empty
    var identitiesEnd: UInt64 = VaultFile.headerSize
    var valuesEnd: UInt64 = VaultFile.headerSize
    var logEnd = LogPosition(segment: 1, offset: UInt64(SegmentHeader.size))

    var count: UInt64 { UInt64(positions.count) }

    init() {}

    /// Empty tables of a store whose identifiers `identities` reads.
    init(identities: IdentityReader) {
        subjects = SubjectTable(identities: identities)
    }

    /// Where the record of the fact at `sequence` (1 ... ``count``) lies.
    func position(of sequence: UInt64) throws(CodecError) -> FactPosition { try positions.position(Int(sequence - 1)) }

    /// The slot an index key has, or `nil` when nothing was ever recorded under it.
    ///
    /// - Throws: `LedgerStoreError` (`corrupted`) when a subject's identifier cannot be read.
    func slot(for key: IndexKey) throws -> IndexSlot? {
        switch key {
        case .subject(let id): try subjects.number(of: id).map(IndexSlot.subject)
        case .accountability(let id): try subjects.number(of: id).map(IndexSlot.accountability)
        case .reference(let reference): strings.number(of: reference.rawValue).map(IndexSlot.reference)
        case .system(let system): strings.number(of: system.rawValue).map(IndexSlot.system)
        case .kind(let kind): .kind(FactRecordFormat.tag(of: kind))
        case .lookup(let token): .lookup(token)
        }
    }

    /// Records an erasure: the value or identifier reads as erased from now on, and an erased
    /// subject leaves the index.
    ///
    /// For a lookup token, `token` names its slot when the caller could still read it; without it
    /// every lookup slot is searched (only replay over a stale snapshot needs that).
    mutating func apply(_ operation: EraseOperation, token: String? = nil) {
        switch operation {
        case .value(let offset): erasedValues.insert(offset)
        case .lookup(let offset, let sequence):
            erasedValues.insert(offset)
            index.remove(sequence, from: token.map(IndexSlot.lookup))
        case .subject(let number):
            guard Int(number) < subjects.count else { return }
            subjects.erase(number)
            index.drop(.subject(number))
            index.drop(.accountability(number))
        }
    }

    mutating func define(string: String) {
        strings.define(string)
    }

    mutating func define(subject: SubjectRecord) {
        subjects.define(subject)
    }

    /// Reads strings, subjects, positions, postings and frames from `index` from now on —
    /// a snapshot of `copy`, a copy of these tables taken at most as many facts ago as the
    /// writer has published since (with `hash` its `SUBJECTS`, if that was written) — and keeps
    /// in memory only what came after it; `false` (nothing changed) when `index` is not that
    /// snapshot, or an erasure since the copy dropped or removed postings the snapshot still holds.
    mutating func rebase(
        on index: MappedIndex, madeFrom copy: StoreTables, hash: SubjectHash?, identities: IdentityReader
    ) -> Bool {
        guard index.header.count == copy.count, index.header.head == copy.head,
            index.stringCount == copy.strings.count, Int(index.header.subjectCount) == copy.subjects.count,
            index.frameCount == copy.frames.count, copy.count <= count, copy.strings.count <= strings.count,
            copy.subjects.count <= subjects.count, copy.frames.count <= frames.count,
            index.positionCount >= positions.count - positions.addedCount,
            copy.index.removals == self.index.removals
        else {
            return false
        }
        subjects = subjects.rebased(on: index, hash: hash, identities: identities)
        strings = strings.rebased(on: index)
        positions = positions.rebased(on: index)
        self.index = self.index.rebased(on: index, after: copy.count)
        frames = frames.rebased(on: index)
        return true
    }

    /// Appends the frame whose facts were just published: the `count` facts before the end.
    mutating func publish(frameAt offset: UInt64, in segment: UInt32, payloadLength: Int, count: Int) {
        frames.append(
            FrameEntry(
                segment: segment, offset: UInt32(offset), payloadLength: UInt32(payloadLength),
                firstSequence: self.count + 1 - UInt64(count), count: UInt32(count)))
    }

    /// Appends a fact's position and its index entries.
    mutating func publish(position: FactPosition, slots: [IndexSlot]) {
        positions.append(position)
        let sequence = count
        for slot in slots { index.append(sequence, to: slot) }
    }
}
