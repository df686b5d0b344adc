import CLedgerCrypto

/// CRC-32C (Castagnoli, polynomial 0x1EDC6F41 reflected as 0x82F63B78), as iSCSI (RFC 3720),
/// ext4 and LevelDB use it to frame records.
///
/// On x86-64 with SSE4.2 the `crc32` instruction computes it (the `CLedgerCrypto` C target,
/// chosen by `cpuid`), on three registers at once for buffers of 768 bytes or more; elsewhere
/// slicing-by-8 in Swift, eight 256-entry tables consuming eight bytes per step. The file store
/// checks its index files on open, each log frame before it first reads a fact in it, and every
/// vault entry it reads.
package enum CRC32C: HardwareAccelerated {
    /// Which code computes it: slicing-by-8 in Swift, or SSE4.2's `crc32` instruction.
    package typealias Implementation = LedgerCrypto.Implementation<CRC32C>

    package static let hardwareIsAvailable = ledger_crc32c_hardware_available() != 0
    package static let hardwareName = "SSE4.2 crc32"

    /// The checksum of `bytes`.
    package static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        let array = Array(bytes)
        return array.withUnsafeBytes { update(0, $0) }
    }

    /// The checksum of `bytes`, read in place (a slice of a record or vault entry is not copied
    /// first: readers check one on every value they read).
    package static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBytes { update(0, $0) }
    }

    /// The checksum of `bytes`, read in place.
    package static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { update(0, $0) }
    }

    /// The checksum of a contiguous buffer.
    package static func checksum(_ buffer: UnsafeRawBufferPointer) -> UInt32 { update(0, buffer) }

    /// Continues `crc` (a previous result, or 0) over `buffer`, with the fastest implementation.
    package static func update(_ crc: UInt32, _ buffer: UnsafeRawBufferPointer) -> UInt32 {
        update(crc, buffer, implementation: Implementation.fastest)
    }

    /// Continues `crc` over `buffer` with `implementation` (tests compare the two).
    package static func update(
        _ crc: UInt32, _ buffer: UnsafeRawBufferPointer, implementation: Implementation
    ) -> UInt32 {
        guard let base = buffer.baseAddress else { return crc }
        if implementation == .hardware {
            return ~ledger_crc32c_update_hardware(~crc, base, buffer.count)
        }
        var state = ~crc
        var pointer = base.assumingMemoryBound(to: UInt8.self)
        var remaining = buffer.count
        tables.withUnsafeBufferPointer { t in
            while remaining >= 8 {
                let low =
                    (UInt32(pointer[0]) | UInt32(pointer[1]) << 8 | UInt32(pointer[2]) << 16
                        | UInt32(pointer[3]) << 24) ^ state
                state =
                    t[7 * 256 + Int(low & 0xff)] ^ t[6 * 256 + Int((low >> 8) & 0xff)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xff)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(pointer[4])] ^ t[2 * 256 + Int(pointer[5])]
                    ^ t[1 * 256 + Int(pointer[6])] ^ t[Int(pointer[7])]
                pointer += 8
                remaining -= 8
            }
            while remaining > 0 {
                state = t[Int((state ^ UInt32(pointer[0])) & 0xff)] ^ (state >> 8)
                pointer += 1
                remaining -= 1
            }
        }
        return ~state
    }

    /// `tables[k * 256 + b]` is the CRC of byte `b` followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            tables[byte] = crc
        }
        for byte in 0..<256 {
            var crc = tables[byte]
            for slice in 1..<8 {
                crc = tables[Int(crc & 0xff)] ^ (crc >> 8)
                tables[slice * 256 + byte] = crc
            }
        }
        return tables
    }()
}
