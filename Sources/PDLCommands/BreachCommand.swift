import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
import Foundation
import PersonalDataLedger

/// `pdl breach`: who and what a breach of some systems during a window may have touched.
enum BreachCommand: Command {
    static let name = "breach"
    static let summary = "Assess a breach (GDPR Art. 33/34): subjects, categories and recipients of systems."
    static let help = """
        Usage: pdl breach --system S [--system S2 ...] --from DATE --to DATE
                          [--format text|json] [--language en|nb] [--store DIR]

        Lists what the systems held during the window: the subjects (by identifier) and the
        categories, how many subjects had data of high sensitivity (national ID numbers,
        bank accounts), and the recipients that had access — standing access grants on the
        systems in force during the window, and disclosures of those subjects' data made in
        it. A holding counts when it was recorded by the end of the window and not erased
        before its start. Counts and identifiers only: never a value.

        Options:
        \(storeOptionHelp)
          --system S          A breached system; repeat it, or separate with commas.
          --from DATE         The window's start: 2026-03-01 (start of the day, UTC) or
                              2026-03-01T10:00:00Z.
          --to DATE           The window's end: 2026-03-05 (end of the day, UTC) or a time.
          --format FORMAT     text (default) or json (schema pdl.breach-impact,
                              Documentation/ExportFormats.md).
          --language LANG     en (default) or nb, for text.

        \(exitStatusHelp)

        Example:
          pdl breach --system webshop.orders --from 2026-03-01 --to 2026-03-05 --format json
        """

    static func run(_ arguments: [String]) async throws {
        let parsed = try ParsedArguments(
            arguments, options: ["store", "system", "from", "to", "format", "language"], flags: [])
        guard parsed.positionals.isEmpty else {
            throw UsageError("pdl breach takes no arguments; name systems with --system.")
        }
        let systems = repeatedOption("system", in: arguments).map { SystemID($0) }
        guard !systems.isEmpty else { throw UsageError("pdl breach needs at least one --system.") }
        guard let fromText = parsed.options["from"], let toText = parsed.options["to"] else {
            throw UsageError("pdl breach needs --from and --to.")
        }
        let from = try parseCommandLineDate(fromText, option: "from")
        let to = try parseCommandLineDate(toText, option: "to", endOfDay: true)
        let format = try parsed.choice("format", in: ["text", "json"], default: "text")
        let language = Language(rawValue: try parsed.choice("language", in: ["en", "nb"], default: "en"))!
        let ledger = try await StoreLocation(parsed).openLedger(actor: "pdl", readOnly: true)
        let impact = try await ledger.breachImpact(systems: systems, from: from, to: to)
        if format == "json" {
            FileHandle.standardOutput.write(try impact.jsonData())
            print()
        } else {
            print(impact.plainText(in: language), terminator: "")
        }
    }
}
