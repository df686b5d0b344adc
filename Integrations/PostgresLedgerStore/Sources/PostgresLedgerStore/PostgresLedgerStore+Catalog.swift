import Foundation
public import PersonalDataLedger

extension PostgresLedgerStore: LedgerCatalogStore {
    /// The ledger's catalog, kept as the `catalog` row of the schema's `meta` table in its JSON
    /// form (schema `pdl.catalog`, `Documentation/Catalog.md`); `nil` when none was saved.
    ///
    /// - Throws: ``LedgerStoreError`` `corrupted` when the saved catalog is not valid: the
    ///   ledger is never read with the default catalog in its place.
    public func loadCatalog() async throws -> Catalog? {
        guard let bytes = try await metaValue(named: "catalog") else { return nil }
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
        try await setMetaValue(Array(try catalog.jsonData()), named: "catalog")
    }
}
