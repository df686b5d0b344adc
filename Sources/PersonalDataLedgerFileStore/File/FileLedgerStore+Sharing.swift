import PersonalDataLedger

/// Several writer processes on one ledger: what a writer does each time it takes the writers'
/// lock, before it encodes its own batch.
///
/// Under the lock no other process writes, so everything in the files beyond the last whole,
/// intact frame is what a writer that died in the middle of its commit left behind — exactly
/// what recovery on open cuts. The writer that takes the lock next does recovery's work for
/// that one batch: it catches up, cuts the leftover, carries out erasures the dead writer
/// recorded but may not have carried out, and only then writes.
extension FileLedgerStore {
    /// Catches up with every frame other processes appended and cuts what a crashed one left;
    /// runs under the writers' lock and the state lock.
    ///
    /// - Throws: the failure the store is then closed with (the caller records it, outside this
    ///   lock) — damage below the acknowledged count, a frame this store read that its writer
    ///   later sealed as never acknowledged, a failed cut or overwrite.
    func tidyUnderLock(_ state: inout StoreState) throws {
        let record = acknowledged.withLock { $0?.current() } ?? .absent
        if case .damaged = record {
            throw
                (LedgerStoreError.corrupted(
                    "Neither record of the last acknowledged fact in \(directory.file(AcknowledgedFile.name)) is "
                        + "intact. Nothing was written; reopen the store, whose recovery says what it finds."))
        }
        try catchUp(&state)
        let count = state.tables.count
        switch record {
        case .recorded(let sealed, isSealed: true) where sealed < count:
            throw
                (LedgerStoreError(
                    .failedClosed,
                    "Another process's write to the ledger in \(directory.path) failed after this process had read "
                        + "its batch (\(AcknowledgedFile.name) is sealed at fact \(sealed), this process had read "
                        + "\(count)). Nothing of this call was written; reopen the store."))
        case .recorded(let acknowledgedCount, isSealed: false) where acknowledgedCount > count:
            let end = state.tables.logEnd
            throw
                (LedgerStoreError.corrupted(
                    LedgerDirectory.segmentName(end.segment), offset: end.offset,
                    "\(AcknowledgedFile.name) records \(acknowledgedCount) acknowledged facts, but the log holds "
                        + "only \(count) intact ones; cutting it would lose acknowledged facts"))
        default: break
        }
        try cutLeftovers(state)
        try carryOutForeignErasures(&state)
        if case .recorded(let sealed, isSealed: true) = record, sealed == count {
            // The failed batch is cut: every fact the log holds is acknowledged again.
            do { try acknowledged.withLock { try $0?.record(count) } } catch {
                throw (LedgerStoreError.failedClosed(after: error, "recording", AcknowledgedFile.name))
            }
        }
    }

    /// Cuts log bytes after the last whole frame, vault bytes after the last batch's entries,
    /// and a next segment a dead writer half-created.
    private func cutLeftovers(_ state: StoreState) throws {
        let end = state.tables.logEnd
        let name = LedgerDirectory.segmentName(end.segment)
        if let segment = state.segments[end.segment] {
            do {
                if try segment.size() > Int64(end.offset) {
                    try segment.truncate(to: Int64(end.offset))
                    try segment.dataSync()
                }
            } catch { throw closing(error, "cutting what a crashed writer left in", name) }
        }
        for (vault, end) in [(identities, state.tables.identitiesEnd), (values, state.tables.valuesEnd)] {
            do {
                let size = try vault.descriptor.size()
                guard size > Int64(end) else { continue }
                // Zeroed before the cut: they may hold a value of the batch that was never acknowledged.
                try vault.descriptor.write([UInt8](repeating: 0, count: Int(size - Int64(end))), at: Int64(end))
                try vault.descriptor.truncate(to: Int64(end))
                try vault.descriptor.dataSync()
            } catch { throw closing(error, "cutting what a crashed writer left in", vault.kind.fileName) }
        }
        let next = LedgerDirectory.segmentName(end.segment + 1)
        if let fd = try? FileDescriptor.open(directory.file(next), .readOnly, calls: directory.calls) {
            fd.close()
            do {
                try directory.remove(next)
                try directory.sync()
            } catch { throw closing(error, "removing the half-created", next) }
        }
    }

    /// Overwrites the vault entries of erasures other processes recorded (a no-op for the ones
    /// their writer carried out), and removes `INDEX` if one of them dropped a lookup token.
    private func carryOutForeignErasures(_ state: inout StoreState) throws {
        guard !state.foreignErasures.isEmpty || state.foreignDroppedLookups || state.subjectsMayListErased else {
            return
        }
        var touched: [(FileDescriptor, String)] = []
        do {
            var wroteValues = false
            var wroteIdentities = false
            for operation in state.foreignErasures {
                switch operation {
                case .value(let offset), .lookup(let offset, _):
                    if try values.erase(at: offset, fileEnd: state.tables.valuesEnd) { wroteValues = true }
                case .subject(let number):
                    guard Int(number) < state.tables.subjects.count else { continue }
                    let offset = try state.tables.subjects.record(number).identityOffset
                    if try identities.erase(at: offset, fileEnd: state.tables.identitiesEnd) { wroteIdentities = true }
                }
            }
            if wroteValues { touched.append((values.descriptor, values.kind.fileName)) }
            if wroteIdentities { touched.append((identities.descriptor, identities.kind.fileName)) }
        } catch { throw closing(error, "carrying out a recorded erasure in", "the vaults") }
        try syncEach(touched)
        if state.subjectsMayListErased
            || state.foreignErasures.contains(where: { if case .subject = $0 { true } else { false } })
        {
            do {
                if try Self.removeSubjectsListingErased(
                    from: directory, erasedCount: state.tables.erasedSubjects.count) { state.isSnapshotDue = true }
            } catch {
                throw closing(error, "removing", LedgerDirectory.subjectsName)
            }
        }
        if state.foreignDroppedLookups {
            do {
                try directory.remove(LedgerDirectory.indexName)
                try directory.sync()
            } catch { throw closing(error, "removing", LedgerDirectory.indexName) }
            state.isSnapshotDue = true
        }
        state.foreignErasures = []
        state.foreignDroppedLookups = false
        state.subjectsMayListErased = false
    }

    /// The error a failed cut or overwrite closes the store with.
    private func closing(_ error: any Error, _ action: String, _ name: String) -> LedgerStoreError {
        LedgerStoreError.failedClosed(after: error, action, name)
    }

    /// `fdatasync`s each file in turn (a rare path: after a dead writer's erasure).
    private func syncEach(_ files: [(FileDescriptor, String)]) throws {
        for (fd, name) in files {
            do { try fd.dataSync() } catch { throw closing(error, "syncing (fdatasync)", name) }
        }
    }
}
