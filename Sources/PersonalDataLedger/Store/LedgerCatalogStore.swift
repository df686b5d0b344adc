/// A store that keeps the catalog a ledger is recorded under with its facts, so every program
/// that opens the ledger — each service, `pdl` — reads, validates and labels it with the same
/// vocabulary.
///
/// The catalog is not a fact: changing it appends nothing to the chain. Keep it with
/// ``Ledger/storeCatalog()``, which first checks that every recorded fact is valid under it;
/// ``saveCatalog(_:)`` itself checks only the catalog.
public protocol LedgerCatalogStore: LedgerStore {
    /// The catalog saved in the ledger, or `nil` when none was saved (programs then use
    /// ``Catalog/focusNordic``, as before catalogs were kept).
    ///
    /// - Throws: ``LedgerStoreError`` when the saved catalog cannot be read or is not valid: a
    ///   ledger must never be read with another vocabulary than its own.
    func loadCatalog() async throws -> Catalog?

    /// Saves `catalog` (valid: ``Catalog/validate()``) in place of the ledger's catalog,
    /// atomically and durably.
    func saveCatalog(_ catalog: Catalog) async throws
}
