import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl export`: all facts as JSON lines, consent records, or a person's portable copy.
enum ExportCommand: Command {
    static let declaration = CommandDeclaration(
        name: "export",
        abstract: "Export all facts (JSON lines), consent records (ISO/IEC TS 27560) or a portable copy.",
        discussion: """
            Formats (all documented in Documentation/ExportFormats.md):
              jsonl        Every fact, one JSON object per line after a header line with the
                           format, its version and the integrity head, each with the salts and
                           commitments of the hash chain: 'pdl import' into an empty ledger
                           rebuilds the same chain and head. Holds personal values in clear and
                           their salts (which confirm a guessed value): treat the file as
                           personal data. Nothing erased is in it, only its commitment.
              consents     Consent records shaped after ISO/IEC TS 27560, with W3C DPV IRIs:
                           everyone's, or SUBJECT's with --subject.
              portability  SUBJECT's portable copy (GDPR Art. 20): the access report's JSON with
                           every value shown in full. Producing it is recorded in the ledger.
            """,
        options: [
            .store, .format(["jsonl", "consents", "portability"], help: "What to export."),
            OptionDeclaration(
                "subject", .value, valueName: "SUBJECT",
                help: "Whose consents or portable copy (required for portability)."),
            .output("Write to FILE (created readable by its owner only) instead of standard output."),
            OptionDeclaration(
                "requested-by", .value, valueName: "A", help: "Who asks, for portability's accountability record.",
                default: "dpo"),
        ] + OptionDeclaration.progress,
        examples: [
            "pdl export --output facts.jsonl",
            "pdl export --format consents --subject customer:10001",
            "pdl export --format portability --subject customer:10001 --output kari.json",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let format = try parsed.choice("format", in: ["jsonl", "consents", "portability"], default: "jsonl")
        let subject = parsed.options["subject"].map { SubjectID($0) }
        if format == "jsonl", subject != nil {
            throw UsageError(
                "--subject does not apply to jsonl, which exports the whole ledger. Use --format consents or portability, or 'pdl report'."
            )
        }
        if format == "portability", subject == nil {
            throw UsageError("--format portability needs --subject.")
        }
        let ledger = try await context.openLedger(parsed, actor: "pdl", readOnly: format != "portability")
        let sink = try OutputSink(path: parsed.options["output"])
        do {
            switch format {
            case "jsonl":
                let progress = try await ProgressLine.scanning("Export", ledger, parsed)
                let header: FactExportHeader
                do {
                    defer { progress?.finish() }
                    header = try await ledger.exportFacts(progress: progress?.scanCallback) { try sink.write($0) }
                }
                if parsed.options["output"] != nil {
                    writeError("Exported \(header.integrityHead.count) facts; head \(header.integrityHead.hash).")
                }
            case "consents":
                let progress = subject == nil ? try await ProgressLine.scanning("Export", ledger, parsed) : nil
                defer { progress?.finish() }
                try sink.write(
                    try await ledger.consentRecords(for: subject, progress: progress?.scanCallback).jsonData())
                try sink.write("\n")
            default:
                let copy = try await ledger.issuePortableCopy(
                    of: subject!, requestedBy: ActorID(parsed.options["requested-by"] ?? "dpo"))
                try sink.write(try copy.jsonData())
                try sink.write("\n")
            }
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
    }
}
