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
    /// How far a read-only store has loaded the identities vault.
    var identitiesLoaded: UInt64

    func checkUsable(for mode: FileLedgerStore.AccessMode, writing: Bool) throws {
        if isClosed { throw LedgerStoreError(.closed, "The store was closed; open it again to use it.") }
        if writing, mode == .readOnly {
            throw LedgerStoreError(
                .readOnly, "The store was opened read-only; only the process holding its lock may write.")
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
}

/// One call waiting to be written.
enum WriterJob: Sendable {
    case append([NewFact], CheckedContinuation<[Fact], any Error>)
    /// An append with given commitments: committed alone, so a refusal fails no other caller.
    case appendCommitted([NewFact], [[FieldCommitment]], CheckedContinuation<[Fact], any Error>)
    case erase(ErasureScope, NewFact, CheckedContinuation<Fact, any Error>)
    case close(CheckedContinuation<Void, any Error>)
}
