import PersonalDataLedger

/// What recovery learns from the directory before it decides anything: every segment scanned
/// (or, where the index snapshot covers it, its header and what the snapshot's frame table says
/// of it), the vaults' sizes, the index snapshot's and the checkpoint's claims.
///
/// Built by ``StoreOpener`` from the files; built from byte arrays by tests. The two questions
/// that need vault bytes are asked through closures, and only of the newest few batches.
struct RecoveryInput {
    /// One log segment, scanned.
    struct Segment {
        enum Header {
            case intact(SegmentHeader)
            /// A whole header of a format version this code cannot read.
            case unsupported(CodecError)
            /// No intact header; `isOtherwiseEmpty` when nothing but zeros (or nothing) follows
            /// where it should be, as a crash while creating the segment leaves it.
            case damaged(isOtherwiseEmpty: Bool)
        }

        /// What the index snapshot's frame table says of a segment whose frames it covers, and
        /// what open read to check that: the segment's size and its last covered frame.
        struct Coverage: Hashable {
            /// The file's size in bytes.
            var size: UInt64
            /// The first sequence of the segment's first frame, by the table.
            var firstSequence: UInt64
            /// The segment's last covered frame, by the table.
            var last: FrameEntry
            /// That frame as read from the segment; `nil` when it is not intact there (length,
            /// CRC-32C, batch header).
            var lastRead: SegmentScanner.Frame?
        }

        var number: UInt64
        var header: Header
        /// The intact frames from the header on — for a covered segment, from where the snapshot
        /// ends on — and how the walk over them ended.
        var frames: [SegmentScanner.Frame]
        var ending: SegmentScanner.Ending
        /// Set when the snapshot covers frames of this segment and they were not scanned.
        var coverage: Coverage? = nil

        /// Decodes the header of segment `number` and walks its frames.
        static func scan(number: UInt64, bytes: [UInt8]) -> Segment {
            let header: SegmentHeader?
            do { header = try SegmentHeader.decode(bytes) } catch {
                return Segment(number: number, header: .unsupported(error), frames: [], ending: .clean)
            }
            guard let header else {
                let isEmpty =
                    bytes.count <= SegmentHeader.size || bytes[SegmentHeader.size...].allSatisfy { $0 == 0 }
                return Segment(number: number, header: .damaged(isOtherwiseEmpty: isEmpty), frames: [], ending: .clean)
            }
            let (frames, ending) = SegmentScanner(bytes: bytes, expectedSequence: header.firstSequence).scan()
            return Segment(number: number, header: .intact(header), frames: frames, ending: ending)
        }

        /// The frame whose bytes, as read at `offset`, are `bytes`; `nil` unless they are one
        /// whole frame with a matching CRC-32C and a batch header that decodes.
        static func frame(_ bytes: [UInt8], at offset: Int, expectedSequence: UInt64) -> SegmentScanner.Frame? {
            let (frames, _) = SegmentScanner(bytes: bytes, expectedSequence: expectedSequence).scan(from: 0)
            guard frames.count == 1, var frame = frames.first, frame.end == bytes.count else { return nil }
            frame.offset += offset
            return frame
        }

        /// A segment the snapshot covers up to `coverage.last`: its header's bytes and, when the
        /// snapshot ends in it, its bytes from `tailStart` on (`tail`), scanned from there.
        static func covered(
            number: UInt64, headerBytes: [UInt8], coverage: Coverage, tail: [UInt8] = [], tailStart: Int = 0,
            expectedSequence: UInt64 = 0
        ) -> Segment {
            let header: Header
            do {
                header = try SegmentHeader.decode(headerBytes).map(Header.intact) ?? .damaged(isOtherwiseEmpty: false)
            } catch { header = .unsupported(error) }
            var (frames, ending) = SegmentScanner(bytes: tail, expectedSequence: expectedSequence, base: tailStart)
                .scan(from: 0)
            for index in frames.indices { frames[index].offset += tailStart }
            switch ending {
            case .clean: break
            case .tornTail(let offset): ending = .tornTail(at: tailStart + offset)
            case .corrupted(let offset, let reason): ending = .corrupted(at: tailStart + offset, reason: reason)
            }
            return Segment(number: number, header: header, frames: frames, ending: ending, coverage: coverage)
        }
    }

    /// What an index snapshot claims to cover.
    struct Snapshot: Hashable {
        var count: UInt64
        var head: [UInt8]
        var logEnd: LogPosition
    }

    /// For messages only.
    var directoryPath: String
    var isWriter: Bool
    /// The segments found, in number order (gaps included: the plan refuses them).
    var segments: [Segment]
    var identitiesSize: UInt64
    /// Where the walkable prefix of the identities vault ends (see ``StoreOpener/identityEntries(_:from:)``).
    var identitiesValidEnd: UInt64
    var valuesSize: UInt64
    /// The index snapshot, if one decoded.
    var snapshot: Snapshot?
    /// The count the `CHECKPOINT` records, if there is one.
    var checkpointCount: UInt64?
    /// What `ACKNOWLEDGED` records: recovery may cut only what lies above it.
    var acknowledged: AcknowledgedFile.Record = .absent
    /// Whether the vault entries in `from..<to` are all there and pass their CRCs.
    var vaultEntriesAreIntact: (_ kind: VaultKind, _ from: UInt64, _ to: UInt64) -> Bool
    /// Whether the frame of segment `segment` records erase operations.
    var frameErasesVaultEntries: (_ segment: UInt64, _ frame: SegmentScanner.Frame) -> Bool
}
