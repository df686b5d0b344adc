import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// `pdl find` never answers "No subject holds" with a key that is not the ledger's: a damaged,
/// swapped or lost `identifier.key` is a store error (exit 3) for `find` and `verify`.
@Suite struct CommandLineIdentifierKeyTests {
    static let email = "kari.nordmann@example.no"
    static let kari = "customer:10001"

    /// A ledger with the demo story (Kari's email among it), and its key file's bytes.
    static func demoLedger() throws -> (PDLRunner, [UInt8]) {
        let pdl = PDLRunner()
        try pdl.demo()
        let key = try [UInt8](Data(contentsOf: URL(filePath: keyFile(pdl))))
        #expect(key.count == IdentifierKey.fileByteCount)
        return (pdl, key)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    static func keyFile(_ pdl: PDLRunner) -> String { pdl.ledger + "/" + IdentifierKey.fileName }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(filePath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// `find --email` and `verify` both refuse with a store error naming the key file, and print
    /// neither an answer nor a byte of the key.
    static func expectRefused(_ pdl: PDLRunner, mentioning words: String, keyBytes: [UInt8]) throws {
        for arguments in [["find", "--email", email], ["find", "--email", email, "--format", "json"], ["verify"]] {
            let result = try pdl.run(arguments)
            #expect(result.status == 3, "\(result)")
            #expect(!result.prints("No subject holds") && !result.prints("[]") && !result.prints(kari), "\(result)")
            #expect(result.stderr.contains("ledger/identifier.key") && result.stderr.contains(words), "\(result)")
            #expect(result.stderr.contains("Restore identifier.key"), "\(result)")
            #expect(!result.prints(hex(keyBytes)) && !result.prints(hex(Array(keyBytes[12..<44]))))
        }
    }

    @Test func theDemoLedgerFindsKariAndVerifies() throws {
        let (pdl, _) = try Self.demoLedger()
        let found = try pdl.run("find", "--email", Self.email)
        #expect(found.status == 0 && found.stdout.contains(Self.kari), "\(found)")
        let verified = try pdl.run("verify")
        #expect(verified.status == 0, "\(verified)")
    }

    /// First and last byte, and the first and last of the magic, version, key and checksum.
    @Test(arguments: [0, 7, 8, 11, 12, 27, 43, 44, 47])
    func aFlippedByteInTheKeyFileIsAStoreErrorNeverNoSubject(at position: Int) throws {
        let (pdl, key) = try Self.demoLedger()
        var flipped = key
        flipped[position] ^= 0x01
        try Self.write(flipped, to: Self.keyFile(pdl))
        try Self.expectRefused(pdl, mentioning: "is damaged", keyBytes: key)
    }

    @Test func anotherLedgersKeyIsRefusedByFindAndVerify() throws {
        let (pdl, key) = try Self.demoLedger()
        let (other, otherKey) = try Self.demoLedger()
        try Self.write(otherKey, to: Self.keyFile(pdl))
        try Self.expectRefused(pdl, mentioning: "not this ledger's key", keyBytes: key)
        try Self.expectRefused(pdl, mentioning: "not this ledger's key", keyBytes: otherKey)
        _ = other
    }

    /// A deleted key is refused by every command — `init` and a recording command included —
    /// and no new key is made in its place.
    @Test func aDeletedKeyIsRefusedAndNoneIsCreated() throws {
        let (pdl, key) = try Self.demoLedger()
        try FileManager.default.removeItem(atPath: Self.keyFile(pdl))
        try Self.expectRefused(pdl, mentioning: "is missing", keyBytes: key)
        for arguments in [["init"], ["demo"], ["policy", "publish", "2027-01-01", "--effective", "2027-01-01"]] {
            let result = try pdl.run(arguments)
            #expect(result.status == 3 && result.stderr.contains("is missing"), "\(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: Self.keyFile(pdl)))
    }

    /// A damaged old-format key in a ledger without a recorded fingerprint: its tokens tell.
    @Test func aFlippedByteInAnOldFormatKeyIsAStoreError() throws {
        let (pdl, key) = try Self.demoLedger()
        var raw = Array(key[12..<44])
        raw[31] ^= 0x80
        try Self.write(raw, to: Self.keyFile(pdl))
        try FileManager.default.removeItem(atPath: pdl.ledger + "/KEY-FINGERPRINT")
        try Self.expectRefused(pdl, mentioning: "does not make this ledger's lookup tokens", keyBytes: key)
        let writer = try pdl.run("init")
        #expect(writer.status == 3, "\(writer)")
        #expect(try [UInt8](Data(contentsOf: URL(filePath: Self.keyFile(pdl)))) == raw, "never upgraded")
    }

    /// A key file of the format before version 1 (the raw 32 bytes, no fingerprint recorded)
    /// still finds Kari; the next read-write command rewrites it with its checksum.
    @Test func anOldFormatKeyStillFindsAndIsUpgradedByTheNextWriter() throws {
        let (pdl, key) = try Self.demoLedger()
        try Self.write(Array(key[12..<44]), to: Self.keyFile(pdl))
        try FileManager.default.removeItem(atPath: pdl.ledger + "/KEY-FINGERPRINT")

        let found = try pdl.run("find", "--email", Self.email)
        #expect(found.status == 0 && found.stdout.contains(Self.kari), "\(found)")
        #expect(try Data(contentsOf: URL(filePath: Self.keyFile(pdl))).count == IdentifierKey.byteCount)

        let opened = try pdl.run("init")
        #expect(opened.status == 0 && opened.stdout.contains("nothing changed"), "\(opened)")
        #expect(try [UInt8](Data(contentsOf: URL(filePath: Self.keyFile(pdl)))) == key)
        #expect(FileManager.default.fileExists(atPath: pdl.ledger + "/KEY-FINGERPRINT"))
        let again = try pdl.run("find", "--email", Self.email)
        #expect(again.status == 0 && again.stdout.contains(Self.kari), "\(again)")
        let verified = try pdl.run("verify")
        #expect(verified.status == 0, "\(verified)")
    }

    /// A ledger a service made without a key: pdl records nothing there (it could never be
    /// found by identifier) until 'pdl init' gives it one, and makes none by itself.
    @Test func aLedgerWithoutAKeyGetsOneOnlyFromInit() async throws {
        let pdl = PDLRunner()
        let store = try FileStoreTesting.open(pdl.ledger)
        _ = try await store.append([FileStoreTesting.holding("customer:1", .name, value: "Kari Nordmann")])
        try await store.close()
        let record = [
            "record", Self.kari, "--category", "email", "--system", "webshop.orders", "--purpose",
            "customerAccountAndOrders", "--value", Self.email,
        ]
        let refused = try pdl.run(record)
        #expect(refused.status == 3 && refused.stderr.contains("has no identifier key yet"), "\(refused)")
        #expect(refused.stderr.contains("pdl init") && !refused.prints(Self.email), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: Self.keyFile(pdl)))
        #expect(try pdl.head().count == 1, "nothing was recorded")

        let initialised = try pdl.run("init")
        #expect(initialised.status == 0, "\(initialised)")
        #expect(FileManager.default.fileExists(atPath: Self.keyFile(pdl)))
        let recorded = try pdl.run(record)
        #expect(recorded.status == 0, "\(recorded)")
        let found = try pdl.run("find", "--email", Self.email)
        #expect(found.status == 0 && found.stdout.contains(Self.kari), "\(found)")
    }
}
