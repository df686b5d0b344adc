import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
import Foundation
import PersonalDataLedger

/// `pdl ropa`: the record of processing activities.
enum RopaCommand: Command {
    static let name = "ropa"
    static let summary = "Print the record of processing activities (GDPR Art. 30), declared vs observed."
    static let help = """
        Usage: pdl ropa [--format markdown|json|csv] [--language en|nb] [--output FILE] [--store DIR]

        Prints the record of processing activities: the controller and its contact, every
        purpose with the categories of subjects and data it declares, its legal bases and
        erasure time limit, the recipients, transfers to third countries, and the security
        measures — and, beside each purpose, what the ledger's facts show was actually
        recorded (categories, systems, bases, numbers of subjects and holdings). The
        differences are listed: categories recorded that a purpose does not declare, bases it
        does not allow, purposes declared but never used. No personal values.

        Options:
        \(storeOptionHelp)
          --format FORMAT     markdown (default), json (schema pdl.record-of-processing,
                              Documentation/ExportFormats.md) or csv (RFC 4180, one row per
                              purpose and category).
          --language LANG     en (default) or nb, for markdown and csv labels.
          --output FILE       Write to FILE instead of standard output.

        \(exitStatusHelp)

        Example:
          pdl ropa --format csv --output ropa.csv
        """

    static func run(_ arguments: [String]) async throws {
        let parsed = try ParsedArguments(arguments, options: ["store", "format", "language", "output"], flags: [])
        guard parsed.positionals.isEmpty else { throw UsageError("pdl ropa takes no arguments.") }
        let format = try parsed.choice("format", in: ["markdown", "json", "csv"], default: "markdown")
        let language = Language(rawValue: try parsed.choice("language", in: ["en", "nb"], default: "en"))!
        let ledger = try await StoreLocation(parsed).openLedger(actor: "pdl", readOnly: true)
        let record = try await ledger.recordOfProcessing()
        let sink = try OutputSink(path: parsed.options["output"])
        do {
            switch format {
            case "json":
                try sink.write(try record.jsonData())
                try sink.write("\n")
            case "csv": try sink.write(record.csv(in: language))
            default: try sink.write(record.markdown(in: language))
            }
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
    }
}
