import Foundation
import Logging
public import PersonalDataLedger
import PostgresNIO

extension PostgresLedgerStore: LedgerCatalogStore {
    /// The ledger's catalog, kept as the `catalog` row of the schema's `meta` table in its JSON
    /// form (schema `pdl.catalog`, `Documentation/Catalog.md`); `nil` when none was saved.
    ///
    /// - Throws: ``LedgerStoreError`` `corrupted` when the saved catalog is not valid: the
    ///   ledger is never read with the default catalog in its place.
    public func loadCatalog() async throws -> Catalog? {
        let bytes: [UInt8]? = try await PostgresErrors.translating {
            try await client.withConnection { connection in
                let rows = try await connection.rows(
                    "SELECT value FROM \(unescaped: schema.name).meta WHERE name = 'catalog'", logger: logger)
                return try rows.first.map { Array(buffer: try $0.decode(ByteBuffer.self)) }
            }
        }
        guard let bytes else { return nil }
        do {
            return try Catalog(jsonData: Data(bytes))
        } catch {
            throw LedgerStoreError.corrupted(
                "The catalog of schema '\(schema.name)' is not valid: \(error) Set it again with pdl-postgres catalog set FILE."
            )
        }
    }

    /// Saves `catalog` as the `catalog` row of the `meta` table, in one statement.
    public func saveCatalog(_ catalog: Catalog) async throws {
        try catalog.validate()
        let value = ByteBuffer(bytes: Array(try catalog.jsonData()))
        _ = try await PostgresErrors.translating {
            try await client.withConnection { connection in
                try await connection.run(
                    """
                    INSERT INTO \(unescaped: schema.name).meta VALUES ('catalog', \(value))
                    ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value
                    """, logger: logger)
            }
        }
    }
}
