import LedgerCrypto
import PersonalDataLedger

/// The 72-byte header that opens every log segment.
///
/// It names the segment's own number and the sequence and chain head it continues from, so a
/// segment that is missing, duplicated, renamed or put in the wrong order is caught on open.
///
/// Layout: magic `PDL-LOG\0` (8), format version u32 LE (4), zero (4), segment number u64 LE (8),
/// first sequence u64 LE (8), chain head before the first fact (32), CRC-32C of bytes 0..<64 (4),
/// zero (4).
struct SegmentHeader: Hashable, Sendable {
    static let size = 72
    static let magic = Array("PDL-LOG\0".utf8)
    static let version: UInt32 = 1

    var number: UInt64
    var firstSequence: UInt64
    var previousHead: [UInt8]

    func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.raw(Self.magic)
        writer.uint32LE(Self.version)
        writer.uint32LE(0)
        writer.uint64LE(number)
        writer.uint64LE(firstSequence)
        writer.raw(previousHead)
        writer.uint32LE(CRC32C.checksum(writer.bytes))
        writer.uint32LE(0)
        return writer.bytes
    }

    /// Decodes a header; `nil` when the bytes are not a whole, intact header.
    static func decode(_ bytes: [UInt8]) throws(CodecError) -> SegmentHeader? {
        guard bytes.count >= size, Array(bytes[0..<8]) == magic,
            bytes.uint32LE(at: 64) == CRC32C.checksum(bytes[0..<64]), bytes.uint32LE(at: 68) == 0
        else { return nil }
        let version = bytes.uint32LE(at: 8)
        guard version == Self.version else { throw CodecError.unsupportedVersion(UInt64(version)) }
        return SegmentHeader(
            number: bytes.uint64LE(at: 16), firstSequence: bytes.uint64LE(at: 24),
            previousHead: Array(bytes[32..<64]))
    }
}
