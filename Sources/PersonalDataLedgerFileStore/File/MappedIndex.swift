import LedgerCrypto
import PersonalDataLedger

/// An `INDEX` snapshot (format version 6) read where it lies: fact positions, index slots,
/// their postings and the log's frames are looked up in the file's bytes when a query needs them,
/// never loaded into tables. Only the small tables — subjects and erased offsets — are decoded at open.
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
    private let subjectRecords: Range<Int>
    private let stringBlocks: Range<Int>
    private let strings: Range<Int>
    private let stringHash: Range<Int>
    private let positionBlocks: Range<Int>
    private let positions: Range<Int>
    private let slotBlocks: Range<Int>
    private let slots: Range<Int>
    private let postings: Range<Int>
    private let tokens: Range<Int>
    private let frameBlocks: Range<Int>
    private let frames: Range<Int>
    /// Bytes per offset in the block tables and the subject records (4 or 8).
    private let width: Int

    var positionCount: Int { Int(header.count) }
    var stringCount: Int { Int(header.stringCount) }
    var slotCount: Int { Int(header.slotCount) }
    var frameCount: Int { Int(header.frameCount) }

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
                header.subjectRecordsOffset, header.tablesOffset, header.stringBlocksOffset, header.stringsOffset,
                header.stringHashOffset,
                header.positionBlocksOffset, header.positionsOffset, header.slotBlocksOffset,
                header.slotsOffset, header.postingsOffset, header.tokensOffset, header.frameBlocksOffset,
                header.framesOffset, UInt64(end),
            ]
            guard header.subjectRecordsOffset == UInt64(IndexSnapshot.headerSize),
                zip(bounds, bounds.dropFirst()).allSatisfy({ $0 <= $1 })
            else { throw CodecError.malformed("index sections out of order") }
            subjectRecords = Int(header.subjectRecordsOffset)..<Int(header.tablesOffset)
            stringBlocks = Int(header.stringBlocksOffset)..<Int(header.stringsOffset)
            strings = Int(header.stringsOffset)..<Int(header.stringHashOffset)
            stringHash = Int(header.stringHashOffset)..<Int(header.positionBlocksOffset)
            positionBlocks = Int(header.positionBlocksOffset)..<Int(header.positionsOffset)
            positions = Int(header.positionsOffset)..<Int(header.slotBlocksOffset)
            slotBlocks = Int(header.slotBlocksOffset)..<Int(header.slotsOffset)
            slots = Int(header.slotsOffset)..<Int(header.postingsOffset)
            postings = Int(header.postingsOffset)..<Int(header.tokensOffset)
            tokens = Int(header.tokensOffset)..<Int(header.frameBlocksOffset)
            frameBlocks = Int(header.frameBlocksOffset)..<Int(header.framesOffset)
            frames = Int(header.framesOffset)..<end
            let width = Int(header.offsetWidth)
            self.width = width
            guard header.count <= UInt64(Int32.max) * 16, header.slotCount <= UInt64(Int32.max) * 16,
                header.stringCount <= UInt64(Int32.max), header.subjectCount <= UInt64(UInt32.max - 1),
                UInt64(subjectRecords.count)
                    == header.subjectCount * UInt64(IndexSnapshot.subjectRecordSize(width: width)),
                header.frameCount <= header.count,
                stringBlocks.count == IndexSnapshot.blocks(Int(header.stringCount)) * width,
                stringHash.count == IndexSnapshot.hashCapacity(Int(header.stringCount)) * 4,
                positionBlocks.count == IndexSnapshot.blocks(Int(header.count)) * width,
                slotBlocks.count
                    == IndexSnapshot.blocks(Int(header.slotCount)) * IndexSnapshot.slotBlockSize(width: width),
                frameBlocks.count == IndexSnapshot.blocks(Int(header.frameCount)) * width
            else { throw CodecError.malformed("index block table size") }
            self.header = header
        } catch {
            release(bytes)
            throw error
        }
    }

    deinit { release(bytes) }

    /// Subject `index`'s record (below `header.subjectCount`): where its identifier lies in the
    /// identities vault, and its commitment.
    func subjectRecord(_ index: Int) throws(CodecError) -> (identityOffset: UInt64, commitment: [UInt8]) {
        guard index >= 0, index < Int(header.subjectCount) else { throw CodecError.malformed("subject \(index)") }
        let offset = subjectRecords.lowerBound + index * IndexSnapshot.subjectRecordSize(width: width)
        let commitment = (offset + width)..<(offset + width + Commitment.length)
        return (loadOffset(offset), [UInt8](UnsafeRawBufferPointer(rebasing: bytes[commitment])))
    }

    /// The bytes of the small tables (erased subjects and values), for decoding at open.
    func tableBytes() -> [UInt8] {
        [UInt8](UnsafeRawBufferPointer(rebasing: bytes[Int(header.tablesOffset)..<stringBlocks.lowerBound]))
    }

    // MARK: Strings

    /// The string numbered `index`, which must be below ``stringCount``.
    func string(_ index: Int) throws(CodecError) -> String {
        guard let text = String(validating: try stringBytes(index), as: UTF8.self) else {
            throw CodecError.malformed("string is not UTF-8")
        }
        return text
    }

    /// The number of `text` among the snapshot's strings: a probe of the hash table.
    func stringNumber(of text: String) -> UInt64? {
        let capacity = stringHash.count / 4
        guard capacity > 0 else { return nil }
        let utf8 = Array(text.utf8)
        var slot = IndexSnapshot.slot(IndexSnapshot.hash(utf8), capacity: capacity)
        for _ in 0..<capacity {
            let entry: UInt32 = load(stringHash.lowerBound + slot * 4)
            guard entry != 0 else { return nil }
            let number = Int(entry - 1)
            if number < stringCount, let stored = try? stringBytes(number),
                IndexSnapshot.SlotKey.compare(stored, utf8) == 0
            {
                return UInt64(number)
            }
            slot = slot + 1 == capacity ? 0 : slot + 1
        }
        return nil
    }

    /// Every string, in number order.
    func forEachString(_ body: (String) throws -> Void) throws {
        for index in 0..<stringCount { try body(try string(index)) }
    }

    /// The UTF-8 bytes of string `index`: its block's start, then past the strings before it.
    private func stringBytes(_ index: Int) throws(CodecError) -> UnsafeRawBufferPointer {
        var cursor = try blockStart(stringBlocks.lowerBound + index / IndexSnapshot.blockSize * width, in: strings)
        for _ in 0..<(index % IndexSnapshot.blockSize) {
            let length = try varint(at: &cursor, end: strings.upperBound)
            guard length <= UInt64(strings.upperBound - cursor) else { throw CodecError.truncated }
            cursor += Int(length)
        }
        let length = try varint(at: &cursor, end: strings.upperBound)
        guard length <= UInt64(strings.upperBound - cursor) else { throw CodecError.truncated }
        return UnsafeRawBufferPointer(rebasing: bytes[cursor..<(cursor + Int(length))])
    }

    // MARK: Positions

    /// The position of fact `index + 1`; `index` must be below ``positionCount``. Decodes at
    /// most a block's worth of steps.
    func position(_ index: Int) throws(CodecError) -> FactPosition {
        let block = index / IndexSnapshot.blockSize
        var cursor = try blockStart(positionBlocks.lowerBound + block * width, in: positions)
        var position = try firstPosition(at: &cursor)
        for _ in 0..<(index % IndexSnapshot.blockSize) { position = try nextPosition(after: position, at: &cursor) }
        return position
    }

    /// Every position, in order.
    func forEachPosition(_ body: (FactPosition) throws -> Void) throws {
        var cursor = positions.lowerBound
        var previous = FactPosition(segment: 0, offset: 0, length: 0)
        for index in 0..<positionCount {
            previous =
                index % IndexSnapshot.blockSize == 0
                ? try firstPosition(at: &cursor) : try nextPosition(after: previous, at: &cursor)
            try body(previous)
        }
    }

    private func firstPosition(at cursor: inout Int) throws(CodecError) -> FactPosition {
        guard let segment = UInt32(exactly: try varint(at: &cursor, end: positions.upperBound)),
            let offset = UInt32(exactly: try varint(at: &cursor, end: positions.upperBound)),
            let length = UInt32(exactly: try varint(at: &cursor, end: positions.upperBound))
        else { throw CodecError.malformed("position out of range") }
        return FactPosition(segment: segment, offset: offset, length: length)
    }

    /// The step coding of ``IndexSnapshot/encodeStep(to:after:into:)``: `2·length` right after
    /// the previous record and its own varint length, `1 + 2·(gap + 1)` then the length `gap`
    /// bytes further on, or `1` then segment, offset and length.
    private func nextPosition(after previous: FactPosition, at cursor: inout Int) throws(CodecError) -> FactPosition {
        let step = try varint(at: &cursor, end: positions.upperBound)
        let end = UInt64(previous.offset) + UInt64(previous.length)
        var position = previous
        let offset: UInt64
        let length: UInt64
        if step & 1 == 0 {
            length = step >> 1
            offset = end + UInt64(IndexSnapshot.varintSize(length))
        } else if step == 1 {
            guard let segment = UInt32(exactly: try varint(at: &cursor, end: positions.upperBound)) else {
                throw CodecError.malformed("position out of range")
            }
            position.segment = segment
            offset = try varint(at: &cursor, end: positions.upperBound)
            length = try varint(at: &cursor, end: positions.upperBound)
        } else {
            // Checked before it is added: a gap past any segment must not overflow on the way.
            let gap = (step >> 1) - 1
            guard gap <= UInt64(UInt32.max) else { throw CodecError.malformed("position out of range") }
            offset = end + gap
            length = try varint(at: &cursor, end: positions.upperBound)
        }
        guard let offset = UInt32(exactly: offset), let length = UInt32(exactly: length) else {
            throw CodecError.malformed("position out of range")
        }
        position.offset = offset
        position.length = length
        return position
    }

    /// The start of a block whose offset (relative to `section`) is at `entry`, ``width`` bytes.
    private func blockStart(_ entry: Int, in section: Range<Int>) throws(CodecError) -> Int {
        let offset = loadOffset(entry)
        guard offset < UInt64(section.count) else { throw CodecError.malformed("index block beyond its section") }
        return section.lowerBound + Int(offset)
    }

    // MARK: Frames

    /// The frame numbered `index`, which must be below ``frameCount``. Decodes at most a block's
    /// worth of steps.
    func frame(_ index: Int) throws(CodecError) -> FrameEntry {
        var cursor = try blockStart(frameBlocks.lowerBound + index / IndexSnapshot.blockSize * width, in: frames)
        var frame = try firstFrame(at: &cursor)
        for _ in 0..<(index % IndexSnapshot.blockSize) { frame = try nextFrame(after: frame, at: &cursor) }
        return frame
    }

    /// The number of the frame holding the fact at `sequence`, and the frame; `nil` when no frame
    /// does. A binary search over the blocks' first frames, then a walk of one block.
    func frame(holding sequence: UInt64) throws(CodecError) -> (index: Int, frame: FrameEntry)? {
        var low = 0
        var high = IndexSnapshot.blocks(frameCount)
        while low < high {
            let middle = (low + high) / 2
            var cursor = try blockStart(frameBlocks.lowerBound + middle * width, in: frames)
            if try varint(at: &cursor, end: frames.upperBound) <= sequence { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let block = low - 1
        var cursor = try blockStart(frameBlocks.lowerBound + block * width, in: frames)
        var frame = try firstFrame(at: &cursor)
        var index = block * IndexSnapshot.blockSize
        while sequence >= frame.nextSequence {
            index += 1
            guard index < min(frameCount, (block + 1) * IndexSnapshot.blockSize) else { return nil }
            frame = try nextFrame(after: frame, at: &cursor)
        }
        return sequence >= frame.firstSequence ? (index, frame) : nil
    }

    /// Every frame, in order.
    func forEachFrame(_ body: (FrameEntry) throws -> Void) throws {
        var cursor = frames.lowerBound
        var previous = FrameEntry(segment: 0, offset: 0, payloadLength: 0, firstSequence: 0, count: 0)
        for index in 0..<frameCount {
            previous =
                index % IndexSnapshot.blockSize == 0
                ? try firstFrame(at: &cursor) : try nextFrame(after: previous, at: &cursor)
            try body(previous)
        }
    }

    /// A block's first frame: first sequence, segment, offset, payload length, fact count.
    private func firstFrame(at cursor: inout Int) throws(CodecError) -> FrameEntry {
        let firstSequence = try varint(at: &cursor, end: frames.upperBound)
        guard let segment = UInt32(exactly: try varint(at: &cursor, end: frames.upperBound)),
            let offset = UInt32(exactly: try varint(at: &cursor, end: frames.upperBound))
        else { throw CodecError.malformed("frame out of range") }
        return try frameRest(segment: segment, offset: offset, firstSequence: firstSequence, at: &cursor)
    }

    /// The step coding: `0` when the frame follows the previous one in its segment, `1` then
    /// segment and offset, or `1 + n` when it opens the segment `n` after the previous one's;
    /// then payload length and fact count. Its facts follow the previous frame's.
    private func nextFrame(after previous: FrameEntry, at cursor: inout Int) throws(CodecError) -> FrameEntry {
        let step = try varint(at: &cursor, end: frames.upperBound)
        let segment: UInt32
        let offset: UInt32
        switch step {
        case 0:
            guard let end = UInt32(exactly: previous.end) else { throw CodecError.malformed("frame out of range") }
            (segment, offset) = (previous.segment, end)
        case 1:
            guard let explicit = UInt32(exactly: try varint(at: &cursor, end: frames.upperBound)),
                let at = UInt32(exactly: try varint(at: &cursor, end: frames.upperBound))
            else { throw CodecError.malformed("frame out of range") }
            (segment, offset) = (explicit, at)
        default:
            guard let next = UInt32(exactly: UInt64(previous.segment) + (step - 1)) else {
                throw CodecError.malformed("frame out of range")
            }
            (segment, offset) = (next, UInt32(SegmentHeader.size))
        }
        return try frameRest(segment: segment, offset: offset, firstSequence: previous.nextSequence, at: &cursor)
    }

    private func frameRest(
        segment: UInt32, offset: UInt32, firstSequence: UInt64, at cursor: inout Int
    ) throws(CodecError) -> FrameEntry {
        guard let length = UInt32(exactly: try varint(at: &cursor, end: frames.upperBound)),
            let count = UInt32(exactly: try varint(at: &cursor, end: frames.upperBound)),
            firstSequence >= 1, firstSequence <= header.count + 1, UInt64(count) <= header.count + 1 - firstSequence
        else { throw CodecError.malformed("frame out of range") }
        return FrameEntry(
            segment: segment, offset: offset, payloadLength: length, firstSequence: firstSequence, count: count)
    }

    // MARK: Slots

    /// The sequences recorded under `slot`, in order; empty when the snapshot has no such slot.
    func postings(_ slot: IndexSlot) throws(CodecError) -> [UInt64] {
        let key = IndexSnapshot.SlotKey(slot)
        // The last block whose first slot is not after `key`.
        var low = 0
        var high = IndexSnapshot.blocks(slotCount)
        while low < high {
            let middle = (low + high) / 2
            if try compare(blockKey(middle), with: key) <= 0 { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return [] }
        var found: [UInt64] = []
        try forEachEntry(inBlock: low - 1) { entry, first, range throws(CodecError) in
            if try compare(entry, with: key) == 0, let postings = encodedPostings(first, range) {
                found = try sequences(of: postings)
            }
        }
        return found
    }

    /// The lookup-token slots the snapshot holds (they sort together, after the other kinds').
    func lookupSlots() throws(CodecError) -> [IndexSlot] {
        let kind = IndexSnapshot.SlotKind.lookup.rawValue
        var found: [IndexSlot] = []
        let blocks = IndexSnapshot.blocks(slotCount)
        // A block holds tokens when it starts at or before them and the next starts at or after.
        for block in 0..<blocks
        where blockKey(block).kind <= kind && (block + 1 == blocks || blockKey(block + 1).kind >= kind) {
            try forEachEntry(inBlock: block) { entry, _, _ throws(CodecError) in
                if entry.kind == kind { found.append(try slot(of: entry)) }
            }
        }
        return found
    }

    /// Every slot with its postings as the snapshot stores them (`nil` for a slot with none), in
    /// the snapshot's order: what a new snapshot copies where nothing of a slot was removed.
    func forEachEncodedSlot(_ body: (IndexSlot, EncodedPostings?) throws(CodecError) -> Void) throws(CodecError) {
        for block in 0..<IndexSnapshot.blocks(slotCount) {
            try forEachEntry(inBlock: block) { entry, first, range throws(CodecError) in
                try body(try slot(of: entry), encodedPostings(first, range))
            }
        }
    }

    /// A slot's postings still encoded: the first sequence and the varint steps to the others.
    struct EncodedPostings {
        var first: UInt64
        var steps: UnsafeRawBufferPointer
    }

    /// The postings of an entry whose first sequence is `first` and whose steps lie in `range`.
    private func encodedPostings(_ first: UInt64?, _ range: Range<Int>) -> EncodedPostings? {
        first.map { EncodedPostings(first: $0, steps: UnsafeRawBufferPointer(rebasing: bytes[range])) }
    }

    /// The last sequence of `postings`, its steps summed and each checked as ``postings(_:)``
    /// checks it.
    func last(of postings: EncodedPostings) throws(CodecError) -> UInt64 { try walk(postings) { _ in } }

    /// Every sequence of `postings`, each step checked as ``postings(_:)`` checks it.
    func sequences(of postings: EncodedPostings) throws(CodecError) -> [UInt64] {
        var sequences = [postings.first]
        _ = try walk(postings) { sequences.append($0) }
        return sequences
    }

    /// Calls `body` with each sequence of `postings` after the first, and returns the last.
    private func walk(_ postings: EncodedPostings, _ body: (UInt64) -> Void) throws(CodecError) -> UInt64 {
        var previous = postings.first
        let count = header.count
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for byte in postings.steps {
            guard shift < 64, shift < 63 || byte <= 1 else { throw CodecError.malformed("varint overflows 64 bits") }
            value |= UInt64(byte & 0x7F) << shift
            guard byte & 0x80 == 0 else {
                shift += 7
                continue
            }
            // Checked before it is added: a step past the log must not overflow on the way.
            guard value <= count - previous else { throw CodecError.malformed("posting beyond the log") }
            previous += value
            body(previous)
            (value, shift) = (0, 0)
        }
        guard shift == 0 else { throw CodecError.truncated }
        return previous
    }

    /// A slot entry: kind, and number (for a token, where its text is in the token section).
    struct Entry {
        var kind: UInt8
        var number: UInt64
    }

    /// The first entry of a block, from the block table (kind, 7 zero bytes, u64 number, then
    /// the offsets of the block's entries and of its first postings, ``width`` bytes each).
    private func blockKey(_ block: Int) -> Entry {
        let offset = slotBlocks.lowerBound + block * IndexSnapshot.slotBlockSize(width: width)
        return Entry(kind: bytes[offset], number: load(offset + 8))
    }

    /// The entries of a block with their first posting and the range of the rest: each is a
    /// kind byte, a varint number, the varint first posting (`0` for none, else 1 + the ZigZag
    /// step from the previous first posting in the block) and the varint length of the rest.
    private func forEachEntry(
        inBlock block: Int, _ body: (Entry, UInt64?, Range<Int>) throws(CodecError) -> Void
    ) throws(CodecError) {
        let table = slotBlocks.lowerBound + block * IndexSnapshot.slotBlockSize(width: width)
        var cursor = try blockStart(table + 16, in: slots)
        var postingsStart = try blockStart(table + 16 + width, in: postings.lowerBound..<(postings.upperBound + 1))
        let count = min(IndexSnapshot.blockSize, slotCount - block * IndexSnapshot.blockSize)
        var previousFirst: Int64 = 0
        for _ in 0..<count {
            guard cursor < slots.upperBound else { throw CodecError.truncated }
            let kind = bytes[cursor]
            cursor += 1
            let number = try varint(at: &cursor, end: slots.upperBound)
            let coded = try varint(at: &cursor, end: slots.upperBound)
            var first: UInt64?
            if coded > 0 {
                let (sum, overflow) = previousFirst.addingReportingOverflow(ByteReader.unzigzag(coded - 1))
                guard !overflow, sum >= 1, UInt64(sum) <= header.count else {
                    throw CodecError.malformed("posting beyond the log")
                }
                first = UInt64(sum)
                previousFirst = sum
            }
            let length = try varint(at: &cursor, end: slots.upperBound)
            guard length <= UInt64(postings.upperBound - postingsStart), first != nil || length == 0 else {
                throw CodecError.malformed("postings beyond their section")
            }
            let end = postingsStart + Int(length)
            try body(Entry(kind: kind, number: number), first, postingsStart..<end)
            postingsStart = end
        }
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

    /// Negative when `entry` sorts before `key`, zero when it is `key`.
    private func compare(_ entry: Entry, with key: IndexSnapshot.SlotKey) throws(CodecError) -> Int {
        if entry.kind != key.kind { return entry.kind < key.kind ? -1 : 1 }
        guard let text = key.token else {
            return entry.number == key.number ? 0 : (entry.number < key.number ? -1 : 1)
        }
        let stored = try tokenBytes(at: entry.number)
        return IndexSnapshot.SlotKey.compare(stored, Array(text.utf8))
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

    /// An offset of ``width`` bytes.
    private func loadOffset(_ offset: Int) -> UInt64 {
        width == 4 ? UInt64(load(offset) as UInt32) : load(offset)
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
