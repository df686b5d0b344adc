/// Salted commitments: what the log and the hash chain keep in place of personal data.
///
/// `SHA-256(domain ‖ salt ‖ UTF-8 bytes)`, truncated to 16 bytes. The salt is 16 random bytes
/// per field, kept in the vault beside the value and erased with it: without the salt, even a
/// guessable value (a phone number) cannot be confirmed against the commitment.
///
/// Sixteen bytes (128 bits) keep second preimages out of reach — rewriting a recorded value to
/// another with the same commitment costs 2^128 — and halve the per-fact cost on disk. The
/// chain itself uses full 32-byte SHA-256 hashes. See `Documentation/FileFormat.md`.
enum Commitment {
    static let length = 16
    static let saltLength = 16

    /// Domain separators, so a value commitment can never stand in for a subject's.
    static let valueDomain: UInt8 = 0x02
    static let subjectDomain: UInt8 = 0x03

    static func commit(_ text: String, salt: [UInt8], domain: UInt8) -> [UInt8] {
        var hasher = SHA256()
        hasher.update([domain])
        hasher.update(salt)
        hasher.update(Array(text.utf8))
        return Array(hasher.finalize().prefix(length))
    }

    static func randomSalt() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var salt = [UInt8](repeating: 0, count: saltLength)
        for index in 0..<saltLength { salt[index] = generator.next() }
        return salt
    }
}
