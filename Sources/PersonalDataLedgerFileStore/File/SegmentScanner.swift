import LedgerCrypto
import PersonalDataLedger

/// Walks the frames of one segment's bytes and classifies where they stop.
///
/// Everything up to the first bad frame is trusted (length in range, CRC-32C matches, batch
/// header decodes). What follows a bad frame decides what it was: if any valid frame starts
/// after it, the damage is in the middle of the log and must not be repaired by guessing; if
/// none does, it is a torn tail — a write the crash interrupted — and may be cut off.
struct SegmentScanner {
    struct Frame: Hashable {
        var offset: Int
        var payloadLength: Int
        var batch: BatchHeader
        var end: Int { offset + LogFrame.headerSize + payloadLength }
    }

    enum Ending: Equatable {
        /// The frames fill the segment exactly.
        case clean
        /// A torn tail starts at this offset.
        case tornTail(at: Int)
        /// A bad frame at this offset is followed by a valid one.
        case corrupted(at: Int, reason: String)
    }

    let bytes: [UInt8]
    /// The sequence number the first frame scanned should start at; a frame found after damage
    /// must continue from at least here, which keeps the search for one cheap and honest.
    let expectedSequence: UInt64
    /// Where `bytes` start in the segment, for messages only (offsets returned are into `bytes`).
    var base = 0

    func scan(from start: Int = SegmentHeader.size) -> (frames: [Frame], ending: Ending) {
        var frames: [Frame] = []
        var offset = start
        while offset < bytes.count {
            switch frame(at: offset) {
            case .success(let frame):
                frames.append(frame)
                offset = frame.end
            case .failure(let bad):
                if let later = firstValidFrame(after: offset) {
                    return (
                        frames,
                        .corrupted(
                            at: offset, reason: "\(bad.reason), yet an intact frame follows at offset \(base + later)")
                    )
                }
                return (frames, .tornTail(at: offset))
            }
        }
        return (frames, .clean)
    }

    private struct Bad: Error { var reason: String }

    private func frame(at offset: Int) -> Result<Frame, Bad> {
        guard bytes.count - offset >= LogFrame.headerSize else {
            return .failure(Bad(reason: "a frame header is cut short"))
        }
        let length = Int(bytes.uint32LE(at: offset))
        guard length > 0, length <= LogFrame.maximumPayload else {
            return .failure(Bad(reason: "a frame claims an impossible length \(length)"))
        }
        let payloadStart = offset + LogFrame.headerSize
        guard length <= bytes.count - payloadStart else {
            return .failure(Bad(reason: "a frame claims \(length) bytes but the segment ends first"))
        }
        let checksum = bytes.withUnsafeBytes {
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[payloadStart..<(payloadStart + length)]))
        }
        guard checksum == bytes.uint32LE(at: offset + 4) else {
            return .failure(Bad(reason: "a frame's CRC-32C does not match"))
        }
        var reader = ByteReader(bytes, from: payloadStart, to: payloadStart + length)
        do {
            let batch = try BatchHeader.decode(&reader)
            return .success(Frame(offset: offset, payloadLength: length, batch: batch))
        } catch {
            return .failure(Bad(reason: "a frame's batch header does not decode (\(error))"))
        }
    }

    /// Whether the batch header at `offset` could follow what was scanned, before paying for a CRC.
    private func isPlausible(at offset: Int, length: Int) -> Bool {
        let start = offset + LogFrame.headerSize
        var reader = ByteReader(bytes, from: start, to: start + length)
        guard let batch = try? BatchHeader.decode(&reader) else { return false }
        return batch.firstSequence >= expectedSequence
            && batch.firstSequence - expectedSequence <= UInt64(bytes.count - offset)
            && batch.count >= 1 && batch.count <= UInt64(length)
    }

    private func firstValidFrame(after offset: Int) -> Int? {
        var candidate = offset + 1
        while candidate + LogFrame.headerSize < bytes.count {
            let length = Int(bytes.uint32LE(at: candidate))
            if length > 0, length <= bytes.count - candidate - LogFrame.headerSize,
                bytes[candidate + LogFrame.headerSize] == BatchHeader.version,
                isPlausible(at: candidate, length: length), case .success = frame(at: candidate)
            {
                return candidate
            }
            candidate += 1
        }
        return nil
    }
}
