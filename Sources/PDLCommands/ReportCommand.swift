import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl report SUBJECT`: the access report for one person.
enum ReportCommand: Command {
    static let declaration = CommandDeclaration(
        name: "report",
        abstract: "Print the access report (GDPR Art. 15) for a subject.",
        discussion: """
            Prints everything held about SUBJECT (and identifiers linked to it): each category,
            where, why, under which basis, from which source, since when, the retention rule;
            every recipient, by disclosure or by standing access to a system; the consent
            history with policy versions; restrictions, objections, erasures, open requests
            and their deadlines; and the person's rights. Producing the report is itself
            recorded in the ledger.

            --format html writes a self-contained letter to the person (no external files,
            prints on A4); --format markdown the same letter in Markdown.
            """,
        arguments: [ArgumentDeclaration("SUBJECT", help: "Whose report, such as customer:10001.")],
        options: [
            .store,
            .format(
                ["text", "json", "markdown", "html"],
                help: "text, json (schema: Documentation/AccessReportSchema.md; also the portable copy, GDPR Art. "
                    + "20), markdown or html."),
            .language("en or nb (Norwegian Bokmål), for text, markdown and html."),
            OptionDeclaration(
                "reveal", .flag, help: "Show national ID numbers and bank accounts in full (masked by default)."),
            OptionDeclaration(
                "requested-by", .value, valueName: "ACTOR", help: "Who asks, for the accountability record.",
                default: "dpo"),
        ],
        examples: [
            "pdl report customer:10001 --format json > kari.json",
            "pdl report customer:10001 --format html --language nb > kari-innsyn.html",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let output = try ReportOutput(parsed)
        let ledger = try await context.openLedger(parsed, actor: "pdl")
        try await UnknownSubjectWarning.warnIfUnknown(SubjectID(parsed.positionals[0]), in: ledger)
        let report = try await ledger.issueReport(
            for: SubjectID(parsed.positionals[0]), requestedBy: ActorID(parsed.options["requested-by"] ?? "dpo"),
            revealing: parsed.flags.contains("reveal"))
        try output.write(report, catalog: ledger.catalog)
    }
}

/// How a report is printed: `--format` and `--language`.
struct ReportOutput {
    /// The output formats of an access report.
    enum Format: String, CaseIterable {
        case text, json, markdown, html
    }

    let format: Format
    let language: Language

    init(_ parsed: ParsedArguments) throws(UsageError) {
        format = Format(
            rawValue: try parsed.choice("format", in: Format.allCases.map(\.rawValue), default: "text"))!
        language = Language(rawValue: try parsed.choice("language", in: ["en", "nb"], default: "en"))!
    }

    func write(_ report: AccessReport, catalog: Catalog? = nil) throws {
        switch format {
        case .json:
            FileHandle.standardOutput.write(try report.jsonData())
            print()
        case .text: print(report.plainText(in: language), terminator: "")
        case .markdown: print(report.markdown(in: language, catalog: catalog), terminator: "")
        case .html: print(report.htmlLetter(in: language, catalog: catalog), terminator: "")
        }
    }
}
