import LedgerCrypto

/// The hash chain over canonical fact encodings, with RFC 6962 domain separation.
///
/// `leaf = SHA-256(0x00 ‖ canonical)`, `head(n) = SHA-256(0x01 ‖ head(n-1) ‖ leaf(n))`, and
/// `head(0)` is 32 zero bytes. The prefixes keep a leaf from ever being read as a link.
package enum HashChain {
    package static let empty = [UInt8](repeating: 0, count: 32)

    package static func link(_ previous: [UInt8], canonical: [UInt8]) -> [UInt8] {
        var leaf = SHA256()
        leaf.update(byte: 0x00)
        leaf.update(canonical)
        var node = SHA256()
        node.update(byte: 0x01)
        node.update(previous)
        node.update(leaf.finalize())
        return node.finalize()
    }
}
