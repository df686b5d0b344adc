import TestSupport
import Testing

@testable import LedgerCrypto

@Suite struct CRC32CTests {
    /// RFC 3720 (iSCSI) appendix B.4, and the common check value.
    @Test(arguments: [
        ([UInt8](repeating: 0, count: 32), UInt32(0x8A91_36AA)),
        ([UInt8](repeating: 0xFF, count: 32), UInt32(0x62A8_AB43)),
        ((0..<32).map { UInt8($0) }, UInt32(0x46DD_794E)),
        ((0..<32).reversed().map { UInt8($0) }, UInt32(0x113F_DB5C)),
        (Array("123456789".utf8), UInt32(0xE306_9283)),
        ([], UInt32(0)),
    ])
    func knownVectors(bytes: [UInt8], expected: UInt32) {
        #expect(CRC32C.checksum(bytes) == expected)
    }

    /// The same vectors through each implementation this CPU runs (SSE4.2 and Swift).
    @Test(
        arguments: CRC32C.Implementation.available,
        [
            (Array("123456789".utf8), UInt32(0xE306_9283)),
            ([UInt8](repeating: 0xFF, count: 32), UInt32(0x62A8_AB43)),
            ((0..<32).map { UInt8($0) }, UInt32(0x46DD_794E)),
        ])
    func knownVectorsThrough(_ implementation: CRC32C.Implementation, vector: ([UInt8], UInt32)) {
        let crc = vector.0.withUnsafeBytes { CRC32C.update(0, $0, implementation: implementation) }
        #expect(crc == vector.1)
    }

    /// SSE4.2's `crc32` and the Swift tables agree at every length from 0 to 300 bytes, from any
    /// starting register.
    @Test(
        .enabled(if: CRC32C.Implementation.hardware.isAvailable, "this CPU has no SSE4.2"), arguments: 0...300)
    func hardwareAgreesWithSwift(length: Int) {
        var generator = SplitMix(seed: 0xC3C_0000 &+ UInt64(length))
        let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let start = UInt32.random(in: .min ... .max, using: &generator)
        let hardware = bytes.withUnsafeBytes { CRC32C.update(start, $0, implementation: .hardware) }
        let portable = bytes.withUnsafeBytes { CRC32C.update(start, $0, implementation: .portable) }
        #expect(hardware == portable)
    }

    /// Buffers of three blocks or more run on three registers at once and are joined: the
    /// result agrees with the Swift tables on either side of each block size, and from an
    /// unaligned start.
    @Test(
        .enabled(if: CRC32C.Implementation.hardware.isAvailable, "this CPU has no SSE4.2"),
        arguments: [767, 768, 769, 1_000, 3 * 4096 - 1, 3 * 4096, 3 * 4096 + 9, 3 * 4096 + 3 * 256 + 1, 50_001],
        [0, 3])
    func hardwareOnThreeRegistersAgreesWithSwift(length: Int, misalignment: Int) {
        var generator = SplitMix(seed: 0xC3C_1000 &+ UInt64(length))
        let bytes = (0..<(length + misalignment)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let start = UInt32.random(in: .min ... .max, using: &generator)
        let (hardware, portable) = bytes.withUnsafeBytes { all in
            let buffer = UnsafeRawBufferPointer(rebasing: all[misalignment...])
            return (
                CRC32C.update(start, buffer, implementation: .hardware),
                CRC32C.update(start, buffer, implementation: .portable)
            )
        }
        #expect(hardware == portable)
    }

    /// A slice is checked in place and gives the checksum of its bytes, wherever it starts.
    @Test(arguments: [0, 1, 5, 8, 13])
    func aSliceGivesTheChecksumOfItsBytes(start: Int) {
        let bytes = [UInt8](repeating: 0xA5, count: start) + Array("123456789".utf8) + [0x00, 0x01]
        #expect(CRC32C.checksum(bytes[start..<(start + 9)]) == 0xE306_9283)
    }

    /// The iSCSI read command PDU of RFC 3720 B.4.
    @Test func iSCSIReadCommand() {
        let pdu: [UInt8] = [
            0x01, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00,
            0x00, 0x18, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00,
        ]
        #expect(CRC32C.checksum(pdu) == 0xD996_3A56)
    }

    /// Slicing-by-8 must agree with the bytewise loop at every length and split point.
    @Test func incrementalAgreesWithWhole() {
        var generator = SplitMix(seed: 7)
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let whole = CRC32C.checksum(bytes)
        for split in [0, 1, 7, 8, 9, 63, 150, 299, 300] {
            let first = bytes.withUnsafeBytes { CRC32C.update(0, UnsafeRawBufferPointer(rebasing: $0[0..<split])) }
            let both = bytes.withUnsafeBytes { CRC32C.update(first, UnsafeRawBufferPointer(rebasing: $0[split...])) }
            #expect(both == whole, "split at \(split)")
        }
    }
}
