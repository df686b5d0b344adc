import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// A symbolic link planted where a ledger file should be is never followed: the store refuses
/// it naming the file, and nothing outside the directory is read as the ledger's or written.
@Suite struct FileLedgerStoreSymlinkTests {
    static let outsideBytes = Array("a file outside the ledger\n".utf8)

    /// A closed ledger with one fact, so every file exists: LOCK, the segment, both vaults,
    /// INDEX and CHECKPOINT.
    static func ledger() async throws -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        _ = try await store.append([FileStoreTesting.holding("customer:1")])
        try await store.close()
        return directory
    }

    /// Replaces `name` in the ledger by a link to a file outside it (which exists unless
    /// `dangling`); returns the outside path.
    static func plantLink(_ name: String, in directory: TemporaryDirectory, dangling: Bool) throws -> String {
        let outside = directory.path + "/outside-" + name
        if !dangling { FileStoreTesting.write(outsideBytes, to: outside) }
        let file = directory.ledger + "/" + name
        try? FileManager.default.removeItem(atPath: file)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: outside)
        return outside
    }

    static func expectUntouched(_ outside: String, dangling: Bool) {
        if dangling {
            #expect(!FileManager.default.fileExists(atPath: outside), "a file was created through the link")
        } else {
            #expect(FileStoreTesting.bytes(of: outside) == outsideBytes, "the file outside the ledger was written")
        }
    }

    @Test(
        arguments: ["LOCK", "identities.vault", "values.vault", "INDEX", "CHECKPOINT", "log-0000000001.seg"],
        [false, true])
    func aLinkWhereALedgerFileShouldBeIsRefused(_ name: String, dangling: Bool) async throws {
        let directory = try await Self.ledger()
        let outside = try Self.plantLink(name, in: directory, dangling: dangling)
        let modes: [FileLedgerStore.AccessMode] = name == "LOCK" ? [.readWrite] : [.readWrite, .readOnly]
        for mode in modes {
            var error: (any Error)?
            do { try FileStoreTesting.open(directory.ledger, mode: mode).abandon() } catch let thrown { error = thrown }
            #expect(isStoreError(error, .io, mentioning: name, "symbolic link"), "\(mode)")
        }
        Self.expectUntouched(outside, dangling: dangling)
    }

    @Test(arguments: ["INDEX.tmp", "CHECKPOINT.tmp"], [false, true])
    func aLinkPlantedAsATemporaryFileIsNeverWrittenThrough(_ name: String, dangling: Bool) async throws {
        let directory = try await Self.ledger()
        let outside = try Self.plantLink(name, in: directory, dangling: dangling)
        let store = try FileStoreTesting.open(directory.ledger)
        _ = try await store.append([FileStoreTesting.holding("customer:2")])
        // Closing writes INDEX and CHECKPOINT through their temporary files.
        try await store.close()
        Self.expectUntouched(outside, dangling: dangling)
        for file in ["INDEX", "CHECKPOINT"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: directory.ledger + "/" + file)
            #expect(attributes[.type] as? FileAttributeType == .typeRegular, "\(file)")
        }
        let reopened = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        #expect(try await reopened.integrityHead().count == 2)
        try await reopened.close()
    }

    @Test(arguments: [false, true])
    func aLinkedIdentifierKeyIsRefused(dangling: Bool) throws {
        let directory = TemporaryDirectory()
        let outside = directory.path + "/outside.key"
        if !dangling { FileStoreTesting.write([UInt8](repeating: 0x41, count: IdentifierKey.byteCount), to: outside) }
        let file = directory.path + "/" + IdentifierKey.fileName
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: outside)
        #expect {
            _ = try IdentifierKey.loadOrCreate(at: URL(filePath: file))
        } throws: { error in
            isStoreError(error, .io, mentioning: IdentifierKey.fileName, "symbolic link")
        }
        if dangling {
            #expect(!FileManager.default.fileExists(atPath: outside))
        } else {
            #expect(FileStoreTesting.bytes(of: outside) == [UInt8](repeating: 0x41, count: IdentifierKey.byteCount))
        }
    }
}
