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

            --default-country C saves C (NO, SE, DK or FI) as the country of holdings that name
            none, and its time zone (Europe/Oslo, Europe/Stockholm, Europe/Copenhagen,
            Europe/Helsinki) as the one retention days are counted in, unless --time-zone names
            another. Without them the ledger counts with the defaults: Norway, UTC. Change them
            later with 'pdl settings set'.
            """,
        options: [
            .store,
            .jsonFormat("pdl.init"),
            OptionDeclaration(
                "catalog", .value, valueName: "FILE",
                help: "The catalog the ledger is recorded under (default: Focus Nordic's)."),
            OptionDeclaration(
                "default-country", .value, valueName: "C",
                help: "The ledger's country, NO, SE, DK or FI, and with it its time zone (default: NO, UTC).",
                choices: ["NO", "SE", "DK", "FI"]),
            OptionDeclaration(
                "time-zone", .value, valueName: "TZ",
                help: "The IANA time zone retention days are counted in (default: the country's)."),
        ],
        examples: [
            "pdl init --store /var/lib/focus-nordic/ledger",
            "pdl init --store /var/lib/focus-nordic-ab/ledger --default-country SE",
            "pdl init --store /var/lib/webshop/ledger --catalog webshop-catalog.json",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        // Read and checked first: a refused catalog creates nothing.
        let catalog = try parsed.options["catalog"].map(CatalogCommand.read)
        let settings = try initialSettings(parsed)
        // The opener creates the ledger (for the file store: the directory and its parents).
        let json = try wantsJSON(parsed)
        let location = context.storeLocation(parsed)
        let ledger = try await context.openLedger(parsed, actor: "pdl", creating: true, catalog: catalog)
        let head = try await ledger.store.integrityHead()
        if head.count == 0, catalog != nil { try await ledger.storeCatalog() }
        if head.count == 0, let settings {
            guard let settingsStore = ledger.store as? any LedgerSettingsStore else {
                throw UsageError("This ledger's store keeps no settings; it counts with the defaults.")
            }
            try await settingsStore.saveSettings(settings)
        }
        if json {
            return try CommandOutput("pdl.init", InitOutput(created: head.count == 0, integrityHead: head)).print()
        }
        if head.count == 0 {
            let counting = settings.map {
                " It counts in \($0.defaultRegion) (retention days in \($0.retention.timeZone.identifier))."
            }
            if let catalog, let path = parsed.options["catalog"] {
                print(
                    "Created an empty ledger in \(location), recorded under the catalog \(path) (\(CatalogCommand.counts(catalog)))."
                        + (counting ?? ""))
            } else {
                print("Created an empty ledger in \(location)." + (counting ?? ""))
            }
        } else {
            print(
                "\(location) already holds a ledger with \(head.count) facts; nothing changed."
                    + (catalog == nil ? "" : " To change its catalog: pdl catalog set FILE.")
                    + (settings == nil ? "" : " To change its settings: pdl settings set."))
        }
    }

    /// The settings `--default-country` and `--time-zone` ask for, checked before anything is
    /// created; `nil` when neither is given. The country brings its own time zone.
    private static func initialSettings(_ parsed: ParsedArguments) throws -> LedgerSettings? {
        guard parsed.options["default-country"] != nil || parsed.options["time-zone"] != nil else { return nil }
        var change = try SettingsChange(parsed)
        if change.timeZone == nil { change.timeZone = change.defaultCountry?.timeZone }
        var settings = LedgerSettings.defaults
        try change.apply(to: &settings)
        try settings.validate()
        return settings
    }

    /// What `pdl init --format json` prints (schema `pdl.init`). The location is left out: a
    /// URL may hold a password.
    struct InitOutput: Codable {
        /// Whether the ledger was created now (`false`: it existed, and nothing changed).
        var created: Bool
        var integrityHead: IntegrityHead
    }
}
