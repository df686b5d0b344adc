import Testing

@testable import LedgerCrypto

/// The vectors run through each implementation of SHA-256 this CPU has.
@Suite struct HMACSHA256Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let key: [UInt8]
        let data: [UInt8]
        let mac: String

        var testDescription: String { name }
    }

    private static let largerKeyData = Array(
        "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."
            .utf8)

    /// RFC 4231 section 4; case 5 (truncated output) is checked by its prefix below.
    static let vectors: [Vector] = [
        Vector(
            name: "RFC 4231 case 1", key: [UInt8](repeating: 0x0b, count: 20),
            data: Array("Hi There".utf8),
            mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Vector(
            name: "RFC 4231 case 2", key: Array("Jefe".utf8),
            data: Array("what do ya want for nothing?".utf8),
            mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Vector(
            name: "RFC 4231 case 3", key: [UInt8](repeating: 0xaa, count: 20),
            data: [UInt8](repeating: 0xdd, count: 50),
            mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Vector(
            name: "RFC 4231 case 4", key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
            mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Vector(
            name: "RFC 4231 case 6", key: [UInt8](repeating: 0xaa, count: 131),
            data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Vector(
            name: "RFC 4231 case 7", key: [UInt8](repeating: 0xaa, count: 131), data: largerKeyData,
            mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: SHA256.Implementation.available, vectors)
    func rfc4231(implementation: SHA256.Implementation, vector: Vector) {
        #expect(
            HMACSHA256.authenticationCode(for: vector.data, key: vector.key, implementation: implementation)
                .hexString == vector.mac)
    }

    @Test(arguments: SHA256.Implementation.available)
    func rfc4231Case5TruncatedPrefix(implementation: SHA256.Implementation) {
        let mac = HMACSHA256.authenticationCode(
            for: Array("Test With Truncation".utf8), key: [UInt8](repeating: 0x0c, count: 20),
            implementation: implementation)
        #expect(mac.prefix(16).hexString == "a3b6167473100ee06e0c796c2955552b")
    }

    /// A prepared key gives every vector's code, one message after another: its padded blocks are
    /// not used up by the first code.
    @Test(arguments: vectors)
    func preparedKeyGivesTheVectorsCodeEachTime(vector: Vector) {
        let key = HMACSHA256.Key(vector.key)
        let codes = (0..<3).map { _ in key.authenticationCode(for: vector.data).hexString }
        #expect(codes == [String](repeating: vector.mac, count: 3))
    }

    @Test func keyOfExactlyOneBlockIsNotHashed() {
        let key = [UInt8](repeating: 0x42, count: 64)
        let message = Array("block".utf8)
        var inner = SHA256()
        inner.update(key.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(key.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        #expect(HMACSHA256.authenticationCode(for: message, key: key) == outer.finalize())
    }

    @Test func differentKeysGiveDifferentCodes() {
        let message = Array("person@example.no".utf8)
        #expect(
            HMACSHA256.authenticationCode(for: message, key: [1])
                != HMACSHA256.authenticationCode(for: message, key: [2]))
    }
}
