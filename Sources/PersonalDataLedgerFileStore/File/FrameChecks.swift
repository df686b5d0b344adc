import LedgerCrypto
import Synchronization

/// Which of the frames open did not read have had their CRC-32C checked since.
///
/// Open reads only the frames after the index snapshot; those it covers are checked the first
/// time a fact in them is read, once per process. Frames scanned at open or while catching up,
/// and those this process wrote, count as checked and are not in here.
final class FrameChecks: Sendable {
    /// Frames numbered below this (from the log's first) were not read at open.
    let uncheckedFrames: Int
    /// The facts up to this sequence lie in them.
    let uncheckedFacts: UInt64
    private let checked: Mutex<[UInt64]>
    /// How many of them are still to check: once none is, a read need not look its frame up.
    private let remaining: Atomic<Int>

    init(frames: Int, facts: UInt64) {
        uncheckedFrames = frames
        uncheckedFacts = facts
        checked = Mutex([UInt64](repeating: 0, count: (frames + 63) / 64))
        remaining = Atomic(frames)
    }

    /// Whether the fact at `sequence` may lie in a frame not checked yet.
    func mayNeedCheck(_ sequence: UInt64) -> Bool {
        sequence <= uncheckedFacts && remaining.load(ordering: .relaxed) > 0
    }

    /// Nothing left to check: open read every frame.
    static var none: FrameChecks { FrameChecks(frames: 0, facts: 0) }

    func isChecked(_ frame: Int) -> Bool {
        checked.withLock { $0[frame / 64] & (1 << UInt64(frame % 64)) != 0 }
    }

    func markChecked(_ frame: Int) {
        let isNew = checked.withLock { bits in
            let bit: UInt64 = 1 << UInt64(frame % 64)
            defer { bits[frame / 64] |= bit }
            return bits[frame / 64] & bit == 0
        }
        if isNew { remaining.subtract(1, ordering: .relaxed) }
    }

    /// Whether `bytes` are a whole frame of `payloadLength` bytes whose CRC-32C matches.
    static func isIntact(_ bytes: UnsafeRawBufferPointer, payloadLength: Int) -> Bool {
        guard bytes.count == LogFrame.headerSize + payloadLength else { return false }
        let length = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        let checksum = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        return Int(length) == payloadLength
            && CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[LogFrame.headerSize...])) == checksum
    }
}
