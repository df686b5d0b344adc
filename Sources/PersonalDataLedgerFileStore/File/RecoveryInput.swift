import PersonalDataLedger

/// What recovery learns from the directory before it decides anything: every segment scanned,
/// the vaults' sizes, the index snapshot's and the checkpoint's claims.
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

        var number: UInt64
        var header: Header
        /// The intact frames from the header on, and how the walk over them ended.
        var frames: [SegmentScanner.Frame]
        var ending: SegmentScanner.Ending

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
