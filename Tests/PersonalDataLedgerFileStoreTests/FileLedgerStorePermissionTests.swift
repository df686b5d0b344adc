import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// A ledger directory others can reach, or a vault or key file others can read, is refused with
/// the `chmod` that fixes it; what the store creates is its owner's only.
@Suite struct FileLedgerStorePermissionTests {
    static func ledger() async throws -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        _ = try await store.append([FileStoreTesting.holding("customer:1")])
        try await store.close()
        return directory
    }

    static func chmod(_ path: String, _ mode: Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    static func permissions(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    static func openError(_ path: String, _ mode: FileLedgerStore.AccessMode) -> (any Error)? {
        do {
            try FileStoreTesting.open(path, mode: mode).abandon()
            return nil
        } catch { return error }
    }

    @Test(arguments: [0o777, 0o755, 0o750, 0o701])
    func aDirectoryGroupOrOthersCanReachIsRefused(_ mode: Int) async throws {
        let directory = try await Self.ledger()
        try Self.chmod(directory.ledger, mode)
        defer { try? Self.chmod(directory.ledger, 0o700) }
        for access in [FileLedgerStore.AccessMode.readWrite, .readOnly] {
            #expect(
                isStoreError(
                    Self.openError(directory.ledger, access), .io, mentioning: "chmod 700 \(directory.ledger)"),
                "\(access)")
        }
        try Self.chmod(directory.ledger, 0o700)
        #expect(Self.openError(directory.ledger, .readWrite) == nil)
    }

    @Test(arguments: ["identities.vault", "values.vault"], [0o644, 0o640, 0o604, 0o660])
    func aVaultGroupOrOthersCanReadIsRefused(_ name: String, _ mode: Int) async throws {
        let directory = try await Self.ledger()
        let file = directory.ledger + "/" + name
        try Self.chmod(file, mode)
        for access in [FileLedgerStore.AccessMode.readWrite, .readOnly] {
            #expect(
                isStoreError(Self.openError(directory.ledger, access), .io, mentioning: "chmod 600 \(file)"),
                "\(access)")
        }
        try Self.chmod(file, 0o600)
        #expect(Self.openError(directory.ledger, .readWrite) == nil)
    }

    /// The directory's files, each with its mode and bytes: what a refused open must leave as it was.
    static func contents(of directory: String) throws -> [String: (mode: Int, bytes: [UInt8])] {
        var contents: [String: (mode: Int, bytes: [UInt8])] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let path = directory + "/" + name
            contents[name] = (try permissions(path), FileStoreTesting.bytes(of: path))
        }
        return contents
    }

    /// Every other file of a ledger directory, loose, is refused the same way, by readers and
    /// writers alike, before anything in the directory is created or changed.
    @Test(arguments: [
        "log-0000000001.seg", "log-0000000002.seg", "INDEX", "CHECKPOINT", "LOCK", "settings.json",
        "KEY-FINGERPRINT", "identifier.key",
    ])
    func aLedgerFileGroupOrOthersCanReadIsRefused(_ name: String) async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger, options: .init(segmentSize: 600))
        for round in 0..<8 {
            _ = try await store.append([FileStoreTesting.holding("customer:\(round)", value: "value \(round)")])
        }
        try await store.saveSettings(.defaults)
        _ = try store.identifierKey(creatingIfAbsent: true)
        try await store.close()
        let file = directory.ledger + "/" + name
        #expect(FileManager.default.fileExists(atPath: file))
        try Self.chmod(file, 0o644)
        let before = try Self.contents(of: directory.ledger)
        for access in [FileLedgerStore.AccessMode.readWrite, .readOnly] {
            let error = Self.openError(directory.ledger, access)
            #expect(
                isStoreError(error, .io, mentioning: "chmod 600 \(file)"), "\(access): \(String(describing: error))")
            #expect(isStoreError(error, .io, mentioning: "group or others (mode 0644)"), "\(access)")
        }
        let after = try Self.contents(of: directory.ledger)
        #expect(after.keys.sorted() == before.keys.sorted())
        for (name, entry) in before {
            #expect(after[name]?.mode == entry.mode && after[name]?.bytes == entry.bytes, "\(name) changed")
        }
        try Self.chmod(file, 0o600)
        #expect(Self.openError(directory.ledger, .readWrite) == nil)
    }

    @Test(arguments: [0o644, 0o640, 0o604])
    func anIdentifierKeyGroupOrOthersCanReadIsRefused(_ mode: Int) throws {
        let directory = TemporaryDirectory()
        let url = URL(filePath: directory.path + "/" + IdentifierKey.fileName)
        let key = try IdentifierKey.loadOrCreate(at: url)
        try Self.chmod(url.path, mode)
        #expect {
            _ = try IdentifierKey.loadOrCreate(at: url)
        } throws: { error in
            isStoreError(error, .io, mentioning: "chmod 600 \(url.path)")
        }
        try Self.chmod(url.path, 0o600)
        #expect(try IdentifierKey.loadOrCreate(at: url).bytes == key.bytes)
    }

    @Test func whatTheStoreCreatesIsItsOwnersOnly() async throws {
        let directory = try await Self.ledger()
        _ = try IdentifierKey.loadOrCreate(at: URL(filePath: directory.ledger + "/" + IdentifierKey.fileName))
        #expect(try Self.permissions(directory.ledger) == 0o700)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.ledger)
        #expect(names.count >= 7, "\(names)")
        for name in names {
            #expect(try Self.permissions(directory.ledger + "/" + name) == 0o600, "\(name)")
        }
        // The temporary directories the tests make are private too.
        #expect(try Self.permissions(directory.path) == 0o700)
    }
}
