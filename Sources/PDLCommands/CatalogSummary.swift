import PersonalDataLedger

/// What `pdl catalog check --format json` (schema `pdl.catalog-check`) and `pdl catalog set
/// --format json` (schema `pdl.catalog-set`) print: the catalog's size, and the notes of `check`
/// or the changes of `set`. A refused catalog prints nothing on standard output.
struct CatalogSummary: Codable {
    var schemaVersionOfCatalog: Int
    var categories: Int
    var purposes: Int
    var systems: Int
    var recipients: Int
    var occasions: Int
    /// `check`: the labels that lack a letter language, and terms of one's own without a label.
    var notes: [String]?
    /// `set`: what changed from the catalog the ledger had, term by term.
    var changes: [String]?

    init(_ catalog: Catalog, notes: [String]? = nil, changes: [String]? = nil) {
        schemaVersionOfCatalog = Catalog.currentSchemaVersion
        categories = catalog.categories.count
        purposes = catalog.purposes.count
        systems = catalog.systems.count
        recipients = catalog.recipients.count
        occasions = catalog.occasions.count
        self.notes = notes
        self.changes = changes
    }
}
