import Dispatch
import PersonalDataLedger

/// Index snapshots: every ``Options/snapshotInterval`` facts the writer replaces `INDEX`,
/// `SUBJECTS` and `CHECKPOINT` with its tables, and from then on reads positions, postings,
/// strings and subjects from the mapped files instead of keeping them in memory.
///
/// Encoding a snapshot costs in proportion to the ledger (a third of a second at a million facts,
/// seconds at ten million), and so does writing and syncing its files (146 MB of `INDEX` at ten
/// million), so both run on a thread of its own, from a copy of the tables, while the writer goes
/// on committing: the files are written without a name (``UnnamedFile``, on Linux). At its next
/// commit — under the writers' lock, so no other process's snapshot is being installed, and
/// caught up with the other processes — the writer names them in place of the old ones and
/// rebases on them: only what it published after the copy stays in memory.
///
/// A snapshot whose copy an erasure has overtaken since (postings dropped or removed: an erased
/// subject, an erased lookup token) is thrown away unwritten, because it would show them again;
/// the next one is then encoded on the writer, so a steady stream of erasures cannot keep the
/// tables in memory for ever.
extension FileLedgerStore {
    /// Starts a snapshot when enough facts were published since the last one and none is being
    /// encoded, after installing one that is ready. Runs on the writer, within a commit.
    func maybeSnapshot() {
        installEncodedSnapshot()
        let (due, count, encodesOnWriter) = state.withLock {
            (
                $0.factsSinceSnapshot >= options.snapshotInterval && $0.failure == nil && !$0.isClosed,
                $0.tables.count, $0.snapshotWasOvertaken
            )
        }
        guard due, snapshotWork.withLock({ if case .idle = $0 { true } else { false } }) else { return }
        // Under the writers' lock: another process may have taken a snapshot since this one did
        // (its `CHECKPOINT` is written with it). Count from that one instead of encoding the same
        // tables again — at ten million facts an `INDEX` is 146 MB.
        if let checkpoint = try? CheckpointFile.read(in: directory), checkpoint.count <= count,
            count - checkpoint.count < UInt64(options.snapshotInterval)
        {
            state.withLock { $0.factsSinceSnapshot = Int(count - checkpoint.count) }
            return
        }
        if encodesOnWriter {
            try? writeSnapshot()
            return
        }
        let tables = tablesForSnapshot()
        snapshotWork.withLock { $0 = .encoding }
        snapshotsInFlight.enter()
        snapshotQueue.async { [self] in
            var encoded = EncodedSnapshot(of: tables)
            encoded.writeAhead(in: directory)
            snapshotWork.withLock { $0 = .ready(encoded) }
            submit(.installSnapshot)
            snapshotsInFlight.leave()
        }
    }

    /// Writes and uses the snapshot the snapshot thread encoded, if one is ready (best effort:
    /// when it cannot be written, the next snapshot or open does the work again). Runs on the
    /// writer, within a commit.
    func installEncodedSnapshot() {
        let ready = snapshotWork.withLock { work -> EncodedSnapshot? in
            guard case .ready(let encoded) = work else { return nil }
            work = .idle
            return encoded
        }
        guard let ready else { return }
        let (isUsable, isOvertaken) = state.withLock {
            ($0.failure == nil && !$0.isClosed, $0.tables.index.removals != ready.tables.index.removals)
        }
        guard isUsable else { return }
        if isOvertaken {
            state.withLock { state in
                state.snapshotWasOvertaken = true
                state.factsSinceSnapshot = max(state.factsSinceSnapshot, options.snapshotInterval)
            }
            return
        }
        if let checkpoint = try? CheckpointFile.read(in: directory), checkpoint.count >= ready.tables.count {
            // Another process wrote one at least as new meanwhile: count from that one.
            state.withLock { state in
                if checkpoint.count <= state.tables.count {
                    state.factsSinceSnapshot = Int(state.tables.count - checkpoint.count)
                }
            }
            return
        }
        let replaced = try? install(ready)
        // The tables the snapshot replaced and the copy it was encoded from share tens of
        // megabytes of postings, which took 10–20 ms of this commit to free at two million
        // facts, under the writers' lock: they are freed on another thread.
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime((ready, replaced)) {} }
    }

    /// Replaces `INDEX` and `CHECKPOINT` with the current tables and head, on the writer,
    /// within a commit: nothing is appended meanwhile.
    ///
    /// Work after the durable appends, never part of them: when it fails (a full disk), every
    /// acknowledged fact is still in the log, the store stays usable, and the next snapshot or
    /// open does the work again. The error says so, so that no caller retries what is recorded.
    func writeSnapshot() throws {
        _ = try install(EncodedSnapshot(of: tablesForSnapshot()))
    }

    /// A copy of the tables to encode, with the count of facts since the last snapshot reset.
    private func tablesForSnapshot() -> StoreTables {
        state.withLock { state in
            state.factsSinceSnapshot = 0
            state.isSnapshotDue = false
            state.snapshotWasOvertaken = false
            return state.tables
        }
    }

    /// Writes `encoded`'s files and rebases the tables on them; returns the tables it replaced,
    /// if it did. Runs on the writer, within a commit, so that only this writer changes the
    /// tables meanwhile and no other process writes the same files.
    private func install(_ encoded: EncodedSnapshot) throws -> StoreTables? {
        let index: [UInt8]
        switch encoded.index {
        case .success(let bytes): index = bytes
        case .failure(let error as LedgerStoreError): throw error
        case .failure(let error):
            // The next open rebuilds the index from the log instead of reading the damage again.
            _ = try? directory.remove(LedgerDirectory.indexName)
            throw LedgerStoreError.corrupted(
                "Writing the index snapshot in \(directory.path) failed: the index it is made from, "
                    + "\(LedgerDirectory.indexName), is damaged (\(error)). Nothing acknowledged is lost: every "
                    + "recorded fact is in the log. \(LedgerDirectory.indexName) was removed, and the next open "
                    + "rebuilds it from the log.")
        }
        do {
            try directory.replace(
                LedgerDirectory.indexName, with: index, writtenAhead: encoded.writtenAhead.index)
            if let subjects = encoded.subjects {
                try directory.replace(
                    LedgerDirectory.subjectsName, with: subjects, writtenAhead: encoded.writtenAhead.subjects)
            } else if try directory.remove(LedgerDirectory.subjectsName) {
                // An identifier that does not read: open looks subjects up the slow way.
                try directory.sync()
            }
            try directory.replace(
                LedgerDirectory.checkpointName, with: encoded.checkpoint,
                writtenAhead: encoded.writtenAhead.checkpoint)
        } catch {
            _ = try? directory.remove(LedgerDirectory.indexName + ".tmp")
            _ = try? directory.remove(LedgerDirectory.checkpointName + ".tmp")
            _ = try? directory.remove(LedgerDirectory.subjectsName + ".tmp")
            throw LedgerStoreError(
                .io,
                "Writing the index snapshot (\(LedgerDirectory.indexName), \(LedgerDirectory.checkpointName)) in "
                    + "\(directory.path) failed: \(error). Nothing acknowledged is lost: every recorded fact is in "
                    + "the log, and the next open replays it and writes the snapshot again. Do not record the "
                    + "facts again; free space on the disk.")
        }
        // From now on what the snapshot holds is read from the files, not kept in memory.
        guard let mapped = try? IndexSnapshot.map(in: directory, checkingChecksum: false) else { return nil }
        let hash =
            encoded.subjects == nil
            ? nil : (try? SubjectHash.map(in: directory, checkingChecksum: false)).flatMap { $0 }
        // Rebased outside the state lock, so that reads go on meanwhile: within a commit only
        // this writer changes the tables.
        var tables = state.withLock { $0.tables }
        guard
            tables.rebase(
                on: mapped, madeFrom: encoded.tables, hash: hash?.belongs(to: mapped.header) == true ? hash : nil,
                identities: .vault(identities))
        else { return nil }
        state.withLock { swap(&$0.tables, &tables) }
        return tables
    }

    /// Waits for a snapshot being encoded and installs it; then snapshots if the log has moved
    /// on enough since the last one (``snapshotsOnClose``), and releases every file whether the
    /// snapshot was written or not.
    func closeOnWriter() throws {
        snapshotsInFlight.wait()
        installEncodedSnapshot()
        let (isClosed, failed, isDue) = state.withLock {
            ($0.isClosed, $0.failure != nil, $0.isSnapshotDue || $0.factsSinceSnapshot >= snapshotsOnClose)
        }
        guard !isClosed else { return }
        defer { releaseFiles() }
        guard !failed else { return }
        // Best effort, like the snapshot: the next open records the count again.
        try? recordAcknowledged()
        if isDue { try writeSnapshot() }
    }

    /// Facts since the last snapshot from which closing takes one: a tenth of the interval. A
    /// snapshot rewrites the whole index (17 MB at a million facts), which a process that
    /// recorded a few facts — `pdl record`, `pdl erase` — should not pay on every close; the next
    /// open replays the few instead. Without a snapshot to use, or after `INDEX` or `SUBJECTS`
    /// was removed, closing takes one all the same (``StoreState/isSnapshotDue``).
    var snapshotsOnClose: Int { max(1, options.snapshotInterval / 10) }

    /// Waits until no snapshot is being encoded and the writer has installed the last one:
    /// ``abandon()`` does, and tests that look at the files a snapshot writes.
    func waitUntilSnapshotsSettle() {
        // The writer starts a snapshot after answering its callers; the snapshot thread queues
        // its installation for the writer before it leaves the group.
        writerQueue.sync {}
        snapshotsInFlight.wait()
        writerQueue.sync {}
    }
}

/// What the snapshot thread is doing.
enum SnapshotWork: Sendable {
    case idle
    case encoding
    /// Encoded, waiting for the writer to write and use it.
    case ready(EncodedSnapshot)
}

/// A snapshot's files, encoded from a copy of the tables.
struct EncodedSnapshot: Sendable {
    /// The tables it was encoded from.
    var tables: StoreTables
    /// `INDEX`, or why it could not be encoded (damage in the mapped one it copies from).
    var index: Result<[UInt8], any Error>
    /// `SUBJECTS`; `nil` when an identifier does not read.
    var subjects: [UInt8]?
    var checkpoint: [UInt8]
    /// The same files, written and synced without a name by ``writeAhead(in:)``, where it could.
    var writtenAhead = WrittenAhead()

    struct WrittenAhead: Sendable {
        var index: UnnamedFile?
        var subjects: UnnamedFile?
        var checkpoint: UnnamedFile?
    }

    init(of tables: StoreTables) {
        self.tables = tables
        index = Result { try IndexSnapshot.encode(tables) }
        subjects = try? FileLedgerStore.encodeSubjectHash(tables)
        checkpoint = CheckpointFile.encode(IntegrityHead(count: tables.count, hash: tables.head.hexString))
    }

    /// Writes the files into `directory` without names, so that installing the snapshot only
    /// names them. Best effort: a file it could not write (no unnamed files here, a full disk) is
    /// written from its bytes when the snapshot is installed, where a lasting error is reported.
    mutating func writeAhead(in directory: LedgerDirectory) {
        if case .success(let bytes) = index {
            writtenAhead.index = (try? UnnamedFile(writing: bytes, in: directory)) ?? nil
        }
        if let subjects {
            writtenAhead.subjects = (try? UnnamedFile(writing: subjects, in: directory)) ?? nil
        }
        writtenAhead.checkpoint = (try? UnnamedFile(writing: checkpoint, in: directory)) ?? nil
    }
}
