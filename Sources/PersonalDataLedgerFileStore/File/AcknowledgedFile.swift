import LedgerCrypto
import PersonalDataLedger

/// The `ACKNOWLEDGED` file: the durable record of the last sequence number `append` returned.
///
/// A torn tail and a frame damaged on the medium look alike; this file tells them apart. Each
/// commit writes it and `fdatasync`s it after the log and vaults are synced and before the
/// callers are answered, so a fact at or below it was acknowledged: recovery may only cut what
/// lies above it (never acknowledged — after a failed `fdatasync` too, whatever the page cache
/// still shows), and a damaged or missing frame at or below it is damage, refused.
///
/// 64 bytes: two slots of 32, written alternately so a torn write can spoil only the slot being
/// written. A slot is magic `PDL-ACK\0`, format version u32 LE, slot number u32 LE, sequence u64
/// LE, CRC-32C of bytes 0..<24 of the slot, 4 zero bytes.
struct AcknowledgedFile: Sendable {
    static let name = "ACKNOWLEDGED"
    static let slotSize = 32
    static let size = 2 * slotSize
    static let magic = Array("PDL-ACK\0".utf8)
    static let version: UInt32 = 1

    /// What the file records.
    enum Record: Hashable, Sendable {
        /// No file: a ledger made before the file existed (the writer creates it on open).
        case absent
        /// Neither slot is intact.
        case damaged
        /// The highest intact slot's sequence; `isCertain` is false when the other slot is
        /// damaged — a torn write of a later sequence, or damage: the one batch after it may
        /// then have been acknowledged, so recovery keeps it when it is intact.
        case recorded(UInt64, isCertain: Bool)
    }

    let descriptor: FileDescriptor
    /// The slot the next write goes to.
    var nextSlot: Int

    static func slot(_ number: Int, sequence: UInt64) -> [UInt8] {
        var writer = ByteWriter(capacity: slotSize)
        writer.raw(magic)
        writer.uint32LE(version)
        writer.uint32LE(UInt32(number))
        writer.uint64LE(sequence)
        writer.uint32LE(CRC32C.checksum(writer.bytes))
        writer.uint32LE(0)
        return writer.bytes
    }

    /// Both slots recording `sequence`: the contents of a new file.
    static func encode(_ sequence: UInt64) -> [UInt8] { slot(0, sequence: sequence) + slot(1, sequence: sequence) }

    /// The sequence an intact slot records.
    static func decodeSlot(_ bytes: ArraySlice<UInt8>, number: Int) -> UInt64? {
        let slot = Array(bytes)
        guard slot.count == slotSize, Array(slot[0..<8]) == magic, slot.uint32LE(at: 8) == version,
            slot.uint32LE(at: 12) == UInt32(number), slot.uint32LE(at: 24) == CRC32C.checksum(slot[0..<24])
        else { return nil }
        return UInt64(slot.uint32LE(at: 16)) | UInt64(slot.uint32LE(at: 20)) << 32
    }

    static func decode(_ bytes: [UInt8]?) -> Record {
        guard let bytes else { return .absent }
        guard bytes.count == size else { return .damaged }
        let slots = (0..<2).map { decodeSlot(bytes[($0 * slotSize)..<(($0 + 1) * slotSize)], number: $0) }
        let intact = slots.compactMap { $0 }
        guard let highest = intact.max() else { return .damaged }
        return .recorded(highest, isCertain: intact.count == 2)
    }

    /// Records `sequence` in the next slot and syncs it (the caller fails the store closed on
    /// an error).
    mutating func record(_ sequence: UInt64) throws(Errno) {
        try descriptor.write(Self.slot(nextSlot, sequence: sequence), at: Int64(nextSlot * Self.slotSize))
        try descriptor.dataSync()
        nextSlot = 1 - nextSlot
    }

    /// Brings a file that records less than `sequence`, or has a damaged slot, up to it: one
    /// slot, a sync, the other, a sync — so a crash in between leaves one intact slot.
    mutating func rewrite(_ sequence: UInt64) throws(Errno) {
        try record(sequence)
        try record(sequence)
    }
}
