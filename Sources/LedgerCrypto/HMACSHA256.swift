/// HMAC-SHA256 (RFC 2104), for keyed hashes of identifiers: an index can find a person by email
/// without holding the email. Tested against the RFC 4231 vectors.
///
/// The key's two padded blocks are compressed once, when the ``Key`` is made: each code then
/// costs the message's blocks and one more, not two more.
package enum HMACSHA256 {
    /// The authentication code of `message` under `key`.
    package static func authenticationCode(
        for message: [UInt8], key: [UInt8], implementation: SHA256.Implementation = .fastest
    ) -> [UInt8] {
        Key(key, implementation: implementation).authenticationCode(for: message)
    }

    /// A key with its inner and outer padded blocks already compressed, for many codes under it.
    package struct Key: Sendable {
        /// SHA-256 after `key ⊕ ipad`, and after `key ⊕ opad`.
        private let inner: SHA256
        private let outer: SHA256

        /// Prepares `key` (of any length: one longer than a block is hashed first, as RFC 2104 says).
        package init(_ key: [UInt8], implementation: SHA256.Implementation = .fastest) {
            var block = key.count > 64 ? SHA256.hash(key, implementation: implementation) : key
            block += [UInt8](repeating: 0, count: 64 - block.count)
            var inner = SHA256(implementation: implementation)
            inner.update(block.map { $0 ^ 0x36 })
            var outer = SHA256(implementation: implementation)
            outer.update(block.map { $0 ^ 0x5c })
            self.inner = inner
            self.outer = outer
        }

        /// The authentication code of `message` under this key.
        package func authenticationCode(for message: [UInt8]) -> [UInt8] {
            var inner = inner
            inner.update(message)
            var outer = outer
            outer.update(inner.finalize())
            return outer.finalize()
        }
    }
}
