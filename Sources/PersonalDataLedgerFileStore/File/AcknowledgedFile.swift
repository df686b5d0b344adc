import LedgerCrypto
import PersonalDataLedger

/// The `ACKNOWLEDGED` file: a durable record of how many facts were acknowledged.
///
/// A torn tail and a frame damaged on the medium look alike, and only the newest frame is in
/// doubt: an older one is followed by a frame the writer wrote only after it was acknowledged,
/// so damage there is refused already. This file removes the doubt about the newest: recovery
/// may cut only what lies above the count it records; a damaged or missing frame at or below it
/// is damage, refused.
///
/// Writing it on every commit would cost an `fdatasync` per commit (measured: single-writer
/// appends fell from about 1,700 to 130 a second), so the writer records the count when it
/// falls idle (``idleDelay`` after its last commit), on close and after recovery on open: the
/// doubt is left to the newest batch of a busy moment. After a failed write or sync it records
/// the count *sealed*: nothing above it is trusted, however whole the page cache still shows it
/// (the `fsyncgate` lesson), so the next open cuts it and readers never show it.
///
/// 64 bytes: two slots of 32, written alternately so a torn write can spoil only the slot being
/// written. A slot is magic `PDL-ACK\0`, format version u32 LE, slot number u16 LE, flags u16
/// LE (bit 0: sealed), count u64 LE, CRC-32C of bytes 0..<24 of the slot, 4 zero bytes.
struct AcknowledgedFile: Sendable {
    static let name = "ACKNOWLEDGED"
    static let slotSize = 32
    static let size = 2 * slotSize
    static let magic = Array("PDL-ACK\0".utf8)
    static let version: UInt32 = 1

    /// How long the writer waits after a commit before it records the count, if nothing else
    /// was committed meanwhile.
    static let idleDelayMilliseconds = 20

    /// What the file records.
    enum Record: Hashable, Sendable {
        /// No file: a ledger made before the file existed (the writer creates it on open).
        case absent
        /// Neither slot is intact.
        case damaged
        /// The count of the newest intact slot, and whether it is sealed (recorded after a failed
        /// write or sync: nothing above it may be kept). A torn newer slot leaves the older one,
        /// which records less: safe, as only what lies above it may be cut.
        case recorded(UInt64, isSealed: Bool)
    }

    /// One intact slot.
    struct Slot: Hashable, Sendable {
        var generation: UInt64
        var count: UInt64
        var isSealed: Bool
    }

    let descriptor: FileDescriptor

    /// The count recorded last, so an idle writer writes only when it changed.
    var recorded: UInt64

    /// A slot's bytes. Slot 0 holds even generations, slot 1 odd ones; the newer is the higher.
    static func slot(generation: UInt64, count: UInt64, isSealed: Bool) -> [UInt8] {
        var writer = ByteWriter(capacity: slotSize)
        writer.raw(magic)
        writer.uint32LE(version)
        writer.uint32LE(UInt32(truncatingIfNeeded: generation) & 0xFFFF | (isSealed ? 1 << 16 : 0))
        writer.uint64LE(count)
        writer.uint32LE(CRC32C.checksum(writer.bytes))
        writer.uint32LE(0)
        return writer.bytes
    }

    /// Both slots recording `count`: the contents of a new file.
    static func encode(_ count: UInt64) -> [UInt8] {
        slot(generation: 0, count: count, isSealed: false) + slot(generation: 1, count: count, isSealed: false)
    }

    static func decodeSlot(_ bytes: ArraySlice<UInt8>) -> Slot? {
        let slot = Array(bytes)
        guard slot.count == slotSize, Array(slot[0..<8]) == magic, slot.uint32LE(at: 8) == version,
            slot.uint32LE(at: 24) == CRC32C.checksum(slot[0..<24]), slot.uint32LE(at: 28) == 0
        else { return nil }
        let word = slot.uint32LE(at: 12)
        return Slot(
            generation: UInt64(word & 0xFFFF),
            count: UInt64(slot.uint32LE(at: 16)) | UInt64(slot.uint32LE(at: 20)) << 32, isSealed: word & (1 << 16) != 0)
    }

    /// The intact slots, newest first (generations wrap at 2^16; they are compared modulo it).
    static func slots(_ bytes: [UInt8]) -> [Slot] {
        guard bytes.count == size else { return [] }
        let intact = (0..<2).compactMap { index in
            decodeSlot(bytes[(index * slotSize)..<((index + 1) * slotSize)]).flatMap {
                Int($0.generation & 1) == index ? $0 : nil
            }
        }
        guard intact.count == 2 else { return intact }
        let newerIsSecond = (intact[1].generation &- intact[0].generation) & 0xFFFF == 1
        return newerIsSecond ? [intact[1], intact[0]] : intact
    }

    static func decode(_ bytes: [UInt8]?) -> Record {
        guard let bytes else { return .absent }
        guard let newest = slots(bytes).first else { return .damaged }
        return .recorded(newest.count, isSealed: newest.isSealed)
    }

    /// The next generation to write after the slots in `bytes`.
    static func nextGeneration(after bytes: [UInt8]?) -> UInt64 {
        ((bytes.flatMap { slots($0).first?.generation } ?? 1) + 1) & 0xFFFF
    }

    var generation: UInt64

    /// What the file records now: other processes' writers record in it too.
    func current() -> Record {
        Self.decode(try? descriptor.read(count: Self.size, at: 0))
    }

    /// Records `count` in the older slot and syncs it (`sealed` after a failed write or sync).
    ///
    /// Called under the writers' lock. The slots are read first, because another process may
    /// have written since this one last did: the older slot is the one to overwrite.
    mutating func record(_ count: UInt64, isSealed: Bool = false) throws(Errno) {
        generation = Self.nextGeneration(after: try descriptor.read(count: Self.size, at: 0))
        let slot = Int(generation & 1)
        try descriptor.write(
            Self.slot(generation: generation, count: count, isSealed: isSealed), at: Int64(slot * Self.slotSize))
        try descriptor.dataSync()
        generation = (generation + 1) & 0xFFFF
        recorded = count
    }
}
