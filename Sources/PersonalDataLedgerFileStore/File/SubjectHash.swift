import LedgerCrypto
import PersonalDataLedger

/// The `SUBJECTS` file: the subject numbers an index snapshot covers, placed by a hash of their
/// identifier, so that open finds a subject's number without reading every identifier.
///
/// Each entry holds a subject number and a 32-bit tag of its identifier's hash. A number whose
/// tag matches is a candidate, and counts only once the identifier in the identities vault at
/// that subject's offset equals the one looked up; so a collision, or a number the caller knows
/// to be erased, is simply passed over, and a lookup reads the vault about once. (A hash of a
/// live identifier tells nothing the identities vault beside it does not hold in clear.)
///
/// **No entry outlives an erasure.** An entry's tag and place tell something about its
/// identifier's hash, so an erased subject's entry must leave the disk when its identifier
/// leaves the vault: an erasure of an identifier removes the file
/// (``FileLedgerStore/removeSubjectsListingErased(from:tables:)``), and the next snapshot writes
/// it without the subject. Entries are placed canonically — sorted by home slot, then number,
/// each at the first free slot from its home on, with no wrap-around (an overflow tail past the
/// capacity takes what runs off the end) — so the same subjects always make the same file.
///
/// Layout (integers little-endian): magic `PDL-SUB\0`, version u32, 4 zero bytes; u64 count
/// and the 32-byte chain head of the snapshot it belongs to; u64 subjects covered; u64
/// capacity (``capacity(for:)``: at most three quarters full); u64 entries; u64 erased
/// subjects it leaves out (all the log had erased when it was written: fewer than the log
/// records now means an erasure's removal of the file was lost, and the next writer removes it); then that
/// many u64 entries, each a subject number + 1 (u32; 0 empty) and its tag (u32); a CRC-32C u32
/// of everything before it.
final class SubjectHash: @unchecked Sendable {
    // Unchecked: the bytes are read-only for the object's whole life, and `release` runs once.
    static let fileName = "SUBJECTS"
    static let magic = Array("PDL-SUB\0".utf8)
    static let version: UInt32 = 1
    static let entrySize = 8
    static let headerSize = 88

    /// The snapshot this table belongs to: its fact count and chain head.
    let count: UInt64
    let head: [UInt8]
    /// Subjects `0..<subjectCount` are in the table (erased ones excepted).
    let subjectCount: Int
    let capacity: Int
    let entryCount: Int
    /// How many erased subjects the log had recorded when this table was written.
    let erasedCount: Int
    private let bytes: UnsafeRawBufferPointer
    private let release: @Sendable (UnsafeRawBufferPointer) -> Void

    /// Wraps the bytes of a file whose checksum the caller has checked.
    init(bytes: UnsafeRawBufferPointer, release: @escaping @Sendable (UnsafeRawBufferPointer) -> Void)
        throws(CodecError)
    {
        func load(_ offset: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        guard bytes.count >= Self.headerSize + 4, bytes.starts(with: Self.magic) else {
            release(bytes)
            throw CodecError.malformed("not a subject table")
        }
        let version = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        let capacity = load(64)
        let entries = load(72)
        guard version == Self.version, load(56) <= UInt64(UInt32.max - 1),
            capacity <= entries,
            entries == UInt64(bytes.count - Self.headerSize - 4) / UInt64(Self.entrySize),
            UInt64(bytes.count) == UInt64(Self.headerSize + 4) + entries * UInt64(Self.entrySize)
        else {
            release(bytes)
            throw version == Self.version
                ? CodecError.malformed("subject table sizes") : CodecError.unsupportedVersion(UInt64(version))
        }
        self.bytes = bytes
        self.release = release
        self.count = load(16)
        self.head = Array(bytes[24..<56])
        self.subjectCount = Int(load(56))
        self.capacity = Int(capacity)
        self.entryCount = Int(entries)
        self.erasedCount = Int(min(load(80), UInt64(Int.max)))
    }

    deinit { release(bytes) }

    /// Whether this table was made with the snapshot `header` describes, and covers its subjects.
    func belongs(to header: IndexSnapshot.Header) -> Bool {
        count == header.count && head == header.head && subjectCount == Int(header.subjectCount)
    }

    /// Where an identifier's entry goes in a table of `capacity` (its home slot), and its tag.
    static func key(of id: some Collection<UInt8>, capacity: Int) -> (home: Int, tag: UInt32) {
        let hash = IndexSnapshot.hash(id)
        return (IndexSnapshot.slot(hash, capacity: capacity), UInt32(truncatingIfNeeded: hash))
    }

    /// Capacity for `count` subjects: at most three quarters full (0 for none).
    static func capacity(for count: Int) -> Int { IndexSnapshot.hashCapacity(count) }

    /// The numbers that may be `id`'s, in probe order: those with its tag, from its home slot
    /// to the first empty one.
    func candidates(for id: SubjectID) -> [UInt64] {
        guard capacity > 0 else { return [] }
        let (home, tag) = Self.key(of: id.rawValue.utf8, capacity: capacity)
        var result: [UInt64] = []
        var slot = home
        while slot < entryCount {
            let entry = entry(slot)
            guard entry.number != 0 else { break }
            if entry.tag == tag { result.append(UInt64(entry.number - 1)) }
            slot += 1
        }
        return result
    }

    /// Whether any of `numbers` is in the table (a scan of every entry).
    func holdsAny(of numbers: Set<UInt64>) -> Bool {
        guard !numbers.isEmpty else { return false }
        for slot in 0..<entryCount {
            let entry = entry(slot)
            if entry.number != 0, numbers.contains(UInt64(entry.number - 1)) { return true }
        }
        return false
    }

    private func entry(_ slot: Int) -> (number: UInt32, tag: UInt32) {
        let offset = Self.headerSize + slot * Self.entrySize
        return (
            UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
            UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
        )
    }

    // MARK: Making

    /// One subject's place in the table.
    struct Placed {
        var home: Int
        var number: UInt64
        var tag: UInt32

        static func precedes(_ a: Placed, _ b: Placed) -> Bool { (a.home, a.number) < (b.home, b.number) }
    }

    /// The canonical entries (number + 1 and tag, 0 empty) for subjects given with their places.
    static func entries(_ subjects: [Placed], capacity: Int) -> [(number: UInt32, tag: UInt32)] {
        var entries = [(number: UInt32, tag: UInt32)](repeating: (number: 0, tag: 0), count: capacity)
        var next = 0
        for subject in subjects.sorted(by: Placed.precedes) {
            let slot = max(subject.home, next)
            if slot >= entries.count {
                entries.append(contentsOf: repeatElement((number: 0, tag: 0), count: slot - entries.count + 1))
            }
            entries[slot] = (UInt32(subject.number + 1), subject.tag)
            next = slot + 1
        }
        return entries
    }

    /// The file's bytes.
    static func encode(
        entries: [(number: UInt32, tag: UInt32)], capacity: Int, subjectCount: Int, erasedCount: Int, count: UInt64,
        head: [UInt8]
    ) -> [UInt8] {
        var writer = ByteWriter(capacity: headerSize + entries.count * entrySize + 4)
        writer.raw(magic)
        writer.uint32LE(version)
        writer.uint32LE(0)
        writer.uint64LE(count)
        writer.raw(head)
        writer.uint64LE(UInt64(subjectCount))
        writer.uint64LE(UInt64(capacity))
        writer.uint64LE(UInt64(entries.count))
        writer.uint64LE(UInt64(erasedCount))
        for entry in entries {
            writer.uint32LE(entry.number)
            writer.uint32LE(entry.tag)
        }
        writer.uint32LE(CRC32C.checksum(writer.bytes))
        return writer.bytes
    }

    /// The erased count in the header of the directory's `SUBJECTS`; `nil` when there is none or
    /// its header does not read as one (the file is then not to be trusted either).
    static func erasedCount(in directory: LedgerDirectory) -> Int? {
        guard let fd = try? FileDescriptor.open(directory.file(fileName), .readOnly, calls: directory.calls) else {
            return nil
        }
        defer { fd.close() }
        guard let header = try? fd.read(count: headerSize, at: 0), header.count == headerSize,
            header.starts(with: magic), header.uint32LE(at: 8) == version
        else { return nil }
        return Int(exactly: header.uint64LE(at: 80))
    }

    /// Maps the directory's `SUBJECTS`, checking its checksum; `nil` when there is none or it
    /// does not decode (open then reads the identifiers instead, and the next snapshot writes
    /// it again).
    static func map(in directory: LedgerDirectory, checkingChecksum: Bool = true) throws -> SubjectHash? {
        guard let mapped = try directory.mapChecksummed(fileName, checkingChecksum: checkingChecksum) else {
            return nil
        }
        return try? SubjectHash(bytes: mapped.bytes, release: mapped.release)
    }
}
