import Dispatch
import LedgerCrypto
public import PersonalDataLedger
import Synchronization

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A ``LedgerStore`` in a directory: crash-safe, tamper-evident, and physically erasable.
///
/// The directory holds a lock file, numbered log segments of length- and CRC-framed batches, two
/// vaults (subject identifiers, personal values), an index snapshot and a checkpoint. The log
/// holds no personal value and no subject identifier — only numbers and salted commitments — so
/// erasing a person overwrites their vault entries in place and nothing else, and the hash chain
/// still verifies afterwards. `Documentation/FileFormat.md` describes every byte.
///
/// ```swift
/// let store = try FileLedgerStore(directory: URL(filePath: "/var/lib/webshop/ledger"))
/// let ledger = try await Ledger(store: store, catalog: .focusNordic, region: .norway)
/// ```
///
/// - `append` returns after `fdatasync`; concurrent appends share one write and one sync.
/// - A failed write or sync fails the store closed: it acknowledges nothing more. Reopen it; the
///   reopen cuts the failed batch, never trusting what the page cache still shows of it.
/// - A read-only store opened after a writer's crash answers as the writer will after its
///   recovery, and says what it ignored in ``recoveryWarning``.
/// - Any number of processes may open it for writing, as SQLite allows: each commit takes an
///   exclusive `flock` on `LOCK`, first catches up with what the others appended, then writes its
///   own batch, so sequence numbers, the chain and the vaults stay exact; group commit inside
///   each process stays. A DPO's `pdl report`, `erase` or `requests` works beside a running
///   service. Every process sees the others' facts on its next read.
/// - A process that only reads may open it ``AccessMode/readOnly``: it never changes a file.
/// - Call ``close()`` when done: it snapshots the index so the next open is fast. Without it
///   nothing is lost; the next open replays the log since the last snapshot.
public final class FileLedgerStore: LedgerStore {
    /// Whether this process writes the store or only reads it.
    public enum AccessMode: Sendable, Hashable {
        /// A writer, one of any number: recovers the log on open, appends and erases, each commit
        /// under the writers' lock.
        case readWrite
        /// A reader beside the writers (or alone): never changes a file, and catches up with facts
        /// the writers appended on every read.
        case readOnly
    }

    /// Tuning for a store; the defaults suit the sizes in the design notes.
    public struct Options: Sendable, Hashable {
        /// The size after which the log moves on to a new segment, in bytes.
        public var segmentSize: Int
        /// How many facts may be appended after the last index snapshot before a new one is taken.
        ///
        /// ``FileLedgerStore/close()`` takes one too once a tenth of this many were appended since
        /// the last (or when there is none to open from); after fewer, the next open replays them.
        public var snapshotInterval: Int
        /// How long a commit (or an open for writing) waits for another process's commit before it
        /// fails with ``LedgerStoreError/Code-swift.struct/locked``. A commit holds the lock for
        /// milliseconds; only a stopped or hung writer holds it this long.
        public var lockTimeout: Duration

        /// Creates options.
        public init(segmentSize: Int = 32 << 20, snapshotInterval: Int = 100_000, lockTimeout: Duration = .seconds(10))
        {
            self.segmentSize = segmentSize
            self.snapshotInterval = snapshotInterval
            self.lockTimeout = lockTimeout
        }
    }

    /// Set when a read-only open found what a writer's crash leaves (a torn last frame, vault
    /// bytes ahead of the last whole frame, an erasure recorded but not yet carried out): the
    /// store ignores it, as the writer's recovery does, and this says so — once, for the caller to
    /// show (`pdl` prints it on standard error). `nil` for writers and for tidy directories.
    public let recoveryWarning: String?

    let directory: LedgerDirectory
    let mode: AccessMode
    let options: Options
    let identities: VaultFile
    let values: VaultFile
    /// The writers' lock, taken per commit (`nil` for readers).
    let writerLock: WriterLock?
    /// Where commitments' salts come from: random, except in tests that compare chains.
    let salts: SaltSource
    /// Who hears each durable write (``LedgerEvent/storeAppended(facts:bytes:syncDuration:)``).
    let observer: (any LedgerObserver)?
    let state: Mutex<StoreState>
    /// The writer's record of the last acknowledged sequence; only the writer thread uses it.
    let acknowledged: Mutex<AcknowledgedFile?>
    let jobs = Mutex<JobQueue>(JobQueue())
    /// The longest a group waits for callers to join it (``gather(expecting:)``).
    let gatherWait: DispatchTimeInterval
    let writerQueue = DispatchQueue(label: "PersonalDataLedger.FileLedgerStore.writer")
    /// The thread that encodes index snapshots while the writer commits (`FileLedgerStore+Snapshots.swift`).
    let snapshotQueue = DispatchQueue(label: "PersonalDataLedger.FileLedgerStore.snapshot")
    let snapshotWork = Mutex<SnapshotWork>(.idle)
    /// Entered while a snapshot is encoded; closing and releasing the files wait for it.
    let snapshotsInFlight = DispatchGroup()
    /// Threads that `fdatasync` vaults while the writer syncs the log (see ``syncAll(_:)``).
    let syncQueues = [
        DispatchQueue(label: "PersonalDataLedger.FileLedgerStore.sync.1"),
        DispatchQueue(label: "PersonalDataLedger.FileLedgerStore.sync.2"),
    ]

    /// Opens the ledger in `directory`, creating it if needed (read-write only), and recovers it:
    /// a torn tail left by a crash is cut off, erasures are re-applied to the vault, and damage
    /// anywhere else — a frame the writer had acknowledged (`ACKNOWLEDGED`), a damaged
    /// `CHECKPOINT`, a missing segment or vault — is refused with an error naming the file and
    /// offset, before anything is written.
    ///
    /// The directory must be its owner's alone: one group or others can reach (mode bits `077`),
    /// or a vault group or others may read, is refused with the `chmod` that fixes it, and a
    /// symbolic link where a ledger file should be is refused naming the file (files are opened
    /// with `O_NOFOLLOW`; the directory itself may be reached through a link).
    ///
    /// - Parameter observer: who hears each group commit made durable — its facts, the bytes
    ///   written to the log and the vaults, and how long the `fdatasync`s took — on the writer
    ///   thread; give the ledger the same one.
    /// - Throws: ``LedgerStoreError`` — `locked` naming a writer that held the lock longer than
    ///   ``Options/lockTimeout`` (recovery runs under the lock),
    ///   `corrupted`, `unsupportedFormat` or `io` (also for the modes and links above).
    public convenience init(
        directory: URL, mode: AccessMode = .readWrite, options: Options = Options(),
        observer: (any LedgerObserver)? = nil
    ) throws {
        var path = directory.path(percentEncoded: false)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        try self.init(path: path, mode: mode, options: options, calls: .live, observer: observer)
    }

    init(
        path: String, mode: AccessMode, options: Options, calls: SystemCalls, salts: SaltSource = .random,
        observer: (any LedgerObserver)? = nil, gatherWait: DispatchTimeInterval = FileLedgerStore.defaultGatherWait
    ) throws {
        let opened = try StoreOpener(
            directory: LedgerDirectory(path: path, calls: calls), mode: mode, options: options
        ).open()
        self.directory = opened.directory
        self.mode = mode
        self.options = options
        self.identities = opened.identities
        self.values = opened.values
        self.writerLock = opened.lock
        self.salts = salts
        self.observer = observer
        self.gatherWait = gatherWait
        self.state = Mutex(opened.state)
        self.acknowledged = Mutex(opened.acknowledged)
        self.recoveryWarning =
            opened.leftovers.isEmpty
            ? nil
            : "\(opened.directory.path) holds what a crash of its writer left: "
                + opened.leftovers.joined(separator: "; ")
                + ". This read-only view ignores it, exactly as recovery does, so its answers are the ledger's; the "
                + "writer tidies it up on its next open (start the service that records, or run a pdl command that "
                + "records). Nothing acknowledged is lost."
        if mode == .readWrite, !opened.isTidied {
            // Opened beside the other writers: catch up with what they appended meanwhile and
            // record the count, under the lock, once.
            try beginCommit()
            defer { endCommit() }
            try recordAcknowledged()
        }
    }

    deinit { releaseFiles() }

    /// Closes every descriptor once — segments, vaults and the lock (which releases it) — and
    /// marks the store closed.
    func releaseFiles() {
        // The snapshot thread reads the identities vault. A snapshot it left uninstalled closes
        // the files it wrote ahead, which vanish unnamed.
        snapshotsInFlight.wait()
        snapshotWork.withLock { $0 = .idle }
        let wasClosed = state.withLock { state in
            defer { state.isClosed = true }
            if !state.isClosed { state.closeFiles() }
            return state.isClosed
        }
        guard !wasClosed else { return }
        identities.descriptor.close()
        values.descriptor.close()
        // Under its lock, so an idle record running now never writes to a closed descriptor.
        acknowledged.withLock { file in
            file?.descriptor.close()
            file = nil
        }
        writerLock?.close()
    }

    /// Lets go of every file without writing anything, as if the process had died: tests use it
    /// to reopen a store the way a crash leaves it.
    /// What the writer had started — a group, a snapshot being encoded — is finished first.
    func abandon() {
        waitUntilSnapshotsSettle()
        releaseFiles()
    }

    // MARK: LedgerStore

    public func append(_ facts: [NewFact]) async throws -> [Fact] {
        guard !facts.isEmpty else {
            try state.withLock { try $0.checkUsable(for: mode, writing: false) }
            return []
        }
        try state.withLock { try $0.checkUsable(for: mode, writing: true) }
        return try await withCheckedThrowingContinuation { continuation in
            submit(.append(facts, continuation))
        }
    }

    public func facts(for key: IndexKey) async throws -> [Fact] {
        try read { state in
            guard let slot = try state.tables.slot(for: key) else { return [] }
            let sequences = try readIndex(state) { index throws(CodecError) in try index.postings(slot) }
            return try self.facts(sequences, in: state)
        }
    }

    public func facts(from sequence: UInt64, limit: Int) async throws -> [Fact] {
        try read { state in
            let first = max(sequence, 1)
            guard limit > 0, first <= state.tables.count else { return [] }
            let last = min(state.tables.count, first + UInt64(limit) - 1)
            return try self.facts(first...last, in: state)
        }
    }

    public func erase(_ scope: ErasureScope, recording erasure: NewFact) async throws -> Fact {
        try state.withLock { try $0.checkUsable(for: mode, writing: true) }
        return try await withCheckedThrowingContinuation { continuation in
            submit(.erase(scope, erasure, continuation))
        }
    }

    public func integrityHead() async throws -> IntegrityHead {
        try read { state in
            IntegrityHead(count: state.tables.count, hash: state.tables.head.hexString)
        }
    }

    public func verify(against checkpoint: IntegrityHead?) async throws -> IntegrityHead {
        do { return try verifyChain(against: checkpoint) } catch let error as LedgerStoreError { throw error } catch {
            throw LedgerStoreError.integrityViolation(
                "Verifying the ledger in \(directory.path) failed: \(error). Restore the directory from a backup, "
                    + "or keep it for inspection.")
        }
    }

    public func verify(
        against checkpoint: IntegrityHead?, progress: (@Sendable (_ verified: UInt64, _ total: UInt64) -> Void)?
    ) async throws -> IntegrityHead {
        try verifyChain(against: checkpoint, progress: progress)
    }

    // MARK: File-store specifics

    /// Reads facts other processes appended since this store last looked, and returns the new
    /// count. Reads do this by themselves; call it to learn the count without reading.
    @discardableResult
    public func refresh() async throws -> UInt64 {
        try read { $0.tables.count }
    }

    /// Snapshots the index and the checkpoint, closes every file and the lock file.
    ///
    /// Further calls throw ``LedgerStoreError/Code-swift.struct/closed``. Closing a store that
    /// failed closed releases it without writing anything.
    ///
    /// The files are released even when the snapshot cannot be written (a full disk); the error
    /// then says that nothing acknowledged is lost — the snapshot is work after the durable
    /// appends, which the next open does again — so treat it as a warning, never as a reason to
    /// append the same facts again.
    public func close() async throws {
        if mode == .readOnly {
            releaseFiles()
            return
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            submit(.close(continuation))
        }
    }

    /// The store's directory.
    public var path: String { directory.path }
}
