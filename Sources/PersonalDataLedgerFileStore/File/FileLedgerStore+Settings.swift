public import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension FileLedgerStore: LedgerSettingsStore {
    /// The settings file's name in the ledger directory.
    public static let settingsFileName = "settings.json"

    /// The settings in `DIR/settings.json`, or `nil` when the ledger has none (the defaults apply).
    ///
    /// The file is read without following a symbolic link; settings that are not valid are
    /// refused (``LedgerStoreError/Code-swift.struct/corrupted``), never replaced by defaults.
    public func loadSettings() async throws -> LedgerSettings? {
        try state.withLock { try $0.checkUsable(for: mode, writing: false) }
        let bytes: [UInt8]?
        do { bytes = try directory.read(Self.settingsFileName) } catch {
            throw LedgerStoreError.opening(error, Self.settingsFileName, in: directory.path)
        }
        guard let bytes else { return nil }
        do {
            return try LedgerSettings(jsonData: Data(bytes))
        } catch {
            throw LedgerStoreError(
                .corrupted,
                "\(directory.file(Self.settingsFileName)) is not valid: \(error.message) Fix it with pdl settings set, or restore it from a backup."
            )
        }
    }

    /// Replaces `DIR/settings.json` (mode 0600) with `settings`, atomically: a temporary file
    /// made without following links, synced, renamed, and the directory synced. Two processes
    /// saving at once: the last one wins whole. Refused on a read-only store.
    public func saveSettings(_ settings: LedgerSettings) async throws {
        try state.withLock { try $0.checkUsable(for: mode, writing: true) }
        try settings.validate()
        let bytes = Array(try settings.jsonData()) + [0x0A]
        do { try directory.replace(Self.settingsFileName, with: bytes) } catch {
            throw LedgerStoreError.io(error, "writing", directory.file(Self.settingsFileName))
        }
    }
}
