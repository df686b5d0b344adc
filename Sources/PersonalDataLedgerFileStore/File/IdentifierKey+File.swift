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
    /// A key file group or others may read or write is refused with the `chmod 600` that fixes
    /// it, and a symbolic link in its place is refused: the key is never read through a link.
    ///
    /// A new key is written to a temporary file, synced, and linked into place only if no other
    /// process made one first (then that one is read), and the directory is synced: the key is
    /// never half-written and two processes never end up with different keys.
    ///
    /// - Throws: ``LedgerStoreError`` with code ``LedgerStoreError/Code/corrupted`` when the file
    ///   is not exactly ``byteCount`` bytes, and ``LedgerStoreError/Code/io`` when it cannot be
    ///   read or written. The directory must exist.
    public static func loadOrCreate(at url: URL) throws(LedgerStoreError) -> IdentifierKey {
        let path = url.path
        let calls = SystemCalls.live
        if let existing = try load(path, calls: calls) { return existing }
        let key = random()
        let temporary = path + ".\(system_getpid()).\(UInt32.random(in: .min ... .max)).partial"
        try writeSynced(key.bytes, to: temporary, calls: calls)
        defer { _ = calls.unlink(temporary) }
        do {
            try SystemCalls.retryingOnInterrupt { calls.link(temporary, path) }
        } catch {
            guard error == .fileExists, let winner = try load(path, calls: calls) else {
                throw LedgerStoreError(
                    .io, "Cannot create the identifier key \(path) (\(error)): check the directory's permissions.")
            }
            return winner
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        do { try LedgerDirectory(path: directory, calls: calls).sync() } catch {
            throw LedgerStoreError(.io, "Cannot sync \(directory) after creating the identifier key (\(error)).")
        }
        return key
    }

    /// The key in the file at `path`, or `nil` when there is none.
    private static func load(_ path: String, calls: SystemCalls) throws(LedgerStoreError) -> IdentifierKey? {
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
        do { bytes = try descriptor.read(count: byteCount + 1, at: 0) } catch {
            throw LedgerStoreError(.io, "Cannot read the identifier key \(path) (\(error)).")
        }
        guard bytes.count == byteCount else {
            throw LedgerStoreError(
                .corrupted,
                "The identifier key \(path) is not \(byteCount) bytes long, so it is not a key this ledger wrote. Restore it from the ledger's backup; a new key would make every recorded identifier unfindable."
            )
        }
        return try? IdentifierKey(bytes: bytes)
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
