import LedgerCrypto
import PersonalDataLedger

/// An `INDEX` snapshot (format version 4) read where it lies: fact positions, index slots and
/// their postings are looked up in the file's bytes when a query needs them, never loaded into
/// tables. Only the small tables — strings, subjects, erased offsets — are decoded at open.
///
/// The bytes are a read-only shared mapping of the file (or, for tests and the fuzz probe, a
/// copy in memory). `INDEX` is only ever replaced by a rename, never written in place or cut,
/// so a mapping of the file as it was stays valid for as long as this object lives.
///
/// Every section's bounds are checked once here; every read checks its own bounds again, so
/// bytes that pass the checksum but are impossible are a ``CodecError``, never a trap.
final class MappedIndex: @unchecked Sendable {
    // Unchecked: the bytes are read-only for the object's whole life, and `release` runs once.
    private let bytes: UnsafeRawBufferPointer
    private let release: @Sendable (UnsafeRawBufferPointer) -> Void

    let header: IndexSnapshot.Header
    private let positions: Range<Int>
    private let slots: Range<Int>
    private let postings: Range<Int>
    private let tokens: Range<Int>

    var positionCount: Int { positions.count / IndexSnapshot.positionSize }
    var slotCount: Int { slots.count / IndexSnapshot.slotSize }

    /// Wraps bytes whose whole-file checksum the caller has checked; `release` gives them back.
    init(
        bytes: UnsafeRawBufferPointer, release: @escaping @Sendable (UnsafeRawBufferPointer) -> Void
    ) throws(CodecError) {
        self.bytes = bytes
        self.release = release
        do throws(CodecError) {
            let header = try IndexSnapshot.Header(bytes)
            let end = bytes.count - 4
            let bounds = [
                header.tablesOffset, header.positionsOffset, header.slotsOffset, header.postingsOffset,
                header.tokensOffset, UInt64(end),
            ]
            guard header.tablesOffset == UInt64(IndexSnapshot.headerSize),
                zip(bounds, bounds.dropFirst()).allSatisfy({ $0 <= $1 })
            else { throw CodecError.malformed("index sections out of order") }
            positions = Int(header.positionsOffset)..<Int(header.slotsOffset)
            slots = Int(header.slotsOffset)..<Int(header.postingsOffset)
            postings = Int(header.postingsOffset)..<Int(header.tokensOffset)
            tokens = Int(header.tokensOffset)..<end
            guard positions.count == Int(header.count) * IndexSnapshot.positionSize else {
                throw CodecError.malformed("position count")
            }
            guard slots.count % IndexSnapshot.slotSize == 0 else { throw CodecError.malformed("slot table size") }
            self.header = header
        } catch {
            release(bytes)
            throw error
        }
    }

    deinit { release(bytes) }

    /// The bytes of the small tables (strings, subjects, erased offsets), for decoding at open.
    func tableBytes() -> [UInt8] {
        [UInt8](UnsafeRawBufferPointer(rebasing: bytes[Int(header.tablesOffset)..<positions.lowerBound]))
    }

    /// The position of fact `index + 1`; `index` must be below ``positionCount``.
    func position(_ index: Int) -> FactPosition {
        let offset = positions.lowerBound + index * IndexSnapshot.positionSize
        return FactPosition(segment: load(offset), offset: load(offset + 4), length: load(offset + 8))
    }

    /// The sequences recorded under `slot`, in order; empty when the snapshot has no such slot.
    func postings(_ slot: IndexSlot) throws(CodecError) -> [UInt64] {
        guard let entry = try find(slot) else { return [] }
        return try decodePostings(entry)
    }

    /// The lookup-token slots the snapshot holds (they sort together, after the other kinds').
    func lookupSlots() throws(CodecError) -> [IndexSlot] {
        let kind = IndexSnapshot.SlotKind.lookup.rawValue
        var low = 0
        var high = slotCount
        while low < high {
            let middle = (low + high) / 2
            if entry(middle).kind < kind { low = middle + 1 } else { high = middle }
        }
        var found: [IndexSlot] = []
        while low < slotCount, entry(low).kind == kind {
            found.append(try slot(of: entry(low)))
            low += 1
        }
        return found
    }

    /// Every slot with its postings, in the snapshot's order (``IndexSnapshot/SlotKey``).
    func forEachSlot(_ body: (IndexSlot, [UInt64]) throws -> Void) throws {
        for index in 0..<slotCount {
            let entry = entry(index)
            try body(try slot(of: entry), try decodePostings(entry))
        }
    }

    // MARK: Slots

    /// One 24-byte slot entry: kind, posting count, number (for a token, where its text is in
    /// the token section), and where its postings start in the postings section.
    struct Entry {
        var kind: UInt8
        var count: UInt32
        var number: UInt64
        var postingsOffset: UInt64
    }

    private func entry(_ index: Int) -> Entry {
        let offset = slots.lowerBound + index * IndexSnapshot.slotSize
        return Entry(
            kind: bytes[offset], count: load(offset + 4), number: load(offset + 8), postingsOffset: load(offset + 16))
    }

    private func slot(of entry: Entry) throws(CodecError) -> IndexSlot {
        guard let kind = IndexSnapshot.SlotKind(rawValue: entry.kind) else {
            throw CodecError.malformed("index slot kind \(entry.kind)")
        }
        switch kind {
        case .subject: return .subject(entry.number)
        case .reference: return .reference(entry.number)
        case .system: return .system(entry.number)
        case .kind:
            guard entry.number < 256 else { throw CodecError.malformed("index slot kind \(entry.kind)") }
            return .kind(UInt8(entry.number))
        case .lookup: return .lookup(try token(at: entry.number))
        case .accountability: return .accountability(entry.number)
        }
    }

    /// Binary search over the sorted slot entries.
    private func find(_ slot: IndexSlot) throws(CodecError) -> Entry? {
        let key = IndexSnapshot.SlotKey(slot)
        var low = 0
        var high = slotCount
        while low < high {
            let middle = (low + high) / 2
            let entry = entry(middle)
            let order = try compare(entry, with: key)
            if order == 0 { return entry }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Negative when `entry` sorts before `key`, zero when it is `key`.
    private func compare(_ entry: Entry, with key: IndexSnapshot.SlotKey) throws(CodecError) -> Int {
        if entry.kind != key.kind { return entry.kind < key.kind ? -1 : 1 }
        guard let text = key.token else {
            return entry.number == key.number ? 0 : (entry.number < key.number ? -1 : 1)
        }
        let stored = try tokenBytes(at: entry.number)
        return IndexSnapshot.SlotKey.compare(stored, Array(text.utf8))
    }

    private func decodePostings(_ entry: Entry) throws(CodecError) -> [UInt64] {
        guard entry.postingsOffset < UInt64(postings.count) else {
            throw CodecError.malformed("postings beyond their section")
        }
        var position = postings.lowerBound + Int(entry.postingsOffset)
        var sequences: [UInt64] = []
        sequences.reserveCapacity(Int(min(entry.count, 1 << 20)))
        var previous: UInt64 = 0
        let count = header.count
        for _ in 0..<entry.count {
            let step = try varint(at: &position, end: postings.upperBound)
            // Checked before it is added: a step past the log must not overflow on the way.
            guard step <= count - previous else { throw CodecError.malformed("posting beyond the log") }
            previous += step
            sequences.append(previous)
        }
        return sequences
    }

    // MARK: Tokens

    private func tokenBytes(at offset: UInt64) throws(CodecError) -> UnsafeRawBufferPointer {
        guard offset < UInt64(tokens.count) else { throw CodecError.malformed("token beyond its section") }
        var position = tokens.lowerBound + Int(offset)
        let length = try varint(at: &position, end: tokens.upperBound)
        guard length <= UInt64(tokens.upperBound - position) else { throw CodecError.truncated }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + Int(length))])
    }

    private func token(at offset: UInt64) throws(CodecError) -> String {
        guard let text = String(validating: try tokenBytes(at: offset), as: UTF8.self) else {
            throw CodecError.malformed("string is not UTF-8")
        }
        return text
    }

    // MARK: Bytes

    private func load<T: FixedWidthInteger>(_ offset: Int) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    private func varint(at position: inout Int, end: Int) throws(CodecError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw CodecError.truncated }
            let byte = bytes[position]
            position += 1
            guard shift < 64, shift < 63 || byte <= 1 else { throw CodecError.malformed("varint overflows 64 bits") }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }
}
