import LedgerCrypto
import PersonalDataLedger

/// Which vault a file is: subject identifiers, or personal values.
enum VaultKind: UInt8, Sendable {
    case identities = 1
    case values = 2

    var fileName: String {
        switch self {
        case .identities: LedgerDirectory.identitiesVaultName
        case .values: LedgerDirectory.valuesVaultName
        }
    }
}

/// One entry of a vault: a live secret with its salt, or the zeros left where one was erased.
struct VaultEntry: Hashable, Sendable {
    var isLive: Bool
    var salt: [UInt8]
    var text: String
    /// The entry's whole length on disk, frame included.
    var length: Int
}

/// A vault file: the only place personal values, subject identifiers and their salts are kept.
///
/// Header (32 bytes): magic `PDL-VLT\0`, format version u32 LE, vault kind u32 LE, 8 zero bytes,
/// CRC-32C of bytes 0..<24, 4 zero bytes. Then entries: `u32 LE payload length`,
/// `u32 LE CRC-32C`, payload = state (1 live, 0 erased), 16-byte salt, UTF-8 text.
///
/// Erasure overwrites an entry in place with an entry of the same length whose state, salt and
/// text are all zero (with a fresh CRC), then syncs: the cost is the subject's bytes, not the
/// vault's, and nothing else moves. ext4 and XFS overwrite such blocks in place; what they and
/// the hardware cannot promise is in `Documentation/FileFormat.md`.
struct VaultFile: Sendable {
    static let headerSize: UInt64 = 32
    static let magic = Array("PDL-VLT\0".utf8)
    static let version: UInt32 = 1
    static let entryOverhead = LogFrame.headerSize + 1 + Commitment.saltLength

    let kind: VaultKind
    let descriptor: FileDescriptor
    init(kind: VaultKind, descriptor: FileDescriptor) {
        self.kind = kind
        self.descriptor = descriptor
    }

    static func header(_ kind: VaultKind) -> [UInt8] {
        var writer = ByteWriter(capacity: Int(headerSize))
        writer.raw(magic)
        writer.uint32LE(version)
        writer.uint32LE(UInt32(kind.rawValue))
        writer.uint64LE(0)
        writer.uint32LE(CRC32C.checksum(writer.bytes))
        writer.uint32LE(0)
        return writer.bytes
    }

    /// Checks a header read from disk.
    static func validate(header bytes: [UInt8], kind: VaultKind) throws(CodecError) {
        guard bytes.count >= Int(headerSize), Array(bytes[0..<8]) == magic,
            bytes.uint32LE(at: 24) == CRC32C.checksum(bytes[0..<24])
        else { throw CodecError.malformed("not a vault header") }
        guard bytes.uint32LE(at: 8) == version else {
            throw CodecError.unsupportedVersion(UInt64(bytes.uint32LE(at: 8)))
        }
        guard bytes.uint32LE(at: 12) == UInt32(kind.rawValue) else {
            throw CodecError.malformed("the vault holds another kind of data")
        }
    }

    /// The bytes of a live entry.
    static func entry(text: String, salt: [UInt8]) -> [UInt8] {
        var writer = ByteWriter(capacity: LogFrame.headerSize + 1 + salt.count + text.utf8.count)
        appendEntry(text: text, salt: salt, to: &writer)
        return writer.bytes
    }

    /// Appends the bytes of a live entry to `writer`.
    static func appendEntry(text: String, salt: [UInt8], to writer: inout ByteWriter) {
        LogFrame.append(to: &writer) { payload in
            payload.byte(1)
            payload.raw(salt)
            payload.raw(text.utf8)
        }
    }

    /// The bytes that replace an entry of `length` bytes when it is erased.
    static func erasedEntry(length: Int) -> [UInt8] {
        LogFrame.frame([UInt8](repeating: 0, count: length - LogFrame.headerSize))
    }

    /// Decodes the entry at `offset` of `bytes`.
    static func decodeEntry(_ bytes: [UInt8], at offset: Int, end: Int? = nil) throws(CodecError)
        -> VaultEntry
    {
        let end = end ?? bytes.count
        guard offset >= 0, offset <= end, end <= bytes.count else { throw CodecError.truncated }
        return try bytes.withUnsafeBytes { raw in
            Result { () throws(CodecError) in try decodeEntry(UnsafeRawBufferPointer(rebasing: raw[offset..<end])) }
        }.get()
    }

    /// Decodes the entry at the start of `bytes` (which may go on past it), with its salt.
    static func decodeEntry(_ bytes: UnsafeRawBufferPointer) throws(CodecError) -> VaultEntry {
        let (payload, total) = try checkedPayload(bytes)
        guard payload[0] == 1 else { return VaultEntry(isLive: false, salt: [], text: "", length: total) }
        let salt = [UInt8](UnsafeRawBufferPointer(rebasing: payload[1..<(1 + Commitment.saltLength)]))
        return VaultEntry(isLive: true, salt: salt, text: try text(of: payload), length: total)
    }

    /// The text of the entry at the start of `bytes`, or `nil` when it was erased: what a read
    /// shows, checked as ``decodeEntry(_:)-(UnsafeRawBufferPointer)`` checks it, without copying the salt.
    static func decodeText(_ bytes: UnsafeRawBufferPointer) throws(CodecError) -> String? {
        let (payload, _) = try checkedPayload(bytes)
        return payload[0] == 1 ? try text(of: payload) : nil
    }

    /// The payload of the entry at the start of `bytes` and the entry's whole length, once its
    /// length, checksum and state byte are checked: the one place an entry's frame is trusted.
    private static func checkedPayload(_ bytes: UnsafeRawBufferPointer) throws(CodecError) -> (
        payload: UnsafeRawBufferPointer, total: Int
    ) {
        guard bytes.count >= LogFrame.headerSize else { throw CodecError.truncated }
        let length = Int(UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self)))
        guard length >= 1 + Commitment.saltLength, length <= bytes.count - LogFrame.headerSize else {
            throw CodecError.truncated
        }
        let payload = UnsafeRawBufferPointer(
            rebasing: bytes[LogFrame.headerSize..<(LogFrame.headerSize + length)])
        guard CRC32C.checksum(payload) == UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        else { throw CodecError.malformed("vault entry checksum does not match") }
        guard payload[0] <= 1 else { throw CodecError.malformed("vault entry state \(payload[0])") }
        return (payload, LogFrame.headerSize + length)
    }

    /// A live payload's text, after its state byte and salt.
    ///
    /// Decoded on the standard library's contiguous fast path (which repairs ill-formed UTF-8),
    /// then compared with the bytes: repairing changes them, so only well-formed text is equal.
    /// (`String(validating:as:)` reaches the same check through generic metadata look-ups on
    /// every call, which cost more than the value.)
    private static func text(of payload: UnsafeRawBufferPointer) throws(CodecError) -> String {
        let bytes = UnsafeRawBufferPointer(rebasing: payload[(1 + Commitment.saltLength)...])
        let text = bytes.withMemoryRebound(to: UInt8.self) { String(decoding: $0, as: UTF8.self) }
        let isUnchanged =
            text.utf8.count == bytes.count
            && (text.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(bytes) } ?? text.utf8.elementsEqual(bytes))
        guard isUnchanged else { throw CodecError.malformed("vault text is not UTF-8") }
        return text
    }

    /// Reads the entry at `offset`, with one small read (a second one only for long text).
    func read(at offset: UInt64) throws -> VaultEntry {
        try withEntry(at: offset, VaultFile.decodeEntry)
    }

    /// The text of the entry at `offset`, or `nil` when it was erased; the same checks as
    /// ``read(at:)``, decoded where it was read, without copying the salt (what reports read
    /// for every value).
    func text(at offset: UInt64) throws -> String? {
        try withEntry(at: offset, VaultFile.decodeText)
    }

    /// How much a read of an entry takes at first: enough for most identifiers and values.
    static let firstRead = 256

    /// `decode` over the bytes of the entry at `offset`, read into a buffer on the stack: a
    /// first read of ``firstRead`` bytes, and a second of the whole entry only when its text is
    /// longer (``FileDescriptor/withBytes(count:at:_:)`` says why these are reads, not a mapping).
    private func withEntry<T>(at offset: UInt64, _ decode: (UnsafeRawBufferPointer) throws(CodecError) -> T) throws
        -> T
    {
        // The decoded entry, or (nil) the whole length of one longer than the first read.
        let first = try descriptor.withBytes(count: Self.firstRead, at: Int64(offset)) { bytes -> (T?, Int) in
            if bytes.count >= LogFrame.headerSize {
                let total = LogFrame.headerSize + Int(UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self)))
                if total > bytes.count, total <= LogFrame.maximumPayload { return (nil, total) }
            }
            return (try decode(bytes), 0)
        }
        if let value = first.0 { return value }
        return try descriptor.withBytes(count: first.1, at: Int64(offset)) { try decode($0) }
    }

    /// The text of each entry at `offsets` (erased: `nil`), given to `body` in order, read in
    /// pieces of 1 MiB rather than a read each: what a snapshot reads of every identifier, whose
    /// offsets ascend. An offset below the piece in hand is read alone, as ``text(at:)`` does.
    func forEachText(at offsets: some Sequence<UInt64>, _ body: (UInt64, String?) throws -> Void) throws {
        var piece: [UInt8] = []
        var start: UInt64 = 0
        for offset in offsets {
            guard offset >= start else {
                try body(offset, try text(at: offset))
                continue
            }
            var end = offset + UInt64(LogFrame.headerSize)
            if end > start + UInt64(piece.count) {
                try descriptor.read(into: &piece, count: Self.pieceSize, at: Int64(offset))
                start = offset
            }
            if piece.count >= Int(offset - start) + LogFrame.headerSize {
                end = offset + UInt64(LogFrame.headerSize) + UInt64(piece.uint32LE(at: Int(offset - start)))
            }
            if end > start + UInt64(piece.count), end - offset <= UInt64(LogFrame.maximumPayload) {
                try descriptor.read(into: &piece, count: max(Self.pieceSize, Int(end - offset)), at: Int64(offset))
                start = offset
            }
            let text = try piece.withUnsafeBytes { raw in
                try Self.decodeText(UnsafeRawBufferPointer(rebasing: raw[Int(offset - start)...]))
            }
            try body(offset, text)
        }
    }

    static let pieceSize = 1 << 20

    /// Overwrites the entry at `offset` with zeros unless it is erased already; returns whether it
    /// wrote. The caller syncs.
    ///
    /// An entry that no longer decodes (a torn earlier overwrite) is zeroed across the length its
    /// header still claims, when that is sane.
    func erase(at offset: UInt64, fileEnd: UInt64) throws -> Bool {
        let header = try descriptor.read(count: LogFrame.headerSize + 1, at: Int64(offset))
        guard header.count == LogFrame.headerSize + 1 else { return false }
        let total = LogFrame.headerSize + Int(header.uint32LE(at: 0))
        guard total > Self.entryOverhead, offset + UInt64(total) <= fileEnd else {
            throw CodecError.malformed("the entry length at byte offset \(offset) of \(kind.fileName)")
        }
        if let entry = try? read(at: offset), !entry.isLive { return false }
        try descriptor.write(Self.erasedEntry(length: total), at: Int64(offset))
        return true
    }

    /// Every entry from `start` to `end` in `bytes` (a whole file read into memory), by offset.
    static func entries(in bytes: [UInt8], from start: Int, to end: Int) throws(CodecError) -> [(
        offset: UInt64, entry: VaultEntry
    )] {
        var result: [(UInt64, VaultEntry)] = []
        var offset = start
        while offset < end {
            let entry = try decodeEntry(bytes, at: offset, end: end)
            result.append((UInt64(offset), entry))
            offset += entry.length
        }
        return result
    }
}
