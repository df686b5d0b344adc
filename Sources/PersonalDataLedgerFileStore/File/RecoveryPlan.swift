import PersonalDataLedger

/// What opening a directory must do to it, decided from a ``RecoveryInput`` without touching a
/// file: the pure half of recovery. ``StoreOpener`` carries it out.
///
/// Making the plan either refuses (a `LedgerStoreError` naming the file and offset) or returns
/// the actions in the order they must run, and what the log holds once they have.
struct RecoveryPlan: Hashable {
    enum Action: Hashable {
        /// The directory has no segment yet: create segment 1 (writers only).
        case createFirstSegment
        /// A crash while creating this newest segment left it without an intact header and
        /// without frames; nothing acknowledged lives there. Segment 1 gets its header again, a
        /// later one is removed; a reader only stops looking at it.
        case discardHalfCreatedSegment(UInt64)
        /// Cut the torn tail (or the frame of a batch whose vault entries never reached the disk).
        case truncateSegment(UInt64, to: Int)
        /// Zero, then cut, vault bytes no acknowledged batch refers to: they may hold personal
        /// values of the batch that was lost.
        case cutVault(VaultKind, from: UInt64, to: UInt64)
        /// Build the tables by replaying the log from here (after the snapshot, or from the start).
        case replayLog(from: LogPosition)
        /// Erase again every value and identifier the log records as erased (writers only), and
        /// drop a snapshot older than an erasure that removed a lookup token.
        case reapplyErasures
    }

    var actions: [Action]
    /// The segments of the log once the actions ran, in order.
    var segments: [UInt64]
    /// How many facts the log holds (acknowledged facts).
    var count: UInt64
    /// Where the next frame goes.
    var logEnd: LogPosition
    /// Where replay must stop in the last segment, when a tail was cut off.
    var tornTail: LogPosition?
    var identitiesEnd: UInt64
    var valuesEnd: UInt64
    /// Whether the index snapshot matches the log and replay may start after it.
    var usesSnapshot: Bool
    /// What a crash left that a writer tidies up on open (a torn tail, vault bytes after the last
    /// acknowledged batch, a half-created segment), for the warning a reader gives; a reader
    /// ignores all of it, exactly as the writer's actions remove it.
    var leftovers: [String] = []
}
