import LedgerCrypto
import Synchronization

/// Salted commitments: what the log and the hash chain keep in place of personal data.
///
/// `SHA-256(domain ‖ salt ‖ UTF-8 bytes)`, truncated to 16 bytes. The salt is 16 random bytes
/// per field, kept in the vault beside the value and erased with it: without the salt, even a
/// guessable value (a phone number) cannot be confirmed against the commitment.
///
/// Sixteen bytes (128 bits) keep second preimages out of reach — rewriting a recorded value to
/// another with the same commitment costs 2^128 — and halve the per-fact cost on disk. The
/// chain itself uses full 32-byte SHA-256 hashes. See `Documentation/FileFormat.md`.
@usableFromInline package enum Commitment {
    @usableFromInline package static let length = 16
    package static let saltLength = 16

    /// Domain separators, so a value commitment can never stand in for a subject's.
    package static let valueDomain: UInt8 = 0x02
    package static let subjectDomain: UInt8 = 0x03

    package static func commit(_ text: String, salt: [UInt8], domain: UInt8) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(byte: domain)
        hasher.update(salt)
        var text = text
        text.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
        return hasher.finalize(truncatedTo: length)
    }

    /// Sixteen bytes from the system's CSPRNG, drawn from a pool filled 4 KiB at a time.
    ///
    /// The pool is filled by ``SystemRandom/fill(_:)``: one `getrandom` system call per 256 salts
    /// (`SystemRandomNumberGenerator` would make 512, one per eight bytes).
    package static func randomSalt() -> [UInt8] {
        saltPool.withLock { pool in
            if pool.next + saltLength > pool.bytes.count {
                pool.bytes.withUnsafeMutableBytes { SystemRandom.fill($0) }
                pool.next = 0
            }
            defer { pool.next += saltLength }
            return Array(pool.bytes[pool.next..<(pool.next + saltLength)])
        }
    }

    private struct SaltPool: ~Copyable {
        package var bytes = [UInt8](repeating: 0, count: 4096)
        package var next = 4096
    }

    private static let saltPool = Mutex(SaltPool())
}
