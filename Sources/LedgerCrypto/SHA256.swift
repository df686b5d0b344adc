import CLedgerCrypto

/// SHA-256 (FIPS 180-4), written here because Foundation on Linux has none.
///
/// Incremental: feed bytes with ``update(_:)-(Bytes)`` and read the digest with ``finalize()``. Tested
/// against the NIST example vectors.
///
/// The hot paths (the hash chain, commitments, `verify()`) hash a few short messages per fact, so
/// nothing here allocates until the digest is returned: the pending block lives inline, blocks
/// are compressed straight from the caller's memory. Blocks are compressed by the CPU's SHA
/// extensions where `cpuid` shows them (x86-64 SHA-NI, the `CLedgerCrypto` C target), and
/// in Swift elsewhere (``Implementation``).
package struct SHA256: Sendable {
    /// The eight working words H0…H7.
    typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    private var state: State = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
        0x5be0_cd19
    )
    /// The bytes of an unfinished block (the first `buffered` of 64).
    private var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var buffered = 0
    private var totalLength: UInt64 = 0
    private let implementation: Implementation

    /// The digest's length in bytes.
    package static let digestLength = 32

    /// Creates a hasher that compresses with `implementation`, which must be available on this
    /// CPU (``Implementation/isAvailable``); by default the fastest one that is.
    package init(implementation: Implementation = .fastest) {
        precondition(implementation.isAvailable, "SHA-256 through \(implementation) is not available on this CPU.")
        self.implementation = implementation
    }

    /// The digest of `bytes`.
    package static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes, implementation: Implementation = .fastest)
        -> [UInt8]
    {
        var hasher = SHA256(implementation: implementation)
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of a contiguous buffer.
    package static func hash(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(buffer)
        return hasher.finalize()
    }

    /// Feeds more bytes.
    package mutating func update<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil {
            let array = Array(bytes)
            array.withUnsafeBytes { update($0) }
        }
    }

    /// Feeds a contiguous buffer of bytes (faster than a generic sequence).
    package mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds one byte.
    package mutating func update(byte: UInt8) {
        withUnsafeBytes(of: byte) { update($0) }
    }

    /// Feeds the bytes of a buffer.
    package mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard var pointer = buffer.baseAddress, buffer.count > 0 else { return }
        var remaining = buffer.count
        totalLength &+= UInt64(remaining)
        if buffered > 0 {
            let take = min(64 - buffered, remaining)
            let offset = buffered
            withUnsafeMutableBytes(of: &block) {
                $0.baseAddress!.advanced(by: offset).copyMemory(from: pointer, byteCount: take)
            }
            buffered += take
            pointer += take
            remaining -= take
            guard buffered == 64 else { return }
            let copy = block
            withUnsafeBytes(of: copy) { compress($0.baseAddress!, blocks: 1) }
            buffered = 0
        }
        if remaining >= 64 {
            let blocks = remaining / 64
            compress(pointer, blocks: blocks)
            pointer += blocks * 64
            remaining -= blocks * 64
        }
        if remaining > 0 {
            withUnsafeMutableBytes(of: &block) { $0.baseAddress!.copyMemory(from: pointer, byteCount: remaining) }
            buffered = remaining
        }
    }

    /// Finishes and returns the 32-byte digest.
    package mutating func finalize() -> [UInt8] {
        finalize(truncatedTo: Self.digestLength)
    }

    /// Finishes and returns the first `length` bytes of the digest (1…32), without the copy that
    /// slicing ``finalize()`` would make.
    package mutating func finalize(truncatedTo length: Int) -> [UInt8] {
        precondition((1...Self.digestLength).contains(length), "A SHA-256 digest has 1 to 32 bytes, not \(length).")
        let bitLength = totalLength &* 8
        var tail = block
        let used = buffered
        withUnsafeMutableBytes(of: &tail) { raw in
            raw[used] = 0x80
            for index in (used + 1)..<64 { raw[index] = 0 }
        }
        if used >= 56 {
            withUnsafeBytes(of: tail) { compress($0.baseAddress!, blocks: 1) }
            tail = (0, 0, 0, 0, 0, 0, 0, 0)
        }
        tail.7 = bitLength.bigEndian
        withUnsafeBytes(of: tail) { compress($0.baseAddress!, blocks: 1) }
        buffered = 0
        let digest: State = (
            state.0.bigEndian, state.1.bigEndian, state.2.bigEndian, state.3.bigEndian, state.4.bigEndian,
            state.5.bigEndian, state.6.bigEndian, state.7.bigEndian
        )
        return withUnsafeBytes(of: digest) { [UInt8]($0[0..<length]) }
    }

    /// Compresses `blocks` consecutive 64-byte blocks at `pointer` into the state.
    private mutating func compress(_ pointer: UnsafeRawPointer, blocks: Int) {
        switch implementation {
        case .hardware:
            withUnsafeMutableBytes(of: &state) { words in
                ledger_sha256_compress_hardware(
                    words.baseAddress!.assumingMemoryBound(to: UInt32.self), pointer, blocks)
            }
        case .portable:
            for index in 0..<blocks { Self.compressPortably(&state, pointer + index * 64) }
        }
    }
}
