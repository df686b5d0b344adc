import Foundation
import Logging
public import PersonalDataLedger
import PostgresNIO

extension PostgresLedgerStore: LedgerSettingsStore {
    /// The ledger's settings, kept as the `settings` row of the schema's `meta` table in their
    /// JSON form (schema `pdl.settings`, `Documentation/Settings.md`); `nil` when none were saved.
    ///
    /// - Throws: ``LedgerStoreError`` `corrupted` when the saved settings are not valid: the
    ///   ledger never silently counts with defaults in their place.
    public func loadSettings() async throws -> LedgerSettings? {
        let bytes: [UInt8]? = try await PostgresErrors.translating {
            try await client.withConnection { connection in
                let rows = try await connection.rows(
                    "SELECT value FROM \(unescaped: schema.name).meta WHERE name = 'settings'", logger: logger)
                return try rows.first.map { Array(buffer: try $0.decode(ByteBuffer.self)) }
            }
        }
        guard let bytes else { return nil }
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
        let value = ByteBuffer(bytes: Array(try settings.jsonData()))
        _ = try await PostgresErrors.translating {
            try await client.withConnection { connection in
                try await connection.run(
                    """
                    INSERT INTO \(unescaped: schema.name).meta VALUES ('settings', \(value))
                    ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value
                    """, logger: logger)
            }
        }
    }
}
