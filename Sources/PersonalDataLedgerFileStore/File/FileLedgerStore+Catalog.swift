public import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension FileLedgerStore: LedgerCatalogStore {
    /// The catalog file's name in the ledger directory.
    public static let catalogFileName = "catalog.json"

    /// The catalog in `DIR/catalog.json`, or `nil` when the ledger has none (programs then use
    /// ``Catalog/focusNordic``).
    ///
    /// The file is read without following a symbolic link; a catalog that is not valid is
    /// refused (``LedgerStoreError/Code-swift.struct/corrupted``, with the line and column at
    /// fault), never replaced by the default.
    public func loadCatalog() async throws -> Catalog? {
        try state.withLock { try $0.checkUsable(for: mode, writing: false) }
        let bytes: [UInt8]?
        do { bytes = try directory.read(Self.catalogFileName) } catch {
            throw LedgerStoreError.opening(error, Self.catalogFileName, in: directory.path)
        }
        guard let bytes else { return nil }
        do {
            return try Catalog(jsonData: Data(bytes))
        } catch {
            throw LedgerStoreError(
                .corrupted,
                "\(directory.file(Self.catalogFileName)) is not a valid catalog: \(error) Restore it from a backup, or set it again with pdl catalog set FILE."
            )
        }
    }

    /// Replaces `DIR/catalog.json` (mode 0600) with `catalog`, atomically: a temporary file made
    /// with `O_EXCL` and without following links, synced, renamed, and the directory synced. Two
    /// processes saving at once: the last one wins whole. Refused on a read-only store.
    public func saveCatalog(_ catalog: Catalog) async throws {
        try state.withLock { try $0.checkUsable(for: mode, writing: true) }
        try catalog.validate()
        let bytes = Array(try catalog.jsonData()) + [0x0A]
        do { try directory.replace(Self.catalogFileName, with: bytes) } catch {
            throw LedgerStoreError.io(error, "writing", directory.file(Self.catalogFileName))
        }
    }
}
