import Foundation
import LedgerCrypto
import PersonalDataLedgerTesting
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// `identifier.key` is part of the ledger's integrity: a damaged, foreign or lost key is refused
/// on open and by `verify`, never used to answer "no one holds this", and never replaced.
@Suite struct FileLedgerStoreIdentifierKeyTests {
    /// A ledger that made its key and recorded Kari's order with lookup tokens.
    static func keyedLedger() async throws -> (TemporaryDirectory, IdentifierKey) {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        let key = try #require(try store.identifierKey(creatingIfAbsent: true))
        let keyed = try await KeyedLedger.make(store: store, owner: nil, key: key, start: TestLedger.start)
        try await keyed.recordOrder()
        #expect(try await keyed.ledger.find(email: "kari.nordmann@example.no").count == 1)
        try await store.close()
        return (directory, key)
    }

    static func keyPath(_ directory: TemporaryDirectory) -> String {
        directory.ledger + "/" + IdentifierKey.fileName
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(filePath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// The error opening the key of the ledger in `directory` with `mode` gives, if any.
    static func keyError(_ directory: TemporaryDirectory, _ mode: FileLedgerStore.AccessMode) throws
        -> LedgerStoreError?
    {
        let store = try FileStoreTesting.open(directory.ledger, mode: mode)
        defer { store.abandon() }
        do {
            _ = try store.identifierKey()
            return nil
        } catch let error as LedgerStoreError { return error }
    }

    static func verifyError(_ directory: TemporaryDirectory) async throws -> LedgerStoreError? {
        let store = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        defer { store.abandon() }
        do {
            _ = try await store.verify(against: nil)
            return nil
        } catch let error as LedgerStoreError { return error }
    }

    @Test func aNewKeyIsVersionOneAndItsFingerprintIsRecorded() async throws {
        let (directory, key) = try await Self.keyedLedger()
        let bytes = try [UInt8](Data(contentsOf: URL(filePath: Self.keyPath(directory))))
        #expect(bytes.count == IdentifierKey.fileByteCount)
        #expect(Array(bytes.prefix(8)) == Array("PDL-KEY\0".utf8))
        let recorded = try #require(FileManager.default.contents(atPath: directory.ledger + "/KEY-FINGERPRINT"))
        #expect(String(decoding: recorded, as: UTF8.self).contains(key.fingerprint))
        #expect(!String(decoding: recorded, as: UTF8.self).contains(key.bytes.hexString))
        #expect(try Self.keyError(directory, .readOnly) == nil)
        #expect(try await Self.verifyError(directory) == nil)
    }

    /// Every byte of the key file, flipped, is found on load: the checksum or the magic fails.
    @Test(arguments: 0..<IdentifierKey.fileByteCount)
    func aFlippedByteAnywhereInTheKeyFileIsRefused(at position: Int) async throws {
        let (directory, key) = try await Self.keyedLedger()
        let path = Self.keyPath(directory)
        var bytes = try [UInt8](Data(contentsOf: URL(filePath: path)))
        bytes[position] ^= 0x20
        try Self.write(bytes, to: path)
        for mode in [FileLedgerStore.AccessMode.readOnly, .readWrite] {
            let error = try #require(try Self.keyError(directory, mode), "\(mode)")
            #expect(error.code == .corrupted)
            #expect(error.message.contains(path) && error.message.contains("Restore identifier.key"))
            #expect(!error.message.contains(key.bytes.hexString))
        }
        let error = try #require(try await Self.verifyError(directory))
        #expect(error.code == .corrupted && error.message.contains("damaged"))
        #expect(throws: LedgerStoreError.self) { try IdentifierKey.loadOrCreate(at: URL(filePath: path)) }
        #expect(try [UInt8](Data(contentsOf: URL(filePath: path))) == bytes, "the file is left for the operator")
    }

    @Test func anotherLedgersKeyIsRefusedOnOpenAndByVerify() async throws {
        let (directory, key) = try await Self.keyedLedger()
        let (other, otherKey) = try await Self.keyedLedger()
        try FileManager.default.removeItem(atPath: Self.keyPath(directory))
        try FileManager.default.copyItem(atPath: Self.keyPath(other), toPath: Self.keyPath(directory))
        for mode in [FileLedgerStore.AccessMode.readOnly, .readWrite] {
            let error = try #require(try Self.keyError(directory, mode), "\(mode)")
            #expect(error.code == .corrupted && error.message.contains("not this ledger's key"))
            #expect(!error.message.contains(key.bytes.hexString) && !error.message.contains(otherKey.bytes.hexString))
        }
        let error = try #require(try await Self.verifyError(directory))
        #expect(error.message.contains("not this ledger's key"))
        #expect(throws: LedgerStoreError.self) {
            try IdentifierKey.loadOrCreate(at: URL(filePath: Self.keyPath(directory)))
        }
    }

    /// A lost key is refused — whether the ledger recorded its fingerprint or only holds tokens
    /// made with it — and no new key takes its place.
    @Test(arguments: [false, true])
    func aMissingKeyIsRefusedAndNothingIsCreated(fingerprintLostToo: Bool) async throws {
        let (directory, _) = try await Self.keyedLedger()
        let path = Self.keyPath(directory)
        try FileManager.default.removeItem(atPath: path)
        if fingerprintLostToo { try FileManager.default.removeItem(atPath: directory.ledger + "/KEY-FINGERPRINT") }
        for mode in [FileLedgerStore.AccessMode.readOnly, .readWrite] {
            let store = try FileStoreTesting.open(directory.ledger, mode: mode)
            defer { store.abandon() }
            for creating in mode == .readWrite ? [false, true] : [false] {
                #expect {
                    _ = try store.identifierKey(creatingIfAbsent: creating)
                } throws: { error in
                    isStoreError(error, .corrupted, mentioning: "\(path) is missing")
                }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        if !fingerprintLostToo {
            #expect(throws: LedgerStoreError.self) { try IdentifierKey.loadOrCreate(at: URL(filePath: path)) }
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(try await Self.verifyError(directory)?.message.contains("is missing") == true)
        }
    }

    @Test(arguments: ["", "PersonalDataLedger identifier key fingerprint 1\nnot-hex\n", "garbage"])
    func aDamagedFingerprintFileIsRefused(_ contents: String) async throws {
        let (directory, _) = try await Self.keyedLedger()
        try Self.write(Array(contents.utf8), to: directory.ledger + "/KEY-FINGERPRINT")
        let error = try #require(try Self.keyError(directory, .readOnly))
        #expect(error.code == .corrupted && error.message.contains("KEY-FINGERPRINT is damaged"))
        #expect(try await Self.verifyError(directory)?.code == .corrupted)
    }

    /// A key file of the format before version 1 (the raw 32 bytes) still opens; a read-write
    /// open rewrites it with its checksum and records its fingerprint, a read-only one changes
    /// nothing.
    @Test func aKeyFileOfTheOldFormatLoadsAndIsUpgradedOnTheNextReadWriteOpen() async throws {
        let (directory, key) = try await Self.keyedLedger()
        let path = Self.keyPath(directory)
        try Self.write(key.bytes, to: path)
        try FileManager.default.removeItem(atPath: directory.ledger + "/KEY-FINGERPRINT")

        let reader = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        #expect(try reader.identifierKey()?.bytes == key.bytes)
        reader.abandon()
        #expect(try Data(contentsOf: URL(filePath: path)).count == IdentifierKey.byteCount)
        #expect(!FileManager.default.fileExists(atPath: directory.ledger + "/KEY-FINGERPRINT"))

        let writer = try FileStoreTesting.open(directory.ledger)
        let upgraded = try #require(try writer.identifierKey())
        #expect(upgraded.bytes == key.bytes)
        let found = Ledger(store: writer, catalog: .focusNordic, region: .norway, identifierKey: upgraded)
        #expect(try await found.find(email: "kari.nordmann@example.no").map(\.subject) == [KeyedLedger.kari])
        try await writer.close()
        let bytes = try [UInt8](Data(contentsOf: URL(filePath: path)))
        #expect(bytes.count == IdentifierKey.fileByteCount)
        #expect(try FileLedgerStorePermissionTests.permissions(path) == 0o600)
        #expect(FileManager.default.fileExists(atPath: directory.ledger + "/KEY-FINGERPRINT"))
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
        #expect(try await Self.verifyError(directory) == nil)
    }

    /// A damaged key file from before the checksum, in a ledger that recorded no fingerprint, is
    /// still refused: it does not make the ledger's newest lookup tokens, so it is never upgraded.
    @Test(arguments: [0, 15, 31])
    func aFlippedByteInAnOldFormatKeyIsRefusedByItsTokens(at position: Int) async throws {
        let (directory, key) = try await Self.keyedLedger()
        let path = Self.keyPath(directory)
        var bytes = key.bytes
        bytes[position] ^= 0x01
        try Self.write(bytes, to: path)
        try FileManager.default.removeItem(atPath: directory.ledger + "/KEY-FINGERPRINT")
        for mode in [FileLedgerStore.AccessMode.readOnly, .readWrite] {
            let error = try #require(try Self.keyError(directory, mode), "\(mode)")
            #expect(error.code == .corrupted && error.message.contains("does not make this ledger's lookup tokens"))
            #expect(!error.message.contains(key.bytes.hexString) && !error.message.contains(bytes.hexString))
        }
        #expect(try await Self.verifyError(directory)?.message.contains("lookup tokens") == true)
        #expect(try [UInt8](Data(contentsOf: URL(filePath: path))) == bytes, "never upgraded")
        #expect(!FileManager.default.fileExists(atPath: directory.ledger + "/KEY-FINGERPRINT"))
    }

    @Test func onlyAskingForItMakesAKeyAndAKeyPutInPlaceFirstIsAdopted() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        #expect(try store.identifierKey() == nil)
        #expect(!FileManager.default.fileExists(atPath: Self.keyPath(directory)))
        try await store.close()

        // Another ledger's key, copied in before the first key is made, keeps that ledger's tokens.
        let (source, sourceKey) = try await Self.keyedLedger()
        try FileManager.default.copyItem(atPath: Self.keyPath(source), toPath: Self.keyPath(directory))
        let reopened = try FileStoreTesting.open(directory.ledger)
        #expect(try reopened.identifierKey(creatingIfAbsent: true)?.bytes == sourceKey.bytes)
        try await reopened.close()
        let recorded = try #require(FileManager.default.contents(atPath: directory.ledger + "/KEY-FINGERPRINT"))
        #expect(String(decoding: recorded, as: UTF8.self).contains(sourceKey.fingerprint))
    }
}
