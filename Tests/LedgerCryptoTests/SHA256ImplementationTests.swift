import TestSupport
import Testing

@testable import LedgerCrypto

/// The SHA extensions and the Swift code give the same digests: every length from 0 to 300 bytes
/// (crossing the 55/56-byte padding boundary and several blocks), random bytes, fed whole and in
/// random pieces.
@Suite(.enabled(if: SHA256.Implementation.hardware.isAvailable, "this CPU has no SHA extensions"))
struct SHA256ImplementationTests {
    @Test(arguments: 0...300)
    func hardwareAgreesWithSwift(length: Int) {
        var random = SplitMix(seed: 0x5A_2560 &+ UInt64(length))
        let message = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &random) }
        var hardware = SHA256(implementation: .hardware)
        var start = 0
        while start < length {
            let end = min(length, start + Int.random(in: 1...130, using: &random))
            hardware.update(Array(message[start..<end]))
            start = end
        }
        #expect(hardware.finalize() == SHA256.hash(message, implementation: .portable))
    }

    @Test func fastestIsTheHardware() {
        #expect(SHA256.Implementation.fastest == .hardware)
    }
}
