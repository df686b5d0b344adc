import Dispatch
import PersonalDataLedger

/// The store's mutable state, guarded by its lock: the tables, open segments, and whether it
/// failed or closed.
struct StoreState: Sendable {
    var tables: StoreTables
    var segments: [UInt64: FileDescriptor]
    /// Set once a write or sync failed; every later write gets it back.
    var failure: LedgerStoreError?
    var isClosed = false
    var factsSinceSnapshot = 0
    /// Whether closing takes a snapshot whatever ``factsSinceSnapshot`` says: there is no
    /// usable one (or its `SUBJECTS` is missing), so every open reads more than it need.
    var isSnapshotDue = false
    /// Whether the last snapshot encoded off the writer was thrown away because an erasure
    /// overtook it: the next one is encoded on the writer.
    var snapshotWasOvertaken = false
    /// The frames open did not read (those the index snapshot covered), checked on first read.
    var frameChecks = FrameChecks.none
    /// How far this store has read the identities vault (for frames other processes append).
    var identitiesLoaded: UInt64
    /// Set while this process's writer holds the writers' lock and has not yet published its
    /// batch: reads then skip catching up, which would find that very batch in the files.
    var isCommitting = false
    /// Frames of other processes applied since this writer last synced: their writer may have
    /// died before its sync, so they are synced before this one acknowledges anything above them.
    var hasUnsyncedForeignFrames = false
    /// Erasures other processes recorded, to carry out again under the lock in case their
    /// writer died between its frame and its overwrite (a no-op otherwise).
    var foreignErasures: [EraseOperation] = []
    /// Whether one of them dropped a lookup token, so `INDEX` must go (its writer removes it
    /// under the lock, unless it died first).
    var foreignDroppedLookups = false
    /// Whether `SUBJECTS` may list a subject erased since it was written (a crash before the
    /// erasure's removal of it, or a snapshot written beside it): its writer removes it under the lock.
    var subjectsMayListErased = false

    func checkUsable(for mode: FileLedgerStore.AccessMode, writing: Bool) throws {
        if isClosed { throw LedgerStoreError(.closed, "The store was closed; open it again to use it.") }
        if writing, mode == .readOnly {
            throw LedgerStoreError(
                .readOnly, "The store was opened read-only; open it read-write (.readWrite) to write.")
        }
        if writing, let failure { throw failure }
    }

    mutating func closeFiles() {
        for descriptor in segments.values { descriptor.close() }
        segments = [:]
    }
}

/// Work waiting for the writer thread, and whether it is running.
struct JobQueue: Sendable {
    var jobs: [WriterJob] = []
    var isDraining = false
    /// Set while the writer waits for callers to join its next group
    /// (``FileLedgerStore/gather(expecting:)``): how many it waits for, and what wakes it.
    var gathering: (callers: Int, signal: DispatchSemaphore)?
}

/// One call waiting to be written.
enum WriterJob: Sendable {
    case append([NewFact], CheckedContinuation<[Fact], any Error>)
    /// An append with given commitments: committed alone, so a refusal fails no other caller.
    case appendCommitted([NewFact], [[FieldCommitment]], CheckedContinuation<[Fact], any Error>)
    case erase(ErasureScope, NewFact, CheckedContinuation<Fact, any Error>)
    case close(CheckedContinuation<Void, any Error>)
    /// A snapshot encoded off the writer is ready to be written and used
    /// (``FileLedgerStore/installEncodedSnapshot()``).
    case installSnapshot

    /// Whether the job joins a group commit with other callers' appends.
    var isGroupAppend: Bool {
        if case .append = self { true } else { false }
    }
}
