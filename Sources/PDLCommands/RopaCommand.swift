import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl ropa`: the record of processing activities.
enum RopaCommand: Command {
    static let declaration = CommandDeclaration(
        name: "ropa",
        abstract: "Print the record of processing activities (GDPR Art. 30), declared vs observed.",
        discussion: """
            Prints the record of processing activities: the controller and its contact, every
            purpose with the categories of subjects and data it declares, its legal bases and
            erasure time limit, the recipients, transfers to third countries, and the security
            measures — and, beside each purpose, what the ledger's facts show was actually
            recorded (categories, systems, bases, numbers of subjects and holdings). The
            differences are listed: categories recorded that a purpose does not declare, bases it
            does not allow, purposes declared but never used. No personal values.
            """,
        options: [
            .store,
            .format(
                ["markdown", "json", "csv"],
                help: "markdown, json (schema pdl.record-of-processing, Documentation/ExportFormats.md) or csv "
                    + "(RFC 4180, one row per purpose and category)."),
            .language("The language of markdown and csv labels: \(ReportOutput.languageList)."), .delimiter, .output(),
        ] + OptionDeclaration.progress,
        examples: [
            "pdl ropa --format csv --output ropa.csv"
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let format = try parsed.choice("format", in: ["markdown", "json", "csv"], default: "markdown")
        let language = try reportLanguage(parsed)
        let ledger = try await context.openLedger(parsed, actor: "pdl", readOnly: true)
        let progress = try await ProgressLine.scanning("Record of processing", ledger, parsed)
        let record: RecordOfProcessing
        do {
            defer { progress?.finish() }
            record = try await ledger.recordOfProcessing(progress: progress?.scanCallback)
        }
        let sink = try OutputSink(path: parsed.options["output"])
        do {
            switch format {
            case "json":
                try sink.write(try record.jsonData())
                try sink.write("\n")
            case "csv": try sink.write(record.csv(in: language, dialect: try csvDialect(parsed)))
            default: try sink.write(record.markdown(in: language))
            }
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
    }
}
