import LedgerCrypto
import PersonalDataLedger

/// The `INDEX` file: the tables as of a point in the log, so open replays only what came after.
///
/// Replaced atomically (temporary file, sync, rename, directory sync) and tagged with the log
/// position, count and chain head it covers. A snapshot that does not decode, or whose tag does
/// not match the log, is ignored and the tables are rebuilt from the log. It holds no subject
/// identifier and no hash of one: subjects are numbers; their identifiers live in the vault.
///
/// Format version 6 is laid out to be read where it lies (``MappedIndex``): open decodes only
/// the small tables, and subject records, fact positions, postings and frames are read from the mapped file when
/// a query needs them, a block of at most 16 entries at a time. Layout (integers little-endian):
///
/// An *offset* below is `w` bytes, `w` the header's offset width: 4 while every section and the
/// identities vault are under 4 GiB, else 8.
///
/// - header, 224 bytes: magic `PDL-IDX\0`, version u32, offset width u32; u64 log segment, log
///   offset, count, identities end, values end; the 32-byte head; u64 offsets of sections
///   (tables, position blocks, positions, slot blocks, slots, postings, tokens), u64 slot count,
///   u64 offsets of sections (string blocks, strings, string hash), u64 string count; u64
///   offset of the subject records, u64 subject count; u64 offsets of sections (frame blocks,
///   frames), u64 frame count;
/// - subject records, `w + 16` bytes per subject number: identity offset, 16-byte commitment
///   (``SubjectTable``; `SUBJECTS` finds a number by identifier);
/// - tables, varints: erased subject numbers (count, then steps from the previous); erased
///   value offsets (count, offsets);
/// - string blocks: per 16 strings, the offset of their block in the strings section;
/// - strings: length-prefixed UTF-8, in number order;
/// - string hash: ``hashCapacity(_:)`` u32 entries, each a string number + 1 (0 empty), placed
///   by ``slot(_:capacity:)`` of ``hash(_:)`` of the string's UTF-8 and linear probing;
/// - position blocks: per 16 facts, the offset of their block in the positions section;
/// - positions, varints: per block, the first fact's segment, offset and length, then for each
///   next one a step (``encodeStep(to:after:into:)``) — `2·length` for a record right after the
///   previous one and its own varint length, `1 + 2·(gap + 1)` then the length `gap` bytes
///   further on in the same segment, or `1` then segment, offset and length;
/// - slot blocks, `16 + 2w` bytes per 16 slots: the block's first slot (kind byte, 7 zero
///   bytes, u64 number), the offset of its entries in the slots section, the offset of its
///   first postings in the postings section;
/// - slots, sorted by kind, then number or token text: kind byte (1 subject, 2 reference,
///   3 system, 4 kind, 5 lookup token, 6 reports issued about a subject), varint number (for a
///   lookup token, where its text is in the token section), varint first posting (`0` for none,
///   else 1 + the ZigZag step from the previous slot's first posting in the block, from 0 for
///   the block's first), varint length of the rest of its postings;
/// - postings: per slot, the steps after its first posting as varints, one slot's after another's;
/// - tokens: length-prefixed UTF-8 lookup tokens;
/// - frame blocks: per 16 frames of the log the snapshot covers, the offset of their block
///   in the frames section;
/// - frames, varints: per block, the first frame's first sequence, segment, offset, payload
///   length and fact count, then for each next one a step — `0` right after the previous frame,
///   `1 + n` at the start of the segment `n` after the previous one's, or `1` then segment and
///   offset — its payload length and fact count (its facts follow the previous frame's). Open
///   checks the frames of the log against it without reading them; a read checks a frame's
///   CRC-32C the first time it reads a fact in it;
/// - a CRC-32C u32 of everything before it, checked at open.
enum IndexSnapshot {
    static let magic = Array("PDL-IDX\0".utf8)
    /// 6: 4-byte offsets below 4 GiB, a record's position implied by its length, a slot's first
    /// posting beside it (2.3 MB less at 1M facts than 5). 5: subjects as fixed-size records,
    /// found by identifier through `SUBJECTS`, and a frame table, so open need not read the
    /// frames the snapshot covers. A snapshot of an older version is ignored and the index
    /// rebuilt from the log once.
    static let version: UInt32 = 6
    static let headerSize = 224
    /// Bytes per subject record: identity offset, commitment.
    static func subjectRecordSize(width: Int) -> Int { width + Commitment.length }
    /// Positions and slots are coded in blocks of this many; a lookup decodes one block.
    static let blockSize = 16
    /// Bytes per slot block: kind, 7 zero bytes, u64 number, two offsets.
    static func slotBlockSize(width: Int) -> Int { 16 + 2 * width }

    /// A fact's position after the previous one's, for the positions section: `2·length` when
    /// the record follows the previous record's end and its own varint length (the usual case,
    /// one byte for a record under 64 bytes); `1 + 2·(gap + 1)` then the length when it lies
    /// `gap` bytes further on in the same segment; `1`, segment, offset, then the length otherwise.
    static func encodeStep(to position: FactPosition, after previous: FactPosition, into writer: inout ByteWriter) {
        let end = UInt64(previous.offset) + UInt64(previous.length)
        let offset = UInt64(position.offset)
        let length = UInt64(position.length)
        if position.segment == previous.segment, offset == end + UInt64(varintSize(length)) {
            writer.varint(length << 1)
        } else if position.segment == previous.segment, offset >= end {
            writer.varint(((offset - end + 1) << 1) | 1)
            writer.varint(length)
        } else {
            writer.varint(1)
            writer.varint(UInt64(position.segment))
            writer.varint(offset)
            writer.varint(length)
        }
    }

    /// Bytes of `value` as a varint.
    static func varintSize(_ value: UInt64) -> Int { max(1, (64 - value.leadingZeroBitCount + 6) / 7) }

    static func blocks(_ count: Int) -> Int { (count + blockSize - 1) / blockSize }

    /// Entries of a hash table of `count` numbers: at most three quarters full.
    static func hashCapacity(_ count: Int) -> Int {
        count == 0 ? 0 : count + count / 3 + 1
    }

    /// The slot a hash falls in, in a table of `capacity` entries: the high half of the
    /// product, which spreads the hash over any capacity, not only a power of two.
    static func slot(_ hash: UInt64, capacity: Int) -> Int {
        Int(hash.multipliedFullWidth(by: UInt64(capacity)).high)
    }

    /// FNV-1a over the bytes, finished with SplitMix64's mix so that the low bits spread.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// The kind byte of a slot entry, which is also its first sort key.
    enum SlotKind: UInt8 {
        case subject = 1
        case reference = 2
        case system = 3
        case kind = 4
        case lookup = 5
        case accountability = 6
    }

    /// The order slot entries are sorted in: kind, then number — or for lookup tokens, the
    /// token's UTF-8 bytes.
    struct SlotKey {
        var kind: UInt8
        var number: UInt64
        var token: String?

        init(_ slot: IndexSlot) {
            switch slot {
            case .subject(let number): (kind, self.number, token) = (SlotKind.subject.rawValue, number, nil)
            case .reference(let number): (kind, self.number, token) = (SlotKind.reference.rawValue, number, nil)
            case .system(let number): (kind, self.number, token) = (SlotKind.system.rawValue, number, nil)
            case .kind(let tag): (kind, self.number, token) = (SlotKind.kind.rawValue, UInt64(tag), nil)
            case .lookup(let text): (kind, self.number, token) = (SlotKind.lookup.rawValue, 0, text)
            case .accountability(let number):
                (kind, self.number, token) = (SlotKind.accountability.rawValue, number, nil)
            }
        }

        static func precedes(_ a: SlotKey, _ b: SlotKey) -> Bool {
            if a.kind != b.kind { return a.kind < b.kind }
            if let x = a.token, let y = b.token { return compare(Array(x.utf8), Array(y.utf8)) < 0 }
            return a.number < b.number
        }

        /// Byte-wise order of two UTF-8 texts: negative, zero or positive.
        static func compare(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Int {
            for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        }
    }

    /// The fixed header.
    struct Header {
        var logEnd: LogPosition
        var count: UInt64
        var identitiesEnd: UInt64
        var valuesEnd: UInt64
        var head: [UInt8]
        /// Bytes of every offset in a block table and of a subject record's identity offset: 4
        /// while every section and the identities vault are below 4 GiB, else 8.
        var offsetWidth: UInt32 = 8
        var tablesOffset: UInt64 = 0
        var positionBlocksOffset: UInt64 = 0
        var positionsOffset: UInt64 = 0
        var slotBlocksOffset: UInt64 = 0
        var slotsOffset: UInt64 = 0
        var postingsOffset: UInt64 = 0
        var tokensOffset: UInt64 = 0
        var slotCount: UInt64 = 0
        var stringBlocksOffset: UInt64 = 0
        var stringsOffset: UInt64 = 0
        var stringHashOffset: UInt64 = 0
        var stringCount: UInt64 = 0
        var subjectRecordsOffset: UInt64 = 0
        var subjectCount: UInt64 = 0
        var frameBlocksOffset: UInt64 = 0
        var framesOffset: UInt64 = 0
        var frameCount: UInt64 = 0

        init(tables: StoreTables) {
            logEnd = tables.logEnd
            count = tables.count
            identitiesEnd = tables.identitiesEnd
            valuesEnd = tables.valuesEnd
            head = tables.head
        }

        /// Reads the header of a snapshot whose checksum matched.
        init(_ bytes: UnsafeRawBufferPointer) throws(CodecError) {
            guard bytes.count >= headerSize + 4, bytes.starts(with: magic) else {
                throw CodecError.malformed("not an index snapshot")
            }
            func load(_ offset: Int) -> UInt64 {
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            }
            let version = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            guard version == IndexSnapshot.version else { throw CodecError.unsupportedVersion(UInt64(version)) }
            offsetWidth = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            guard offsetWidth == 4 || offsetWidth == 8 else { throw CodecError.malformed("index offset width") }
            logEnd = LogPosition(segment: load(16), offset: load(24))
            count = load(32)
            identitiesEnd = load(40)
            valuesEnd = load(48)
            head = Array(bytes[56..<88])
            tablesOffset = load(88)
            positionBlocksOffset = load(96)
            positionsOffset = load(104)
            slotBlocksOffset = load(112)
            slotsOffset = load(120)
            postingsOffset = load(128)
            tokensOffset = load(136)
            slotCount = load(144)
            stringBlocksOffset = load(152)
            stringsOffset = load(160)
            stringHashOffset = load(168)
            stringCount = load(176)
            subjectRecordsOffset = load(184)
            subjectCount = load(192)
            frameBlocksOffset = load(200)
            framesOffset = load(208)
            frameCount = load(216)
        }

        func encode(into writer: inout ByteWriter) {
            writer.raw(magic)
            writer.uint32LE(version)
            writer.uint32LE(offsetWidth)
            for value in [logEnd.segment, logEnd.offset, count, identitiesEnd, valuesEnd] { writer.uint64LE(value) }
            writer.raw(head)
            for value in [
                tablesOffset, positionBlocksOffset, positionsOffset, slotBlocksOffset, slotsOffset, postingsOffset,
                tokensOffset, slotCount, stringBlocksOffset, stringsOffset, stringHashOffset, stringCount,
                subjectRecordsOffset, subjectCount, frameBlocksOffset, framesOffset, frameCount,
            ] {
                writer.uint64LE(value)
            }
        }
    }

    // MARK: Encoding

    static func encode(_ tables: StoreTables) throws -> [UInt8] {
        var identityOffsets: [UInt64] = []
        var commitments: [UInt8] = []
        identityOffsets.reserveCapacity(tables.subjects.count)
        commitments.reserveCapacity(tables.subjects.count * Commitment.length)
        try tables.subjects.forEachRecord { record in
            identityOffsets.append(record.identityOffset)
            commitments.append(contentsOf: record.commitment)
        }
        var small = ByteWriter(capacity: 64)
        small.varint(tables.erasedSubjects.count)
        var previousErased: UInt64 = 0
        for number in tables.erasedSubjects.sorted() {
            small.varint(number - previousErased)
            previousErased = number
        }
        small.varint(tables.erasedValues.count)
        for offset in tables.erasedValues.sorted() { small.varint(offset) }

        var stringBlocks: [UInt64] = []
        stringBlocks.reserveCapacity(blocks(tables.strings.count))
        var strings = ByteWriter()
        let capacity = hashCapacity(tables.strings.count)
        var stringHash = [UInt32](repeating: 0, count: capacity)
        var number = 0
        try tables.strings.forEach { text in
            if number % blockSize == 0 { stringBlocks.append(UInt64(strings.count)) }
            strings.string(text)
            var slot = Self.slot(hash(text.utf8), capacity: capacity)
            while stringHash[slot] != 0 { slot = slot + 1 == capacity ? 0 : slot + 1 }
            stringHash[slot] = UInt32(number + 1)
            number += 1
        }
        var stringHashBytes = ByteWriter(capacity: capacity * 4)
        for entry in stringHash { stringHashBytes.uint32LE(entry) }

        var positionBlocks: [UInt64] = []
        positionBlocks.reserveCapacity(blocks(tables.positions.count))
        var positions = ByteWriter(capacity: tables.positions.count * 2)
        var index = 0
        var previous = FactPosition(segment: 0, offset: 0, length: 0)
        try tables.positions.forEach { position in
            if index % blockSize == 0 {
                positionBlocks.append(UInt64(positions.count))
                positions.varint(UInt64(position.segment))
                positions.varint(UInt64(position.offset))
                positions.varint(UInt64(position.length))
            } else {
                encodeStep(to: position, after: previous, into: &positions)
            }
            previous = position
            index += 1
        }

        var slotBlocks: [(key: SlotKey, number: UInt64, slots: UInt64, postings: UInt64)] = []
        var slots = ByteWriter()
        var postings = ByteWriter(capacity: tables.positions.count * 4)
        var tokens = ByteWriter()
        var slotCount = 0
        var previousFirst: UInt64 = 0
        try tables.index.forEachSlotToEncode { slot, encoded, appended in
            let key = SlotKey(slot)
            let number: UInt64
            if let token = key.token {
                number = UInt64(tokens.count)
                tokens.string(token)
            } else {
                number = key.number
            }
            if slotCount % blockSize == 0 {
                slotBlocks.append((key, number, UInt64(slots.count), UInt64(postings.count)))
                previousFirst = 0
            }
            let start = postings.count
            slots.byte(key.kind)
            slots.varint(number)
            if let first = encoded?.postings.first ?? appended.first {
                // Slots are numbered roughly in the order they first appear, so the first
                // posting is a small step from the previous slot's, either way.
                slots.varint(ByteWriter.zigzag(Int64(bitPattern: first &- previousFirst)) + 1)
                previousFirst = first
                var previous = first
                var rest = appended.dropFirst()
                if let encoded {
                    // The steps do not depend on where they lie: copied as they are.
                    postings.raw(encoded.postings.steps)
                    previous = encoded.last
                    rest = appended[...]
                }
                for sequence in rest {
                    postings.varint(sequence - previous)
                    previous = sequence
                }
            } else {
                slots.varint(0)
            }
            slots.varint(postings.count - start)
            slotCount += 1
        }

        let (frameBlocks, frames) = try encodeFrames(tables.frames)
        let widest = [
            tables.identitiesEnd, UInt64(strings.count), UInt64(positions.count), UInt64(slots.count),
            UInt64(postings.count), UInt64(frames.count),
        ].max()!
        let width = widest <= UInt64(UInt32.max) ? 4 : 8
        var subjectRecords = ByteWriter(capacity: identityOffsets.count * subjectRecordSize(width: width))
        commitments.withUnsafeBytes { commitments in
            for (number, offset) in identityOffsets.enumerated() {
                subjectRecords.uint(offset, width: width)
                subjectRecords.raw(
                    UnsafeRawBufferPointer(
                        rebasing: commitments[(number * Commitment.length)..<((number + 1) * Commitment.length)]))
            }
        }
        var slotBlockBytes = ByteWriter(capacity: slotBlocks.count * slotBlockSize(width: width))
        for block in slotBlocks {
            slotBlockBytes.byte(block.key.kind)
            slotBlockBytes.raw([UInt8](repeating: 0, count: 7))
            slotBlockBytes.uint64LE(block.number)
            slotBlockBytes.uint(block.slots, width: width)
            slotBlockBytes.uint(block.postings, width: width)
        }
        func blockTable(_ offsets: [UInt64]) -> ByteWriter {
            var table = ByteWriter(capacity: offsets.count * width)
            for offset in offsets { table.uint(offset, width: width) }
            return table
        }
        let stringBlockBytes = blockTable(stringBlocks)
        let positionBlockBytes = blockTable(positionBlocks)
        let frameBlockBytes = blockTable(frameBlocks)

        var header = Header(tables: tables)
        header.offsetWidth = UInt32(width)
        header.subjectRecordsOffset = UInt64(headerSize)
        header.subjectCount = UInt64(tables.subjects.count)
        header.tablesOffset = header.subjectRecordsOffset + UInt64(subjectRecords.count)
        header.stringBlocksOffset = header.tablesOffset + UInt64(small.count)
        header.stringsOffset = header.stringBlocksOffset + UInt64(stringBlockBytes.count)
        header.stringHashOffset = header.stringsOffset + UInt64(strings.count)
        header.stringCount = UInt64(tables.strings.count)
        header.positionBlocksOffset = header.stringHashOffset + UInt64(stringHashBytes.count)
        header.positionsOffset = header.positionBlocksOffset + UInt64(positionBlockBytes.count)
        header.slotBlocksOffset = header.positionsOffset + UInt64(positions.count)
        header.slotsOffset = header.slotBlocksOffset + UInt64(slotBlockBytes.count)
        header.postingsOffset = header.slotsOffset + UInt64(slots.count)
        header.tokensOffset = header.postingsOffset + UInt64(postings.count)
        header.slotCount = UInt64(slotCount)
        header.frameBlocksOffset = header.tokensOffset + UInt64(tokens.count)
        header.framesOffset = header.frameBlocksOffset + UInt64(frameBlockBytes.count)
        header.frameCount = UInt64(tables.frames.count)
        var writer = ByteWriter(capacity: Int(header.framesOffset) + frames.count + 4)
        header.encode(into: &writer)
        for section in [
            subjectRecords, small, stringBlockBytes, strings, stringHashBytes, positionBlockBytes, positions,
            slotBlockBytes, slots, postings, tokens, frameBlockBytes, frames,
        ] {
            writer.raw(section.bytes)
        }
        writer.uint32LE(CRC32C.checksum(writer.bytes))
        return writer.bytes
    }

    /// The frame blocks and frames sections (see the layout above).
    private static func encodeFrames(_ table: FrameTable) throws -> (blocks: [UInt64], frames: ByteWriter) {
        var blocks: [UInt64] = []
        blocks.reserveCapacity(IndexSnapshot.blocks(table.count))
        var frames = ByteWriter(capacity: table.count * 4)
        var index = 0
        var previous = FrameEntry(segment: 0, offset: 0, payloadLength: 0, firstSequence: 0, count: 0)
        try table.forEach { frame in
            if index % blockSize == 0 {
                blocks.append(UInt64(frames.count))
                frames.varint(frame.firstSequence)
                frames.varint(UInt64(frame.segment))
                frames.varint(UInt64(frame.offset))
            } else if frame.segment == previous.segment, UInt64(frame.offset) == previous.end {
                frames.varint(0)
            } else if frame.segment > previous.segment, frame.offset == UInt32(SegmentHeader.size) {
                frames.varint(1 + UInt64(frame.segment - previous.segment))
            } else {
                frames.varint(1)
                frames.varint(UInt64(frame.segment))
                frames.varint(UInt64(frame.offset))
            }
            frames.varint(UInt64(frame.payloadLength))
            frames.varint(UInt64(frame.count))
            previous = frame
            index += 1
        }
        return (blocks, frames)
    }

    // MARK: Decoding

    /// Decodes a snapshot held in memory (tests, the fuzz probe): the same checks as ``open``.
    /// Subject identifiers are read from `identities` (vault entries by offset).
    static func decode(_ bytes: [UInt8], identities: [UInt64: String?]) throws -> StoreTables {
        guard bytes.count >= 16, bytes.starts(with: magic) else { throw CodecError.malformed("not an index snapshot") }
        let body = bytes.count - 4
        let checksum = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<body])) }
        guard checksum == bytes.uint32LE(at: body) else {
            throw CodecError.malformed("index snapshot checksum does not match")
        }
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        copy.copyBytes(from: bytes)
        let index = try MappedIndex(bytes: UnsafeRawBufferPointer(copy)) { $0.deallocate() }
        var tables = try tables(from: index, identities: .entries(identities)) { _ in nil }
        // Every live identifier is there: look subjects up in memory, as without `SUBJECTS`.
        var numbers: [SubjectID: UInt64] = [:]
        for number in 0..<UInt64(tables.subjects.count) where !tables.erasedSubjects.contains(number) {
            let offset = try tables.subjects.record(number).identityOffset
            if let text = identities[offset] ?? nil { numbers[SubjectID(rawValue: text)] = number }
        }
        tables.subjects = SubjectTable(
            base: index, identities: .entries(identities), erased: tables.erasedSubjects, hash: nil, numbers: numbers)
        return tables
    }

    /// Maps the directory's `INDEX` and decodes its small tables; `nil` when there is none, or
    /// it cannot be read, or it does not decode (the log rebuilds it). The checksum is checked
    /// by reading the file in pieces, so that checking does not leave all of it resident.
    ///
    /// `hash` gives the `SUBJECTS` table for the snapshot's header, if there is one that
    /// belongs to it; without one the subjects are looked up through `numbers` (read by the
    /// caller from the identities vault, given the subject records).
    static func open(
        in directory: LedgerDirectory, identities: VaultFile,
        hash: (Header) throws -> SubjectHash?
    ) throws -> StoreTables? {
        guard let index = try map(in: directory, checkingChecksum: true) else { return nil }
        return try? tables(from: index, identities: .vault(identities), hash: hash)
    }

    /// Maps the directory's `INDEX`; `nil` when there is none, or it cannot be read or mapped,
    /// or its header does not decode. `checkingChecksum` is `false` only for the file this
    /// process has just written and synced.
    static func map(in directory: LedgerDirectory, checkingChecksum: Bool) throws -> MappedIndex? {
        guard let mapped = try directory.mapChecksummed(LedgerDirectory.indexName, checkingChecksum: checkingChecksum)
        else { return nil }
        return try? MappedIndex(bytes: mapped.bytes, release: mapped.release)
    }

    private static func tables(
        from index: MappedIndex, identities: IdentityReader, hash: (Header) throws -> SubjectHash?
    ) throws -> StoreTables {
        var tables = StoreTables()
        let header = index.header
        tables.logEnd = header.logEnd
        tables.identitiesEnd = header.identitiesEnd
        tables.valuesEnd = header.valuesEnd
        tables.head = header.head
        let small = index.tableBytes()
        var reader = ByteReader(small)
        var erased: Set<UInt64> = []
        var number: UInt64 = 0
        for position in 0..<(try reader.count(limit: reader.remaining)) {
            let step = try reader.varint()
            guard position == 0 || step > 0, step <= header.subjectCount - number else {
                throw CodecError.malformed("erased subject numbers out of order")
            }
            number += step
            guard number < header.subjectCount else { throw CodecError.malformed("erased subject \(number)") }
            erased.insert(number)
        }
        for _ in 0..<(try reader.count(limit: reader.remaining)) {
            tables.erasedValues.insert(try reader.varint())
        }
        guard reader.isAtEnd else { throw CodecError.malformed("index snapshot has trailing bytes") }
        let subjectHash = try hash(header)
        tables.subjects = SubjectTable(
            base: index, identities: identities, erased: erased, hash: subjectHash, numbers: [:])
        tables.strings = StringTable(base: index)
        tables.positions = PositionTable(base: index)
        tables.index = PostingsTable(base: index)
        tables.frames = FrameTable(base: index)
        return tables
    }
}

extension ByteWriter {
    /// `value` little-endian in `width` bytes (4 or 8); the caller has checked that it fits.
    fileprivate mutating func uint(_ value: UInt64, width: Int) {
        if width == 4 { uint32LE(UInt32(truncatingIfNeeded: value)) } else { uint64LE(value) }
    }
}
