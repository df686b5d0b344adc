public import PersonalDataLedger

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension IdentifierKey {
    /// The key's name inside a ledger directory.
    public static let fileName = "identifier.key"

    /// Reads the key at `url`, or — when no file is there — makes a random one and writes it there
    /// readable only by its owner (mode 0600).
    ///
    /// Prefer ``FileLedgerStore/identifierKey(creatingIfAbsent:)`` for a ledger directory's own
    /// key: it also refuses a missing key when the ledger already holds lookup tokens. This
    /// function knows only the file and, when the directory holds a ledger that recorded its
    /// key's fingerprint (`KEY-FINGERPRINT`), that record: it then refuses a key that is not the
    /// one recorded, and refuses to make a new one in place of a lost one.
    ///
    /// The file carries a checksum (``fileByteCount`` bytes: magic, version, key, CRC-32C), so a
    /// damaged key is refused instead of making lookup tokens that find no one. A file of the
    /// format before version 1 (the raw 32 bytes) is still read.
    ///
    /// A key file group or others may read or write is refused with the `chmod 600` that fixes
    /// it, and a symbolic link in its place is refused: the key is never read through a link.
    ///
    /// A new key is written to a temporary file, synced, and linked into place only if no other
    /// process made one first (then that one is read), and the directory is synced: the key is
    /// never half-written and two processes never end up with different keys.
    ///
    /// - Throws: ``LedgerStoreError`` with code ``LedgerStoreError/Code/corrupted`` when the file
    ///   is damaged, is not the ledger's key, or is missing from a ledger that recorded one, and
    ///   ``LedgerStoreError/Code/io`` when it cannot be read or written. The directory must exist.
    ///   No message contains a key byte.
    public static func loadOrCreate(at url: URL) throws(LedgerStoreError) -> IdentifierKey {
        let path = url.path
        let calls = SystemCalls.live
        let directory = LedgerDirectory(path: Self.directory(of: path), calls: calls)
        let recorded = try KeyFingerprintFile.read(in: directory)
        if let (existing, _) = try read(path, calls: calls) {
            try KeyFingerprintFile.check(existing, against: recorded, path: path)
            return existing
        }
        if recorded != nil { throw LedgerStoreError.identifierKeyMissing(path) }
        return try create(at: path, calls: calls)
    }

    /// The key in the file at `path` and whether it is of the format before version 1, or `nil`
    /// when there is no file.
    static func read(_ path: String, calls: SystemCalls) throws(LedgerStoreError) -> (IdentifierKey, isLegacy: Bool)? {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(path, .readOnly, calls: calls)
        } catch {
            if error == .noSuchFile { return nil }
            if error == .symbolicLink { throw LedgerStoreError.symbolicLink(path) }
            throw LedgerStoreError(
                .io, "Cannot read the identifier key \(path) (\(error)): check its owner and permissions.")
        }
        defer { descriptor.close() }
        try OwnerOnlyAccess.checkFile(descriptor, path: path)
        let bytes: [UInt8]
        do { bytes = try descriptor.read(count: fileByteCount + 1, at: 0) } catch {
            throw LedgerStoreError(.io, "Cannot read the identifier key \(path) (\(error)).")
        }
        switch decodeFile(bytes) {
        case .current(let key): return (key, false)
        case .legacy(let key): return (key, true)
        case .damaged(let reason):
            throw LedgerStoreError(
                .corrupted,
                "The identifier key \(path) is damaged: \(reason). Nothing was read or changed: a damaged key would make lookup tokens that find no one. Restore identifier.key from the backup taken with this ledger; never make a new one, which would make every recorded identifier unfindable."
            )
        }
    }

    /// Makes a new key at `path` (version 1) unless another process made one first, and returns
    /// the key that is there.
    static func create(at path: String, calls: SystemCalls) throws(LedgerStoreError) -> IdentifierKey {
        let key = random()
        let temporary = path + ".\(system_getpid()).\(UInt32.random(in: .min ... .max)).partial"
        try writeSynced(key.fileContents, to: temporary, calls: calls)
        defer { _ = calls.unlink(temporary) }
        do {
            try SystemCalls.retryingOnInterrupt { calls.link(temporary, path) }
        } catch {
            guard error == .fileExists, let (winner, _) = try read(path, calls: calls) else {
                throw LedgerStoreError(
                    .io, "Cannot create the identifier key \(path) (\(error)): check the directory's permissions.")
            }
            return winner
        }
        let directory = Self.directory(of: path)
        do { try LedgerDirectory(path: directory, calls: calls).sync() } catch {
            throw LedgerStoreError(.io, "Cannot sync \(directory) after creating the identifier key (\(error)).")
        }
        return key
    }

    private static func directory(of path: String) -> String {
        let slash = path.lastIndex(of: "/")
        return slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    }

    private static func writeSynced(_ bytes: [UInt8], to path: String, calls: SystemCalls) throws(LedgerStoreError) {
        _ = calls.unlink(path)
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(
                path, .writeOnly, options: [.create, .exclusiveCreation], calls: calls)
        } catch {
            throw LedgerStoreError(
                .io, "Cannot create the identifier key beside \(path) (\(error)): check the directory's permissions.")
        }
        defer { descriptor.close() }
        do {
            try descriptor.write(bytes, at: 0)
            try descriptor.sync()
        } catch {
            _ = calls.unlink(path)
            throw LedgerStoreError(.io, "Cannot write the identifier key \(path) (\(error)).")
        }
    }
}
