import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct IdentifierKeyTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "pdl-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return url
    }

    @Test(arguments: [0, 16, 31, 33, 64])
    func keysOfAnyOtherLengthAreRefused(length: Int) throws {
        let error = try #require(throws: LedgerError.self) {
            try IdentifierKey(bytes: [UInt8](repeating: 1, count: length))
        }
        #expect(error.rule == .invalidRequest)
    }

    @Test func descriptionsNeverShowTheKey() throws {
        let key = try IdentifierKey(bytes: [UInt8](repeating: 0xab, count: 32))
        for text in [key.description, key.debugDescription, String(reflecting: key), "\(key)"] {
            #expect(!text.lowercased().contains("abab"))
            #expect(!text.contains("171"))
        }
    }

    @Test func loadOrCreateWritesAnOwnerOnlyKeyOnceAndReadsItBack() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appending(path: IdentifierKey.fileName)
        let first = try IdentifierKey.loadOrCreate(at: file)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((attributes[.size] as? NSNumber)?.intValue == IdentifierKey.fileByteCount)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [IdentifierKey.fileName])

        // The same key finds what the first one recorded.
        let store = InMemoryLedgerStore()
        let writer = try await KeyedLedger.make(store: store, owner: nil, key: first, start: TestLedger.start)
        try await writer.recordOrder()
        let again = try IdentifierKey.loadOrCreate(at: file)
        let reader = writer.reopened(key: again)
        #expect(try await reader.find(email: "kari.nordmann@example.no").map(\.subject) == [KeyedLedger.kari])
    }

    @Test(arguments: [0, 31, 33, 47, 49])
    func aKeyFileOfTheWrongSizeIsRefused(size: Int) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appending(path: IdentifierKey.fileName)
        try Data(repeating: 1, count: size).write(to: file)
        // Owner-only, as a key file must be: a key others may read is refused before its size matters.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let error = try #require(throws: LedgerStoreError.self) { try IdentifierKey.loadOrCreate(at: file) }
        #expect(error.code == .corrupted)
        #expect(error.message.contains("\(size) bytes long") && error.message.contains("Restore identifier.key"))
        #expect(try Data(contentsOf: file).count == size, "the file is left for the operator to restore")
    }

    @Test func randomKeysDiffer() async throws {
        let test = try await KeyedLedger.make(key: .random())
        try await test.recordOrder()
        let other = test.reopened(key: .random())
        #expect(try await other.find(email: "kari.nordmann@example.no").isEmpty)
        #expect(try await test.ledger.find(email: "kari.nordmann@example.no").count == 1)
    }
}
