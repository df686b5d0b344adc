import LedgerCrypto

/// The secret that keys lookup tokens: HMAC-SHA256 over an identifier, so a person can be found by
/// email or national ID number without any index holding the identifier in clear.
///
/// Whoever holds the key and the ledger can test a guessed identifier against the tokens, so keep
/// it beside the ledger with the same protection (the `pdl` tool keeps it as `identifier.key`,
/// mode 0600, in the ledger directory) and out of backups that leave the controller. Keep one key
/// for the ledger's life: a token made under another key matches nothing.
///
/// The key never appears in `description`, `debugDescription` or a mirror.
public struct IdentifierKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The length of a key in bytes.
    public static let byteCount = 32

    package let bytes: [UInt8]
    /// The key with its HMAC pads compressed once: each token then costs two SHA-256 blocks, not four.
    private let hmac: HMACSHA256.Key

    /// Wraps key material of exactly ``byteCount`` bytes.
    ///
    /// - Throws: ``LedgerError`` with rule ``LedgerError/Rule/invalidRequest`` for any other
    ///   length.
    public init(bytes: [UInt8]) throws(LedgerError) {
        guard bytes.count == Self.byteCount else {
            throw LedgerError(
                .invalidRequest,
                "An identifier key is exactly \(Self.byteCount) bytes; \(bytes.count) were given. Make one with IdentifierKey.random()."
            )
        }
        self.bytes = bytes
        self.hmac = HMACSHA256.Key(bytes)
    }

    /// A new key from the system's secure random number generator.
    public static func random() -> IdentifierKey {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return try! IdentifierKey(bytes: bytes)  // The length is right by construction.
    }

    /// A name for the key that reveals nothing of it: the first 16 bytes of the HMAC-SHA256, under
    /// the key, of `pdl identifier key fingerprint`, in hexadecimal.
    ///
    /// Two ledgers whose fingerprints are equal make the same lookup tokens; an export carries
    /// it, so an import can tell whether its tokens will still find anyone.
    public var fingerprint: String {
        hmac.authenticationCode(for: Array("pdl identifier key fingerprint".utf8))
            .prefix(16).hexString
    }

    public var description: String { "IdentifierKey(\(Self.byteCount) bytes, not shown)" }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: [:]) }

    /// The lookup token of an identifier in its normalised form: the hexadecimal HMAC-SHA256 of
    /// `"<format>:<value>"`, so the same text under two formats gives unrelated tokens.
    ///
    /// An email address is hashed in lowercase: its normalised form keeps the local part's case
    /// (a mail server may distinguish it), but a person looking for `Kari.Nordmann@…` must find
    /// `kari.nordmann@…` — two addresses differing only in case are, in practice, one mailbox.
    package func token(for normalized: String, format: ValueFormat) -> String {
        let folded = format == .email ? normalized.lowercased() : normalized
        return hmac.authenticationCode(for: Array("\(format.rawValue):\(folded)".utf8)).hexString
    }
}
