import Foundation
public import PersonalDataLedger

extension PostgresLedgerStore: LedgerSettingsStore {
    /// The ledger's settings, kept as the `settings` row of the schema's `meta` table in their
    /// JSON form (schema `pdl.settings`, `Documentation/Settings.md`); `nil` when none were saved.
    ///
    /// - Throws: ``LedgerStoreError`` `corrupted` when the saved settings are not valid: the
    ///   ledger never silently counts with defaults in their place.
    public func loadSettings() async throws -> LedgerSettings? {
        guard let bytes = try await metaValue(named: "settings") else { return nil }
        do {
            return try LedgerSettings(jsonData: Data(bytes))
        } catch {
            throw LedgerStoreError.corrupted(
                "The settings of schema '\(schema.name)' are not valid: \(error.message) Fix them with pdl-postgres settings set."
            )
        }
    }

    /// Saves `settings` as the `settings` row of the `meta` table, in one statement.
    public func saveSettings(_ settings: LedgerSettings) async throws {
        try settings.validate()
        try await setMetaValue(Array(try settings.jsonData()), named: "settings")
    }
}
