import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// The catalog file: private, replaced atomically, never read or written through a link, and
/// never replaced by the default catalog when it is damaged.
@Suite struct FileLedgerStoreCatalogTests {
    static var extended: Catalog {
        var catalog = Catalog.focusNordic
        catalog.add(SystemDefinition("crm", label: [.english: "Customer relationship management"]))
        return catalog
    }

    @Test func theCatalogIsSavedPrivatelyAndReadBack() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        #expect(try await store.loadCatalog() == nil)
        try await store.saveCatalog(Self.extended)
        #expect(try await store.loadCatalog() == Self.extended)
        let file = directory.ledger + "/" + FileLedgerStore.catalogFileName
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(!FileManager.default.fileExists(atPath: file + ".tmp"))
        try await store.close()
        let reader = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        #expect(try await reader.loadCatalog() == Self.extended)
        await #expect(throws: LedgerStoreError.self) { try await reader.saveCatalog(.focusNordic) }
        try await reader.close()
    }

    @Test func aDamagedCatalogIsRefusedWithItsPlaceNotReplacedByTheDefault() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        FileStoreTesting.write(
            Array("{\n  \"schema\": \"pdl.catalog\",\n  \"schemaVersion\": 1\n}\n".utf8),
            to: directory.ledger + "/catalog.json")
        do {
            _ = try await store.loadCatalog()
            Issue.record("a damaged catalog was read")
        } catch let error as LedgerStoreError {
            #expect(error.code == .corrupted)
            #expect(
                error.message.contains("catalog.json is not a valid catalog: 1:1: refused (missingKey) at controller"))
        }
        await #expect(throws: LedgerStoreError.self) { _ = try await Ledger.catalog(keptIn: store) }
        try await store.close()
    }

    @Test(arguments: [false, true])
    func aLinkedCatalogFileIsRefusedAndNeverWrittenThrough(dangling: Bool) async throws {
        let directory = try await FileLedgerStoreSymlinkTests.ledger()
        let outside = try FileLedgerStoreSymlinkTests.plantLink("catalog.json", in: directory, dangling: dangling)
        let store = try FileStoreTesting.open(directory.ledger)
        await #expect(throws: LedgerStoreError.self) { _ = try await store.loadCatalog() }
        try await store.saveCatalog(Self.extended)
        FileLedgerStoreSymlinkTests.expectUntouched(outside, dangling: dangling)
        #expect(try await store.loadCatalog() == Self.extended)
        try await store.close()
    }
}
