import PersonalDataLedger

/// Opens and recovers a ledger directory: the procedure `Documentation/FileFormat.md` calls
/// "Recovery", step by step.
///
/// 1. Lock (writers only, for the open's length: later each commit takes it), open or create
///    the vaults.
/// 2. Read what recovery needs into a ``RecoveryInput``: every segment scanned (header, every
///    frame's length and CRC-32C), the vaults' sizes, the snapshot's and checkpoint's claims.
/// 3. Decide, without touching a file, what to do or whether to refuse: a ``RecoveryPlan``.
/// 4. Carry the plan out (`StoreOpener+Recovery.swift`): cut the torn tail and unreferenced
///    vault bytes, load the snapshot if it matches, replay the log after it, and re-apply every
///    recorded erasure to the vaults (an old vault restored from a backup is cleaned again).
struct StoreOpener {
    let directory: LedgerDirectory
    let mode: FileLedgerStore.AccessMode
    let options: FileLedgerStore.Options

    struct Opened {
        var directory: LedgerDirectory
        var identities: VaultFile
        var values: VaultFile
        var lock: WriterLock?
        var state: StoreState
        /// What a crash left that a reader ignored and a writer will tidy up (empty for writers).
        var leftovers: [String]
        /// The writer's `ACKNOWLEDGED` file.
        var acknowledged: AcknowledgedFile?
        /// Whether a writer's open recovered under the lock; `false` when it read beside the
        /// other writers, and the store still has to catch up and tidy once under the lock.
        var isTidied: Bool

        /// Closes every descriptor (an open given up).
        func closeFiles() {
            for descriptor in state.segments.values { descriptor.close() }
            identities.descriptor.close()
            values.descriptor.close()
            acknowledged?.descriptor.close()
            lock?.close()
        }
    }

    var isWriter: Bool { mode == .readWrite }

    /// Whether recovery only plans and reports, changing nothing: a reader's open, and a
    /// writer's first, lock-free attempt (``openBesideWriters()``).
    var plansAsReader: Bool

    init(directory: LedgerDirectory, mode: FileLedgerStore.AccessMode, options: FileLedgerStore.Options) {
        self.directory = directory
        self.mode = mode
        self.options = options
        self.plansAsReader = mode == .readOnly
    }

    func open() throws -> Opened {
        if isWriter {
            do { try directory.create() } catch { throw LedgerStoreError.io(error, "creating", directory.path) }
        }
        try checkDirectoryAccess()
        if isWriter, let opened = openBesideWriters() { return opened }
        let lock = isWriter ? try WriterLock.open(in: directory) : nil
        do { try lock?.acquire(timeout: options.lockTimeout) } catch {
            lock?.close()
            throw error
        }
        // Recovery runs under the lock; commits take it again one at a time.
        defer { lock?.release() }
        do {
            var opened = try openFiles()
            opened.lock = lock
            opened.isTidied = true
            return opened
        } catch {
            lock?.close()
            throw error
        }
    }

    /// A writer's open without the lock: read as a reader reads (beside the other writers'
    /// appends), so that the lock is held only for what changed meanwhile, not for reading the
    /// whole index and log — seconds at ten million facts, while every other writer waits.
    ///
    /// ``FileLedgerStore`` then tidies once under the lock, exactly as before each commit: it
    /// catches up, and does what recovery would have done to what a crash left after the last
    /// frame (``FileLedgerStore/tidyUnderLock(_:)``), erasures to carry out again and a stale
    /// snapshot included (`recover` hands them over in the state).
    ///
    /// `nil` for a ledger without `ACKNOWLEDGED` (made before it existed) or when anything goes
    /// wrong — damage included: the open then recovers under the lock, as always, and reports
    /// what it finds.
    private func openBesideWriters() -> Opened? {
        var reader = self
        reader.plansAsReader = true
        guard (try? segmentNumbers().isEmpty) == false, let opened = try? reader.openFiles() else { return nil }
        guard opened.acknowledged != nil, let lock = try? WriterLock.open(in: directory) else {
            opened.closeFiles()
            return nil
        }
        var result = opened
        // What a reader would warn of is the tidying's to do.
        result.leftovers = []
        result.lock = lock
        result.isTidied = false
        return result
    }

    /// Opens the vaults and the log and recovers (or, ``plansAsReader``, only plans and reports).
    private func openFiles() throws -> Opened {
        var descriptors: [FileDescriptor] = []
        do {
            // A directory with a log or an acknowledged record has history: a vault missing there
            // is damage, refused before anything is created in it.
            let hasHistory =
                try !segmentNumbers().isEmpty
                || (try directory.readIfReadable(AcknowledgedFile.name)) != nil
            let identities = try openVault(.identities, hasHistory: hasHistory)
            descriptors.append(identities.descriptor)
            let values = try openVault(.values, hasHistory: hasHistory)
            descriptors.append(values.descriptor)
            let (state, leftovers, acknowledged) = try recover(identities: identities, values: values)
            return Opened(
                directory: directory, identities: identities, values: values, lock: nil, state: state,
                leftovers: plansAsReader ? leftovers : [], acknowledged: acknowledged, isTidied: !plansAsReader)
        } catch {
            for descriptor in descriptors { descriptor.close() }
            throw error
        }
    }

    // MARK: Files

    /// Refuses a directory group or others can reach, or holding a ledger file group or others
    /// can read or write (``OwnerOnlyAccess``), before anything in it is created or changed. A
    /// missing directory is left to the vaults' opening to report, as before.
    private func checkDirectoryAccess() throws {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(directory.path, .readOnly, options: .directory, calls: directory.calls)
        } catch let error where error == .noSuchFile && !isWriter {
            return
        } catch {
            throw LedgerStoreError.io(error, "opening", directory.path)
        }
        defer { fd.close() }
        try OwnerOnlyAccess.checkDirectory(fd, path: directory.path)
        let names: [String]
        do { names = try directory.list() } catch { throw LedgerStoreError.io(error, "listing", directory.path) }
        for name in names.sorted() where LedgerDirectory.isLedgerFile(name) {
            // A file that cannot be opened here (a link, no read permission, just removed) is
            // left to the open that needs it, which names the problem.
            guard let file = try? FileDescriptor.open(directory.file(name), .readOnly, calls: directory.calls)
            else { continue }
            defer { file.close() }
            try OwnerOnlyAccess.checkFile(file, path: directory.file(name))
        }
    }

    private func openVault(_ kind: VaultKind, hasHistory: Bool) throws -> VaultFile {
        let name = kind.fileName
        let missing = LedgerStoreError.corrupted(
            "\(name) is missing from \(directory.path) (or shorter than its 32-byte header), but the ledger's "
                + "log is there: the personal values and identifiers its facts refer to are gone. The store "
                + "refuses to open and created nothing; restore \(name) from the backup taken with this ledger.")
        do {
            guard let fd = try openVaultDescriptor(name, hasHistory: hasHistory) else {
                if hasHistory { throw missing }
                throw LedgerStoreError.invalidRequest(
                    "There is no ledger at \(directory.path) yet (\(name) is missing); open it for writing first.")
            }
            do { try OwnerOnlyAccess.checkFile(fd, path: directory.file(name)) } catch {
                fd.close()
                throw error
            }
            let size = try fd.size()
            if size < Int64(VaultFile.headerSize) {
                // Vaults are complete before the first segment is made: with a log, this is damage.
                guard !hasHistory else {
                    fd.close()
                    throw missing
                }
                guard isWriter else {
                    fd.close()
                    throw LedgerStoreError.invalidRequest(
                        "There is no ledger at \(directory.path) yet (\(name) is missing); open it for writing first.")
                }
                // A new vault, or one whose creation a crash interrupted before any entry was written.
                try fd.truncate(to: 0)
                try fd.write(VaultFile.header(kind), at: 0)
                try fd.dataSync()
                try directory.sync()
            } else {
                do {
                    try VaultFile.validate(
                        header: try fd.read(count: Int(VaultFile.headerSize), at: 0), kind: kind)
                } catch let error as CodecError {
                    fd.close()
                    throw error.storeError(file: name, offset: 0)
                }
            }
            return VaultFile(kind: kind, descriptor: fd)
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw LedgerStoreError.opening(error, name, in: directory.path)
        }
    }

    /// The vault's descriptor; `nil` when it does not exist and may not be created here (a
    /// reader, or a directory with history).
    private func openVaultDescriptor(_ name: String, hasHistory: Bool) throws(Errno) -> FileDescriptor? {
        let path = directory.file(name)
        switch Result(catching: { () throws(Errno) in
            try FileDescriptor.open(path, isWriter ? .readWrite : .readOnly, calls: directory.calls)
        }) {
        case .success(let fd): return fd
        case .failure(let error) where error == .noSuchFile:
            guard isWriter, !hasHistory else { return nil }
            return try FileDescriptor.open(path, .readWrite, options: .create, calls: directory.calls)
        case .failure(let error): throw error
        }
    }

    func openSegment(_ number: UInt64) throws -> FileDescriptor {
        let name = LedgerDirectory.segmentName(number)
        do {
            return try FileDescriptor.open(
                directory.file(name), isWriter ? .readWrite : .readOnly, calls: directory.calls)
        } catch {
            throw LedgerStoreError.opening(error, name, in: directory.path)
        }
    }

    func readAll(_ fd: FileDescriptor, name: String) throws -> [UInt8] {
        do {
            return try fd.read(count: Int(try fd.size()), at: 0)
        } catch {
            throw LedgerStoreError.io(error, "reading", name)
        }
    }

    /// The numbers of the segments in the directory, in order (gaps are the plan's to refuse).
    func segmentNumbers() throws -> [UInt64] {
        let names: [String]
        do { names = try directory.list() } catch {
            throw LedgerStoreError.io(error, "listing", directory.path)
        }
        return names.compactMap(LedgerDirectory.segmentNumber(of:)).sorted()
    }

    /// Creates a segment: header written and synced, then the directory synced, before any frame
    /// goes in.
    static func createSegment(
        _ header: SegmentHeader, in directory: LedgerDirectory
    ) throws(Errno) -> FileDescriptor {
        let fd = try FileDescriptor.open(
            directory.file(LedgerDirectory.segmentName(header.number)), .readWrite,
            options: [.create, .truncate],
            calls: directory.calls)
        do {
            try fd.write(header.encoded(), at: 0)
            try fd.dataSync()
            try directory.sync()
        } catch {
            fd.close()
            throw error
        }
        return fd
    }
}

extension CodecError {
    func storeError(file: String, offset: UInt64) -> LedgerStoreError {
        if case .unsupportedVersion(let version) = self {
            return LedgerStoreError(
                .unsupportedFormat,
                "\(file) is in format version \(version), which this version of PersonalDataLedger cannot read.")
        }
        return .corrupted(file, offset: offset, description)
    }
}
