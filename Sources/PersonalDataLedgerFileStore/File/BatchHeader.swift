import LedgerCrypto
import PersonalDataLedger

/// The start of every log frame's payload: which facts the batch holds and the state after it.
///
/// Layout: format version (1 byte, 1), then varints first sequence, fact count, identities vault
/// end and values vault end after the batch, then the 32-byte chain head after the batch. The
/// vault ends let recovery tell whether the vault entries of the last batch reached the disk.
struct BatchHeader: Hashable, Sendable {
    static let version: UInt8 = 1

    var firstSequence: UInt64
    var count: UInt64
    var identitiesEnd: UInt64
    var valuesEnd: UInt64
    var head: [UInt8]

    var nextSequence: UInt64 { firstSequence + count }

    func encode(into writer: inout ByteWriter) {
        writer.byte(Self.version)
        writer.varint(firstSequence)
        writer.varint(count)
        writer.varint(identitiesEnd)
        writer.varint(valuesEnd)
        writer.raw(head)
    }

    static func decode(_ reader: inout ByteReader) throws(CodecError) -> BatchHeader {
        let version = try reader.byte()
        guard version == Self.version else { throw CodecError.unsupportedVersion(UInt64(version)) }
        return BatchHeader(
            firstSequence: try reader.varint(), count: try reader.varint(),
            identitiesEnd: try reader.varint(), valuesEnd: try reader.varint(), head: try reader.raw(32))
    }
}

/// Frames: `u32 LE payload length`, `u32 LE CRC-32C of the payload`, the payload.
enum LogFrame {
    static let headerSize = 8
    /// No batch is larger; a header claiming more is damage, not data.
    static let maximumPayload = 1 << 28

    static func frame(_ payload: [UInt8]) -> [UInt8] {
        var writer = ByteWriter(capacity: payload.count + headerSize)
        append(to: &writer) { $0.raw(payload) }
        return writer.bytes
    }

    /// Appends a frame whose payload `writePayload` appends to `writer` where it will lie, so the
    /// payload is never copied; the length and checksum are filled in after it.
    static func append(to writer: inout ByteWriter, _ writePayload: (inout ByteWriter) -> Void) {
        let start = writer.count
        writer.uint64LE(0)
        writePayload(&writer)
        let payloadStart = start + headerSize
        writer.patchUInt32LE(UInt32(writer.count - payloadStart), at: start)
        let checksum = writer.bytes.withUnsafeBytes {
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[payloadStart...]))
        }
        writer.patchUInt32LE(checksum, at: start + 4)
    }
}
