import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// The settings file: private, replaced atomically, never read or written through a link.
@Suite struct FileLedgerStoreSettingsTests {
    @Test func settingsAreSavedPrivatelyAndReadBack() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        #expect(try await store.loadSettings() == nil)
        let settings = LedgerSettings(defaultRegion: .denmark)
        try await store.saveSettings(settings)
        #expect(try await store.loadSettings() == settings)
        let file = directory.ledger + "/" + FileLedgerStore.settingsFileName
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(!FileManager.default.fileExists(atPath: file + ".tmp"))
        try await store.close()
        let reader = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        #expect(try await reader.loadSettings() == settings)
        await #expect(throws: LedgerStoreError.self) { try await reader.saveSettings(.defaults) }
        try await reader.close()
    }

    @Test func damagedSettingsAreRefusedNotReplacedByDefaults() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        FileStoreTesting.write(Array("{\"schema\":\"pdl.settings\"}".utf8), to: directory.ledger + "/settings.json")
        do {
            _ = try await store.loadSettings()
            Issue.record("damaged settings were read")
        } catch let error as LedgerStoreError {
            #expect(error.code == .corrupted)
            #expect(error.message.contains("settings.json"))
        }
        try await store.close()
    }

    @Test(arguments: [false, true])
    func aLinkedSettingsFileIsRefusedAndNeverWrittenThrough(dangling: Bool) async throws {
        let directory = try await FileLedgerStoreSymlinkTests.ledger()
        let outside = try FileLedgerStoreSymlinkTests.plantLink("settings.json", in: directory, dangling: dangling)
        let store = try FileStoreTesting.open(directory.ledger)
        await #expect(throws: LedgerStoreError.self) { _ = try await store.loadSettings() }
        try await store.saveSettings(LedgerSettings(defaultRegion: .sweden))
        FileLedgerStoreSymlinkTests.expectUntouched(outside, dangling: dangling)
        #expect(try await store.loadSettings()?.defaultRegion == .sweden)
        try await store.close()
    }
}
