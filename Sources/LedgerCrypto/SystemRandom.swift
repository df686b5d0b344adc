import CLedgerCrypto

/// Bytes from the system's cryptographically secure generator, a whole buffer per call.
///
/// `SystemRandomNumberGenerator` makes one system call per eight bytes; this makes one per buffer
/// (`getrandom(2)` on Linux, `arc4random_buf` on Darwin, through the `CLedgerCrypto` C target),
/// and falls back to the generator only where neither answers.
package enum SystemRandom {
    /// Fills `buffer` with random bytes.
    package static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        if ledger_random_fill(base, buffer.count) != 0 { return }
        var generator = SystemRandomNumberGenerator()
        for offset in stride(from: 0, to: buffer.count, by: 8) {
            let word = generator.next()
            withUnsafeBytes(of: word) { bytes in
                (base + offset).copyMemory(from: bytes.baseAddress!, byteCount: min(8, buffer.count - offset))
            }
        }
    }
}
