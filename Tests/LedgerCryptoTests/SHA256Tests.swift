import Testing

@testable import LedgerCrypto

/// Every test runs through each implementation this CPU has (``SHA256/Implementation/available``):
/// the Swift code everywhere, and the SHA extensions where `cpuid` shows them.
@Suite struct SHA256Tests {
    /// FIPS 180-4 example messages (NIST CSRC "Examples with Intermediate Values") and the empty string.
    static let nistVectors: [(message: String, digest: String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ]

    @Test(arguments: SHA256.Implementation.available, nistVectors)
    func nistVector(implementation: SHA256.Implementation, vector: (message: String, digest: String)) {
        #expect(SHA256.hash(Array(vector.message.utf8), implementation: implementation).hexString == vector.digest)
    }

    @Test(arguments: SHA256.Implementation.available, nistVectors)
    func nistVectorAsASequence(implementation: SHA256.Implementation, vector: (message: String, digest: String)) {
        #expect(SHA256.hash(vector.message.utf8, implementation: implementation).hexString == vector.digest)
    }

    @Test(arguments: SHA256.Implementation.available)
    func oneMillionLetterA(implementation: SHA256.Implementation) {
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        var hasher = SHA256(implementation: implementation)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(
            hasher.finalize().hexString
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: SHA256.Implementation.available)
    func oneMillionLetterAInOddChunks(implementation: SHA256.Implementation) {
        var hasher = SHA256(implementation: implementation)
        var remaining = 1_000_000
        var size = 1
        while remaining > 0 {
            let count = min(size, remaining)
            hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: count))
            remaining -= count
            size = size % 997 + 13
        }
        #expect(
            hasher.finalize().hexString
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func digestLength() {
        #expect(SHA256.hash([]).count == SHA256.digestLength)
    }

    /// A truncated digest is the digest's prefix.
    @Test(arguments: [1, 16, 31, 32])
    func truncatedDigestIsThePrefix(length: Int) {
        let message = Array("truncated".utf8)
        var hasher = SHA256()
        hasher.update(message)
        #expect(hasher.finalize(truncatedTo: length) == Array(SHA256.hash(message).prefix(length)))
    }

    /// Lengths around the 55/56/64-byte padding boundaries, split at every point, through both the
    /// array and the generic-sequence `update`.
    @Test(arguments: SHA256.Implementation.available, [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 200])
    func chunkedUpdatesEqualOneShot(implementation: SHA256.Implementation, length: Int) {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let expected = SHA256.hash(message, implementation: implementation)
        for split in 0...length {
            var arrays = SHA256(implementation: implementation)
            arrays.update(Array(message[..<split]))
            arrays.update(Array(message[split...]))
            #expect(arrays.finalize() == expected, "array split at \(split)")

            var sequences = SHA256(implementation: implementation)
            sequences.update(message[..<split])
            sequences.update(message[split...].lazy.map { $0 })
            #expect(sequences.finalize() == expected, "sequence split at \(split)")

            var mixed = SHA256(implementation: implementation)
            mixed.update(message[..<split])
            mixed.update(Array(message[split...]))
            #expect(mixed.finalize() == expected, "mixed split at \(split)")
        }
    }

    @Test(arguments: SHA256.Implementation.available)
    func threeWaySplits(implementation: SHA256.Implementation) {
        let message = Array(
            "The quick brown fox jumps over the lazy dog, twice: the quick brown fox".utf8)
        let expected = SHA256.hash(message, implementation: implementation)
        for first in stride(from: 0, through: message.count, by: 5) {
            for second in stride(from: first, through: message.count, by: 3) {
                var hasher = SHA256(implementation: implementation)
                hasher.update(Array(message[..<first]))
                hasher.update(message[first..<second])
                hasher.update(Array(message[second...]))
                #expect(hasher.finalize() == expected)
            }
        }
    }
}
