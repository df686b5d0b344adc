#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif
public import PersonalDataLedger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension IdentifierKey {
    /// The key's name inside a ledger directory.
    public static let fileName = "identifier.key"

    /// Reads the key at `url`, or — when no file is there — makes a random one and writes it there
    /// readable only by its owner (mode 0600).
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
        if let existing = try load(path) { return existing }
        let key = random()
        let temporary = path + ".\(getpid()).\(UInt32.random(in: .min ... .max)).partial"
        try writeSynced(key.bytes, to: temporary)
        defer { _ = unlink(temporary) }
        if link(temporary, path) != 0 {
            let error = errno
            guard error == EEXIST, let winner = try load(path) else {
                throw LedgerStoreError(
                    .io, "Cannot create the identifier key \(path) (errno \(error)): check the directory's permissions."
                )
            }
            return winner
        }
        try syncDirectory(of: path)
        return key
    }

    /// The key in the file at `path`, or `nil` when there is none.
    private static func load(_ path: String) throws(LedgerStoreError) -> IdentifierKey? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let error = errno
            if error == ENOENT { return nil }
            throw LedgerStoreError(
                .io, "Cannot read the identifier key \(path) (errno \(error)): check its owner and permissions.")
        }
        defer { _ = close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: byteCount + 1)
        var total = 0
        while total < buffer.count {
            let count = buffer.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress! + total, raw.count - total)
            }
            if count < 0 {
                let error = errno
                if error == EINTR { continue }
                throw LedgerStoreError(.io, "Cannot read the identifier key \(path) (errno \(error)).")
            }
            if count == 0 { break }
            total += count
        }
        guard total == byteCount else {
            throw LedgerStoreError(
                .corrupted,
                "The identifier key \(path) is not \(byteCount) bytes long, so it is not a key this ledger wrote. Restore it from the ledger's backup; a new key would make every recorded identifier unfindable."
            )
        }
        return try? IdentifierKey(bytes: Array(buffer[0..<byteCount]))
    }

    private static func writeSynced(_ bytes: [UInt8], to path: String) throws(LedgerStoreError) {
        _ = unlink(path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LedgerStoreError(
                .io,
                "Cannot create the identifier key beside \(path) (errno \(errno)): check the directory's permissions.")
        }
        defer { _ = close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + written, raw.count - written)
            }
            if count < 0 {
                let error = errno
                if error == EINTR { continue }
                _ = unlink(path)
                throw LedgerStoreError(.io, "Cannot write the identifier key \(path) (errno \(error)).")
            }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            let error = errno
            _ = unlink(path)
            throw LedgerStoreError(.io, "Cannot sync the identifier key \(path) (errno \(error)).")
        }
    }

    private static func syncDirectory(of path: String) throws(LedgerStoreError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw LedgerStoreError(.io, "Cannot open \(directory) to sync the identifier key (errno \(errno)).")
        }
        defer { _ = close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw LedgerStoreError(.io, "Cannot sync \(directory) after creating the identifier key (errno \(errno)).")
        }
    }
}
