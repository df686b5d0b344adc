import PersonalDataLedger

/// The files of a ledger directory, and the directory-level operations that make them durable.
///
/// `Data.write(options: .atomic)` renames without syncing the directory on Linux, so a crash can
/// forget the rename; every new file and every rename here is followed by an `fsync` of the
/// directory itself.
struct LedgerDirectory: Sendable {
    let path: String
    let calls: SystemCalls

    static let lockName = "LOCK"
    static let identitiesVaultName = "identities.vault"
    static let valuesVaultName = "values.vault"
    static let indexName = "INDEX"
    static let checkpointName = "CHECKPOINT"
    static let subjectsName = SubjectHash.fileName

    func file(_ name: String) -> String { path + "/" + name }

    /// Whether `name` is one of the files a ledger directory holds (not a temporary file, not a
    /// file someone else put beside them).
    static func isLedgerFile(_ name: String) -> Bool {
        [
            lockName, identitiesVaultName, valuesVaultName, indexName, checkpointName, subjectsName,
            KeyFingerprintFile.name,
            IdentifierKey.fileName, FileLedgerStore.settingsFileName,
        ].contains(name) || segmentNumber(of: name) != nil
    }

    static func segmentName(_ number: UInt64) -> String {
        let digits = String(number)
        return "log-" + String(repeating: "0", count: max(0, 10 - digits.count)) + digits + ".seg"
    }

    /// The segment number a file name denotes, or `nil` for other files.
    static func segmentNumber(of name: String) -> UInt64? {
        guard name.hasPrefix("log-"), name.hasSuffix(".seg") else { return nil }
        let digits = name.dropFirst(4).dropLast(4)
        guard digits.count == 10, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            return nil
        }
        return UInt64(digits)
    }

    /// Creates the directory (mode 0700) if it does not exist, and makes its entry durable.
    func create() throws(Errno) {
        switch calls.mkdir(path, 0o700) {
        case .success:
            let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(
                separator: "/")
            try LedgerDirectory(path: parent.isEmpty ? (path.hasPrefix("/") ? "/" : ".") : parent, calls: calls)
                .sync()
        case .failure(let error) where error == .fileExists: return
        case .failure(let error): throw error
        }
    }

    /// Makes the directory's entries (new files, renames, removals) durable.
    func sync() throws(Errno) {
        let fd = try FileDescriptor.open(path, .readOnly, options: .directory, calls: calls)
        defer { fd.close() }
        try fd.sync()
    }

    func list() throws(Errno) -> [String] {
        try SystemCalls.retryingOnInterrupt { calls.listDirectory(path) }
    }

    /// Replaces `name` with `bytes` atomically: temporary file, `fdatasync`, rename, directory
    /// `fsync`. A crash leaves either the old file or the new one, never a mix.
    ///
    /// The temporary file is made anew (`O_EXCL`, `O_NOFOLLOW`) after whatever has its name — a
    /// crash's leftover, or a planted link — is removed, so nothing is ever written through a
    /// link; the rename replaces `name` itself, a link there included, never what it points to.
    ///
    /// With `writtenAhead` — the same bytes, already written and synced without a name — the
    /// temporary file is that one, named by a link instead of written: the slow half of the work
    /// was done where no lock is held. When it cannot be named, the bytes are written after all.
    func replace(_ name: String, with bytes: [UInt8], writtenAhead: UnnamedFile? = nil) throws(Errno) {
        let temporary = file(name + ".tmp")
        try remove(name + ".tmp")
        if let writtenAhead, (try? writtenAhead.descriptor.link(as: temporary)) != nil {
            try renameAndSync(temporary, to: name)
            return
        }
        let fd = try FileDescriptor.open(
            temporary, .writeOnly, options: [.create, .exclusiveCreation], calls: calls)
        do {
            try fd.write(bytes, at: 0)
            try fd.dataSync()
            fd.close()
        } catch {
            fd.close()
            throw error
        }
        try renameAndSync(temporary, to: name)
    }

    private func renameAndSync(_ temporary: String, to name: String) throws(Errno) {
        try SystemCalls.retryingOnInterrupt { calls.rename(temporary, file(name)) }
        try sync()
    }

    /// Reads a whole small file, or `nil` if it does not exist.
    func read(_ name: String) throws(Errno) -> [UInt8]? {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(file(name), .readOnly, calls: calls)
        } catch let error where error == .noSuchFile {
            return nil
        }
        defer { fd.close() }
        return try fd.read(count: Int(try fd.size()), at: 0)
    }

    /// Reads a whole small file the store can do without (`INDEX`, `CHECKPOINT`): `nil` when it
    /// is missing or unreadable, since it is rebuilt; a symbolic link in its place is refused.
    func readIfReadable(_ name: String) throws -> [UInt8]? {
        do { return try read(name) } catch let error where error == .symbolicLink {
            throw LedgerStoreError.symbolicLink(name, in: path)
        } catch { return nil }
    }

    /// Removes `name`; `false` when there was no such file.
    @discardableResult
    func remove(_ name: String) throws(Errno) -> Bool {
        switch calls.unlink(file(name)) {
        case .success: return true
        case .failure(.noSuchFile): return false
        case .failure(let error): throw error
        }
    }
}
