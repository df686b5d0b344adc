import Dispatch
import LedgerCrypto
import PersonalDataLedger
import Synchronization

/// The writer: one thread that turns queued calls into group commits.
///
/// As LevelDB's writer queue: callers enqueue and wait; the writer takes everything queued,
/// writes it with one `pwrite` per file and one `fdatasync` per file, then answers them all.
/// Thirty-two concurrent appenders therefore cost about one sync, not thirty-two. A failed write
/// or sync sets ``StoreState/failure``: the store fails closed and never retries, because after
/// a failed `fdatasync` the kernel may already have dropped the dirty pages it could not write.
extension FileLedgerStore {
    func submit(_ job: WriterJob) {
        let startsWriter = jobs.withLock { queue in
            queue.jobs.append(job)
            if let gathering = queue.gathering, queue.jobs.count >= gathering.callers || !job.isGroupAppend {
                queue.gathering = nil
                gathering.signal.signal()
            }
            defer { queue.isDraining = true }
            return !queue.isDraining
        }
        if startsWriter { writerQueue.async { self.drain() } }
    }

    private func drain() {
        var callers = 0
        while true {
            gather(expecting: callers)
            let taken = jobs.withLock { queue in
                let taken = queue.jobs
                queue.jobs = []
                if taken.isEmpty { queue.isDraining = false }
                return taken
            }
            if taken.isEmpty {
                scheduleIdleRecord()
                return
            }
            do { try beginCommit() } catch {
                refuse(taken, error)
                continue
            }
            defer { endCommit() }
            callers = taken.count(where: \.isGroupAppend)
            var appends: [([NewFact], CheckedContinuation<[Fact], any Error>)] = []
            for job in taken {
                switch job {
                case .append(let facts, let continuation): appends.append((facts, continuation))
                case .appendCommitted(let facts, let fields, let continuation):
                    commitGroup(appends)
                    appends = []
                    continuation.resume(with: Result { try commitCommitted(facts, fields) })
                case .erase(let scope, let fact, let continuation):
                    commitGroup(appends)
                    appends = []
                    continuation.resume(with: Result { try commitErasure(scope, fact) })
                case .close(let continuation):
                    commitGroup(appends)
                    appends = []
                    continuation.resume(with: Result { try closeOnWriter() })
                case .installSnapshot:
                    commitGroup(appends)
                    appends = []
                    installEncodedSnapshot()
                }
            }
            commitGroup(appends)
        }
    }

    /// Waits, at most ``gatherWait``, until as many callers are queued as the last group
    /// answered, when that was more than one and fewer are queued now.
    ///
    /// As PostgreSQL's `commit_delay`: concurrent writers whose appends the last group answered
    /// come back one after another, and a group started on the first of them leaves the others
    /// to a group and a sync of their own. A lone writer never waits; an erasure or a close
    /// queued ends the wait, and nothing waits under the writers' lock: the wait comes before it.
    private func gather(expecting callers: Int) {
        guard callers > 1 else { return }
        let signal = DispatchSemaphore(value: 0)
        let waits = jobs.withLock { queue in
            guard queue.jobs.count < callers, queue.jobs.allSatisfy(\.isGroupAppend) else { return false }
            queue.gathering = (callers, signal)
            return true
        }
        guard waits else { return }
        _ = signal.wait(timeout: .now() + gatherWait)
        jobs.withLock { $0.gathering = nil }
    }

    /// How long a group waits for callers to join it at most (``gather(expecting:)``): a
    /// fraction of a sync. 200 µs took more from 32 writers in 4 processes, whose callers come
    /// back later on a loaded machine, than it gave.
    static let defaultGatherWait = DispatchTimeInterval.microseconds(100)

    /// Takes the writers' lock, catches up with other processes' frames and tidies what a crashed
    /// one left (``tidyUnderLock(_:)``); from here until ``endCommit()`` reads skip catching up.
    func beginCommit() throws {
        try state.withLock { try $0.checkUsable(for: mode, writing: true) }
        guard let writerLock else { return }
        try writerLock.acquire(timeout: options.lockTimeout)
        do {
            try state.withLock { state in
                do { try tidyUnderLock(&state) } catch {
                    // Fail closed: what the files hold is not what this writer can build on.
                    let failure =
                        error as? LedgerStoreError ?? LedgerStoreError.failedClosed(after: error, "reading", "the log")
                    if state.failure == nil { state.failure = failure }
                    throw failure
                }
                state.isCommitting = true
            }
        } catch {
            writerLock.release()
            throw error
        }
    }

    func endCommit() {
        state.withLock { $0.isCommitting = false }
        writerLock?.release()
    }

    /// Answers every taken call with `error` (the lock could not be taken, or the store failed):
    /// nothing of them was written. A close still lets go of the files.
    private func refuse(_ jobs: [WriterJob], _ error: any Error) {
        for job in jobs {
            switch job {
            case .append(_, let continuation), .appendCommitted(_, _, let continuation):
                continuation.resume(throwing: error)
            case .erase(_, _, let continuation): continuation.resume(throwing: error)
            case .close(let continuation):
                // The snapshot is work the next open does again; the files are released all the same.
                releaseFiles()
                continuation.resume()
            case .installSnapshot:
                // Kept: the next commit or the close installs it.
                break
            }
        }
    }

    /// Commits the waiting appends as few frames as possible: one, unless together they hold
    /// more than ``maximumGroupFacts`` facts (a frame's payload is bounded; one call larger than
    /// that still goes alone, as it always did).
    private func commitGroup(_ appends: [([NewFact], CheckedContinuation<[Fact], any Error>)]) {
        var start = 0
        var facts = 0
        for (index, append) in appends.enumerated() {
            if index > start, facts + append.0.count > Self.maximumGroupFacts {
                commitFrame(Array(appends[start..<index]))
                start = index
                facts = 0
            }
            facts += append.0.count
        }
        if start < appends.count { commitFrame(Array(appends[start...])) }
    }

    /// How many facts of several calls one frame may take.
    static let maximumGroupFacts = 65_536

    private func commitFrame(_ appends: [([NewFact], CheckedContinuation<[Fact], any Error>)]) {
        guard !appends.isEmpty else { return }
        do {
            // The whole group is one batch, so one frame: it reaches the disk whole or not at all,
            // and recovery has only the newest frame to check against the vaults.
            let drafts = appends.count == 1 ? appends[0].0 : appends.flatMap(\.0)
            let batch = try commit([{ encoder in encoder.encode(drafts) }])[0]
            var next = 0
            for append in appends {
                let count = append.0.count
                append.1.resume(returning: Array(batch.facts[next..<(next + count)]))
                next += count
            }
            maybeSnapshot()
        } catch {
            for append in appends { append.1.resume(throwing: error) }
        }
    }

    /// Commits one append whose fields are committed as given, as a frame of its own.
    private func commitCommitted(_ facts: [NewFact], _ fields: [[FieldCommitment]]) throws -> [Fact] {
        let batch = try commit([{ encoder in encoder.encode(facts, committedAs: fields) }])[0]
        maybeSnapshot()
        return batch.facts
    }

    /// Encodes, writes, syncs and publishes batches; the heart of durability.
    ///
    /// Order: vault entries and log frames are written, then each written file is synced. A crash
    /// before the last sync leaves at most this group unacknowledged; recovery drops a last batch
    /// whose vault entries did not reach the disk, so the order of the syncs does not matter.
    private func commit(
        _ encoders: [(BatchEncoder) -> BatchEncoder.Batch],
        applying erasures: ((BatchEncoder.Batch, BatchEncoder) throws -> Void)? = nil,
        tokens: [UInt64: String] = [:]
    ) throws -> [BatchEncoder.Batch] {
        let plan = try state.withLock { state -> CommitPlan in
            try state.checkUsable(for: mode, writing: true)
            let encoder = BatchEncoder(tables: state.tables, salts: salts)
            let batches = encoders.map { $0(encoder) }
            encoder.finish()
            if let refusal = encoder.refusal {
                throw LedgerStoreError.invalidRequest("\(refusal) Nothing of the batch was appended.")
            }
            if let damage = encoder.damage { throw damage }
            return CommitPlan(
                batches: batches, newStrings: encoder.newStrings, newSubjects: encoder.newSubjects,
                identities: encoder.identities.bytes, values: encoder.values.bytes,
                tables: (state.tables.identitiesEnd, state.tables.valuesEnd, state.tables.logEnd, state.tables.head),
                encoder: encoder)
        }
        do {
            return try writeAndPublish(plan: plan, applying: erasures, tokens: tokens)
        } catch let error as CommitFailure {
            // Nothing of this batch was acknowledged: seal the count before it, so the next open
            // cuts whatever of it the page cache still shows and readers never show it.
            let before = plan.batches[0].header.firstSequence - 1
            try? acknowledged.withLock { try $0?.record(before, isSealed: true) }
            throw error.error
        }
    }

    /// Writes, syncs and publishes the planned batches; a failure before the batch is durable is
    /// a ``CommitFailure``.
    private func writeAndPublish(
        plan: CommitPlan, applying erasures: ((BatchEncoder.Batch, BatchEncoder) throws -> Void)?,
        tokens: [UInt64: String]
    ) throws -> [BatchEncoder.Batch] {
        var isDurable = false
        do {
            let frameBytes = plan.batches.reduce(0) { $0 + $1.frame.count }
            var logEnd = plan.tables.logEnd
            var segment = state.withLock { $0.segments[logEnd.segment] }
            if logEnd.offset > UInt64(SegmentHeader.size),
                logEnd.offset + UInt64(frameBytes) > UInt64(options.segmentSize)
            {
                let header = SegmentHeader(
                    number: logEnd.segment + 1, firstSequence: plan.batches[0].header.firstSequence,
                    previousHead: plan.tables.head)
                do {
                    let fd = try StoreOpener.createSegment(header, in: directory)
                    state.withLock { $0.segments[header.number] = fd }
                    segment = fd
                    logEnd = LogPosition(segment: header.number, offset: UInt64(SegmentHeader.size))
                } catch {
                    throw failClosed(error, "creating", LedgerDirectory.segmentName(header.number))
                }
            }
            guard let segment else { throw failClosed(Errno.badDescriptor, "writing", "the log") }
            let segmentName = LedgerDirectory.segmentName(logEnd.segment)
            var log = [UInt8]()
            log.reserveCapacity(frameBytes)
            var positions: [[FactPosition]] = []
            var frameStarts: [UInt64] = []
            for batch in plan.batches {
                let frameStart = logEnd.offset + UInt64(log.count)
                frameStarts.append(frameStart)
                positions.append(
                    batch.records.map {
                        FactPosition(
                            segment: UInt32(logEnd.segment), offset: UInt32(frameStart + UInt64($0.offset)),
                            length: UInt32($0.length))
                    })
                log.append(contentsOf: batch.frame)
            }
            try write(
                plan.identities, to: identities.descriptor, at: plan.tables.identitiesEnd, identities.kind.fileName)
            try write(plan.values, to: values.descriptor, at: plan.tables.valuesEnd, values.kind.fileName)
            var vaults: [(FileDescriptor, String)] = []
            // Frames of another process taken since the last sync may not be durable (their writer
            // may have died before its sync): this commit acknowledges what lies below it, so it
            // syncs both vaults too (the log's sync covers their frames).
            let syncsForeign = state.withLock { $0.hasUnsyncedForeignFrames }
            if !plan.identities.isEmpty || syncsForeign {
                vaults.append((identities.descriptor, identities.kind.fileName))
            }
            if !plan.values.isEmpty || syncsForeign { vaults.append((values.descriptor, values.kind.fileName)) }
            var syncTime = Duration.zero
            if erasures != nil, !vaults.isEmpty {
                // An erasure overwrites vault entries right after its frame is durable; its own new
                // entries (a subject first named by the erasure) are made durable before the frame,
                // so recovery never has to tell a torn new entry from a torn overwrite.
                syncTime += try timedSyncAll(vaults)
                vaults = []
            }
            try write(log, to: segment, at: logEnd.offset, segmentName)
            // One sync point: the vaults and the log are synced at the same time. A crash before all
            // of them finish leaves at most this one frame unacknowledged, and recovery drops the
            // newest frame when any vault entry it adds is missing or fails its CRC
            // (`Documentation/FileFormat.md`, "Writing").
            syncTime += try timedSyncAll(vaults + [(segment, segmentName)])
            isDurable = true
            if let erasures { try erasures(plan.batches[0], plan.encoder) }

            let end = LogPosition(segment: logEnd.segment, offset: logEnd.offset + UInt64(log.count))
            state.withLock { state in
                for string in plan.newStrings { state.tables.define(string: string) }
                for subject in plan.newSubjects { state.tables.define(subject: subject) }
                for ((batch, batchPositions), frameStart) in zip(zip(plan.batches, positions), frameStarts) {
                    for (position, slots) in zip(batchPositions, batch.slots) {
                        state.tables.publish(position: position, slots: slots)
                    }
                    state.tables.publish(
                        frameAt: frameStart, in: UInt32(logEnd.segment),
                        payloadLength: batch.frame.count - LogFrame.headerSize, count: batchPositions.count)
                    for operation in batch.operations {
                        if case .lookup(let offset, _) = operation {
                            state.tables.apply(operation, token: tokens[offset])
                        } else {
                            state.tables.apply(operation)
                        }
                    }
                    state.tables.head = batch.header.head
                    state.tables.identitiesEnd = batch.header.identitiesEnd
                    state.tables.valuesEnd = batch.header.valuesEnd
                }
                state.tables.logEnd = end
                state.identitiesLoaded = state.tables.identitiesEnd
                state.hasUnsyncedForeignFrames = false
                state.factsSinceSnapshot += plan.batches.reduce(0) { $0 + $1.facts.count }
            }
            observer?.observe(
                .storeAppended(
                    facts: plan.batches.reduce(0) { $0 + $1.facts.count },
                    bytes: log.count + plan.identities.count + plan.values.count, syncDuration: syncTime))
            return plan.batches
        } catch let error as LedgerStoreError where !isDurable {
            throw CommitFailure(error: error)
        }
    }

    /// ``syncAll(_:)``, answering how long it took when someone observes the store (zero otherwise).
    private func timedSyncAll(_ files: [(FileDescriptor, String)]) throws -> Duration {
        guard observer != nil else {
            try syncAll(files)
            return .zero
        }
        let start = ContinuousClock.now
        try syncAll(files)
        return ContinuousClock.now - start
    }

    private func write(_ bytes: [UInt8], to fd: FileDescriptor, at offset: UInt64, _ name: String) throws {
        guard !bytes.isEmpty else { return }
        do { try fd.write(bytes, at: Int64(offset)) } catch { throw failClosed(error, "writing", name) }
    }

    private func sync(_ fd: FileDescriptor, _ name: String) throws {
        do { try fd.dataSync() } catch { throw failClosed(error, "syncing (fdatasync)", name) }
    }

    /// `fdatasync`s every file at once — the first on this thread, the others on helper
    /// threads — and waits for all: the journal commits the file systems do for them overlap
    /// instead of queuing. Any failure fails the store closed, after every sync has returned.
    func syncAll(_ files: [(FileDescriptor, String)]) throws {
        guard files.count > 1 else {
            if let file = files.first { try sync(file.0, file.1) }
            return
        }
        let failures = SyncFailures()
        let group = DispatchGroup()
        for (index, file) in files.enumerated().dropFirst() {
            group.enter()
            syncQueues[(index - 1) % syncQueues.count].async {
                do { try file.0.dataSync() } catch { failures.record(error, file.1) }
                group.leave()
            }
        }
        do { try files[0].0.dataSync() } catch { failures.record(error, files[0].1) }
        group.wait()
        if let failure = failures.first {
            throw failClosed(failure.error, "syncing (fdatasync)", failure.name)
        }
    }

    /// Marks the store failed and returns the error every later write will get.
    func failClosed(_ error: any Error, _ action: String, _ name: String) -> LedgerStoreError {
        let failure = LedgerStoreError.failedClosed(after: error, action, name)
        state.withLock { state in
            if state.failure == nil { state.failure = failure }
        }
        return failure
    }

    // MARK: Erasure

    /// Writes the erasure fact with the vault operations it performs, syncs, then overwrites
    /// the vault entries in place and syncs them; refuses a scope resolved before a fact about
    /// its subject that this commit, caught up under the writers' lock, now holds.
    ///
    /// The log record comes first so that a crash between the two steps is repaired on open,
    /// which re-applies every erasure the log records.
    private func commitErasure(_ scope: ErasureScope, _ erasure: NewFact) throws -> Fact {
        let (valueOperations, tokens) = try state.withLock { state -> ([EraseOperation], [UInt64: String]) in
            try state.checkUsable(for: mode, writing: true)
            let number = try state.tables.subjects.number(of: scope.subject)
            let about = Set(
                try number.map { number in
                    try readIndex(state) { index throws(CodecError) in try index.postings(.subject(number)) }
                } ?? [])
            // Under the writers' lock and caught up with every other process: a fact about the
            // subject that the scope was resolved without is in `about` now.
            try scope.checkResolved(against: about)
            for sequence in scope.values.sorted() where !about.contains(sequence) {
                throw LedgerStoreError.invalidRequest(
                    "Fact \(sequence) is not about the subject being erased; nothing was erased.")
            }
            var operations: [EraseOperation] = []
            var tokens: [UInt64: String] = [:]
            for sequence in scope.values.sorted() {
                let (stored, token) = try storedValues(of: sequence, in: state)
                for case .vault(let offset, _) in stored where !state.tables.erasedValues.contains(offset) {
                    if case .vault(offset, _)? = token {
                        operations.append(.lookup(offset: offset, sequence: sequence))
                        tokens[offset] = (try? values.read(at: offset))?.text
                    } else {
                        operations.append(.value(offset: offset))
                    }
                }
            }
            return (operations, tokens)
        }
        let batches = try commit(
            [
                { encoder in
                    encoder.encode([erasure]) { encoder in
                        var operations = valueOperations
                        if scope.erasesIdentifier, let number = encoder.subjectNumber(scope.subject) {
                            operations.append(.subject(number: number))
                        }
                        return operations
                    }
                }
            ],
            applying: { batch, encoder in try self.overwriteVaults(batch.operations, encoder: encoder) },
            tokens: tokens)
        if tokens.count > 0 {
            // The index snapshot may list an erased lookup token; it goes now, not at the next
            // snapshot. Deleting it costs nothing proportional to the ledger.
            do {
                try directory.remove(LedgerDirectory.indexName)
                try directory.sync()
            } catch { throw failClosed(error, "removing", LedgerDirectory.indexName) }
            needsSnapshot()
        }
        return try state.withLock { state in try fact(batches[0].facts[0].sequence, in: &state) }
    }

    private func overwriteVaults(_ operations: [EraseOperation], encoder: BatchEncoder) throws {
        let (subjects, identitiesEnd, valuesEnd) = state.withLock {
            ($0.tables.subjects, encoder.identitiesEnd, encoder.valuesEnd)
        }
        var erasedSubjects = false
        var touchedIdentities = false
        var touchedValues = false
        for operation in operations {
            switch operation {
            case .value(let offset), .lookup(let offset, _):
                do {
                    touchedValues = try values.erase(at: offset, fileEnd: valuesEnd) || touchedValues
                } catch { throw failClosed(error, "erasing an entry of", values.kind.fileName) }
            case .subject(let number):
                erasedSubjects = true
                let record: (identityOffset: UInt64, commitment: [UInt8])
                do {
                    record =
                        Int(number) < subjects.count
                        ? try subjects.record(number)
                        : (encoder.newSubjects[Int(number) - subjects.count].identityOffset, [])
                } catch { throw failClosed(error, "erasing an entry of", identities.kind.fileName) }
                do {
                    touchedIdentities =
                        try identities.erase(at: record.identityOffset, fileEnd: identitiesEnd) || touchedIdentities
                } catch { throw failClosed(error, "erasing an entry of", identities.kind.fileName) }
            }
        }
        var touched: [(FileDescriptor, String)] = []
        if touchedValues { touched.append((values.descriptor, values.kind.fileName)) }
        if touchedIdentities { touched.append((identities.descriptor, identities.kind.fileName)) }
        try syncAll(touched)
        if erasedSubjects {
            // The tables are published after this returns: count this erasure's subjects in.
            var newlyErased: Set<UInt64> = []
            for case .subject(let number) in operations { newlyErased.insert(number) }
            let erasedCount = state.withLock { $0.tables.erasedSubjects.union(newlyErased).count }
            do {
                if try Self.removeSubjectsListingErased(from: directory, erasedCount: erasedCount) { needsSnapshot() }
            } catch {
                throw failClosed(error, "removing", LedgerDirectory.subjectsName)
            }
        }
    }

    /// The value fields of the fact at `sequence` as the log records them, and which is its
    /// lookup token.
    func storedValues(of sequence: UInt64, in state: StoreState) throws -> ([StoredValue], StoredValue?) {
        let (bytes, position) = try recordBytes(sequence, in: state)
        var decoder = FactRecordDecoder(
            context: ReplayContext(tables: state.tables), bytes: bytes, from: 0, to: bytes.count,
            canonicalFor: nil)
        do { _ = try decoder.decode() } catch {
            throw LedgerStoreError.corrupted(
                LedgerDirectory.segmentName(UInt64(position.segment)), offset: UInt64(position.offset),
                "the record of fact \(sequence) does not decode (\(error))")
        }
        return (decoder.values, decoder.lookupToken)
    }

    // MARK: The acknowledged count

    /// Records the count in `ACKNOWLEDGED` once the writer has been idle for
    /// ``AcknowledgedFile/idleDelayMilliseconds``: a sync per quiet moment, not per commit.
    private func scheduleIdleRecord() {
        let count = state.withLock { $0.tables.count }
        guard acknowledged.withLock({ $0.map { $0.recorded != count } ?? false }) else { return }
        writerQueue.asyncAfter(deadline: .now() + .milliseconds(AcknowledgedFile.idleDelayMilliseconds)) {
            [weak self] in
            self?.recordIfIdle(expecting: count)
        }
    }

    /// Runs on the writer queue, so no commit is under way; skipped when one came meanwhile (its
    /// own idle moment records it).
    private func recordIfIdle(expecting count: UInt64) {
        let isIdle = jobs.withLock { !$0.isDraining && $0.jobs.isEmpty }
        let (current, isUsable) = state.withLock { ($0.tables.count, $0.failure == nil && !$0.isClosed) }
        guard isIdle, isUsable, current == count else { return }
        // Best effort: a lock that cannot be had now is had by a writer that records it itself.
        guard (try? beginCommit()) != nil else { return }
        defer { endCommit() }
        do { try recordAcknowledged() } catch {
            _ = failClosed(error, "recording the acknowledged count in", AcknowledgedFile.name)
        }
    }

    /// Records the count of every fact in the log (under the writers' lock, caught up) unless
    /// the file already does; first syncs frames of other processes this writer took.
    func recordAcknowledged() throws {
        let (count, syncsForeign, segment) = state.withLock {
            ($0.tables.count, $0.hasUnsyncedForeignFrames, $0.segments[$0.tables.logEnd.segment])
        }
        guard let file = acknowledged.withLock({ $0 }), file.current() != .recorded(count, isSealed: false) else {
            return
        }
        if syncsForeign {
            var files = [(identities.descriptor, identities.kind.fileName), (values.descriptor, values.kind.fileName)]
            if let segment {
                files.append((segment, LedgerDirectory.segmentName(state.withLock { $0.tables.logEnd.segment })))
            }
            try syncAll(files)
            state.withLock { $0.hasUnsyncedForeignFrames = false }
        }
        try acknowledged.withLock { try $0?.record(count) }
    }
}

/// The failures of syncs run at the same time, collected across threads.
private final class SyncFailures: Sendable {
    private let failures = Mutex<[(error: any Error, name: String)]>([])

    func record(_ error: any Error, _ name: String) { failures.withLock { $0.append((error, name)) } }

    var first: (error: any Error, name: String)? { failures.withLock { $0.first } }
}

/// What one commit writes, encoded under the state lock.
struct CommitPlan: Sendable {
    var batches: [BatchEncoder.Batch]
    var newStrings: [String]
    var newSubjects: [SubjectRecord]
    var identities: [UInt8]
    var values: [UInt8]
    var tables: (identitiesEnd: UInt64, valuesEnd: UInt64, logEnd: LogPosition, head: [UInt8])
    var encoder: BatchEncoder
}

/// A write or sync that failed before the batch was durable (see ``FileLedgerStore/commit``).
struct CommitFailure: Error {
    var error: LedgerStoreError
}
