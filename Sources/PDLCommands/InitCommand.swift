import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl init`: creates an empty ledger directory.
enum InitCommand: Command {
    static let declaration = CommandDeclaration(
        name: "init",
        abstract: "Create an empty ledger directory.",
        discussion: """
            Creates the ledger directory DIR (and its parents) and an empty ledger in it. Running
            it on an existing ledger changes nothing and says how many facts it holds.

            --catalog FILE keeps FILE (JSON, schema pdl.catalog: Documentation/Catalog.md) as the
            catalog the ledger is recorded under; it is checked before anything is created, and
            a refused one creates nothing. Without it the ledger is read with Focus Nordic's
            catalog. Change it later with 'pdl catalog set FILE'.
            """,
        options: [
            .store,
            .jsonFormat("pdl.init"),
            OptionDeclaration(
                "catalog", .value, valueName: "FILE",
                help: "The catalog the ledger is recorded under (default: Focus Nordic's)."),
        ],
        examples: [
            "pdl init --store /var/lib/focus-nordic/ledger",
            "pdl init --store /var/lib/webshop/ledger --catalog webshop-catalog.json",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        // Read and checked first: a refused catalog creates nothing.
        let catalog = try parsed.options["catalog"].map(CatalogCommand.read)
        // The opener creates the ledger (for the file store: the directory and its parents).
        let json = try wantsJSON(parsed)
        let location = context.storeLocation(parsed)
        let ledger = try await context.openLedger(parsed, actor: "pdl", creating: true, catalog: catalog)
        let head = try await ledger.store.integrityHead()
        if head.count == 0, catalog != nil { try await ledger.storeCatalog() }
        if json {
            return try CommandOutput("pdl.init", InitOutput(created: head.count == 0, integrityHead: head)).print()
        }
        if head.count == 0 {
            if let catalog, let path = parsed.options["catalog"] {
                print(
                    "Created an empty ledger in \(location), recorded under the catalog \(path) (\(CatalogCommand.counts(catalog)))."
                )
            } else {
                print("Created an empty ledger in \(location).")
            }
        } else {
            print(
                "\(location) already holds a ledger with \(head.count) facts; nothing changed."
                    + (catalog == nil ? "" : " To change its catalog: pdl catalog set FILE."))
        }
    }

    /// What `pdl init --format json` prints (schema `pdl.init`). The location is left out: a
    /// URL may hold a password.
    struct InitOutput: Codable {
        /// Whether the ledger was created now (`false`: it existed, and nothing changed).
        var created: Bool
        var integrityHead: IntegrityHead
    }
}
