import Crypto
public import Foundation
public import PersonalDataLedger

/// The key-encryption key: the secret outside the database that wraps every subject's data key.
///
/// It lives in a file of its own (mode 0600), never in PostgreSQL, so a copy of the database — a
/// dump, a replica, a backup — holds only ciphertext. Lose the file and the ledger's personal
/// values are gone for good; keep it apart from the database's backups, with the same care as
/// the database password.
///
/// The file is 48 bytes: the 8-byte magic `PDLKEK1\n`, the 32-byte key, and the first 8 bytes of
/// SHA-256 over both, so a damaged or truncated file is refused rather than used.
public struct KeyEncryptionKey: Sendable, CustomStringConvertible {
    static let magic = Array("PDLKEK1\n".utf8)
    static let fileLength = 48

    let bytes: [UInt8]
    var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// A short, public name of the key — a hash of it, never the key — that the database keeps so
    /// a wrong key file is refused with a clear error instead of failing on every value.
    public let fingerprint: String

    init(bytes: [UInt8]) {
        self.bytes = bytes
        let digest = SHA256.hash(data: Array("pdl key-encryption key fingerprint".utf8) + bytes)
        fingerprint = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// A new random key.
    public static func random() -> KeyEncryptionKey {
        KeyEncryptionKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    public var description: String { "KeyEncryptionKey(fingerprint \(fingerprint), key not shown)" }

    /// Reads the key in the file at `url`.
    ///
    /// - Throws: ``LedgerStoreError`` — `io` when the file cannot be read, `corrupted` when it is
    ///   not a key file or is damaged, `invalidRequest` when group or others may read it.
    public static func load(from url: URL) throws -> KeyEncryptionKey {
        let path = url.path
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw LedgerStoreError(
                .io,
                "Cannot read the key file \(path): it does not exist or is not readable. Pass the ledger's key file with --key-file (or PDL_KEY_FILE); 'pdl init' creates one for a new ledger."
            )
        }
        if let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
            throw LedgerStoreError(.invalidRequest, "The key file \(path) is not a regular file.")
        }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw LedgerStoreError(
                .invalidRequest,
                "The key file \(path) may be read by group or others (mode \(String(mode, radix: 8))). Run 'chmod 600 \(path)'."
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LedgerStoreError(.io, "Cannot read the key file \(path): check its owner and permissions.")
        }
        let bytes = Array(data)
        guard bytes.count == fileLength, Array(bytes[0..<8]) == magic,
            Array(SHA256.hash(data: bytes[0..<40]).prefix(8)) == Array(bytes[40..<48])
        else {
            throw LedgerStoreError(
                .corrupted,
                "The key file \(path) is not a ledger key file or is damaged. Restore it from where the ledger's keys are kept; without it no personal value can be read."
            )
        }
        return KeyEncryptionKey(bytes: Array(bytes[8..<40]))
    }

    /// Writes the key to a new file at `url`, readable only by its owner, and syncs it. Refuses to
    /// replace an existing file.
    public func write(to url: URL) throws {
        var bytes = Self.magic + key.withUnsafeBytes { Array($0) }
        bytes += Array(SHA256.hash(data: bytes).prefix(8))
        let path = url.path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw LedgerStoreError(
                .io,
                errno == EEXIST
                    ? "The key file \(path) exists already; it is never overwritten. Remove it first if it is really not needed."
                    : "Cannot create the key file \(path) (errno \(errno)): check that its directory exists and is writable."
            )
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(path)
            throw LedgerStoreError(.io, "Cannot write the key file \(path): \(error.localizedDescription)")
        }
    }

    /// Reads the key at `url`, or creates a new one there when no file exists.
    public static func loadOrCreate(at url: URL) throws -> KeyEncryptionKey {
        if FileManager.default.fileExists(atPath: url.path) { return try load(from: url) }
        let key = random()
        try key.write(to: url)
        return key
    }

    /// Seals `bytes` under this key, bound to `context` (so a wrapped key cannot be moved to
    /// another row).
    func wrap(_ bytes: [UInt8], context: String) throws -> [UInt8] {
        try Array(AES.GCM.seal(bytes, using: key, authenticating: Array(context.utf8)).combined!)
    }

    /// Opens what ``wrap(_:context:)`` sealed; `nil` when it was sealed under another key or context.
    func unwrap(_ sealed: [UInt8], context: String) -> [UInt8]? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed),
            let bytes = try? AES.GCM.open(box, using: key, authenticating: Array(context.utf8))
        else { return nil }
        return Array(bytes)
    }
}
