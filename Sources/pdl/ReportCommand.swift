import Foundation
import PersonalDataLedger

/// `pdl report SUBJECT`: the access report for one person.
enum ReportCommand: Command {
    static let name = "report"
    static let summary = "Print the access report (GDPR Art. 15) for a subject."
    static let help = """
        Usage: pdl report SUBJECT [--store DIR] [--format text|json] [--language en|nb]
                                  [--reveal] [--requested-by ACTOR]

        Prints everything held about SUBJECT (and identifiers linked to it): each category,
        where, why, under which basis, from which source, since when, the retention rule;
        every recipient, by disclosure or by standing access to a system; the consent
        history. Producing the report is itself recorded in the ledger.

        Options:
        \(storeOptionHelp)
          --format FORMAT       text (default) or json (schema: Documentation/AccessReportSchema.md).
          --language LANG       en (default) or nb (Norwegian Bokmål), for text.
          --reveal              Show national ID numbers and bank accounts in full (masked by default).
          --requested-by ACTOR  Who asks, for the accountability record (default: dpo).

        Example:
          pdl report customer:10001 --format json > kari.json
        """

    static func run(_ arguments: [String]) async throws {
        let parsed = try ParsedArguments(
            arguments, options: ["store", "format", "language", "requested-by"], flags: ["reveal"])
        guard parsed.positionals.count == 1 else {
            throw UsageError("pdl report takes exactly one SUBJECT, such as customer:10001.")
        }
        let output = try ReportOutput(parsed)
        let ledger = try await StoreLocation(parsed).openLedger(actor: "pdl")
        let report = try await ledger.report(
            for: SubjectID(parsed.positionals[0]), requestedBy: ActorID(parsed.options["requested-by"] ?? "dpo"),
            revealing: parsed.flags.contains("reveal"))
        try output.write(report)
    }
}

/// How a report is printed: `--format` and `--language`.
struct ReportOutput {
    let json: Bool
    let language: ReportLanguage

    init(_ parsed: ParsedArguments) throws(UsageError) {
        json = try parsed.choice("format", in: ["text", "json"], default: "text") == "json"
        language = ReportLanguage(rawValue: try parsed.choice("language", in: ["en", "nb"], default: "en"))!
    }

    func write(_ report: AccessReport) throws {
        if json {
            FileHandle.standardOutput.write(try report.jsonData())
            print()
        } else {
            print(report.plainText(in: language), terminator: "")
        }
    }
}
