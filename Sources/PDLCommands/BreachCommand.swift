import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl breach`: who and what a breach of some systems during a window may have touched.
enum BreachCommand: Command {
    static let declaration = CommandDeclaration(
        name: "breach",
        abstract: "Assess a breach (GDPR Art. 33/34): subjects, categories and recipients of systems.",
        discussion: """
            Lists what the systems held during the window: the subjects (by identifier) and the
            categories, how many subjects had data of high sensitivity (national ID numbers,
            bank accounts), and the recipients that had access — standing access grants on the
            systems in force during the window, and disclosures of those subjects' data made in
            it. A holding counts when it was recorded by the end of the window and not erased
            before its start. Counts and identifiers only: never a value.
            """,
        options: [
            .store,
            OptionDeclaration(
                "system", .repeatedValue, valueName: "S",
                help: "A breached system; repeat it, or separate with commas.", isRequired: true),
            OptionDeclaration(
                "from", .value, valueName: "DATE",
                help: "The window's start: 2026-03-01 (start of the day, UTC) or 2026-03-01T10:00:00Z.",
                isRequired: true),
            OptionDeclaration(
                "to", .value, valueName: "DATE", help: "The window's end: 2026-03-05 (end of the day, UTC) or a time.",
                isRequired: true),
            .format(
                ["text", "json"], help: "text or json (schema pdl.breach-impact, Documentation/ExportFormats.md)."),
            .language("The language of the text: \(ReportOutput.languageList)."),
        ] + OptionDeclaration.progress,
        examples: [
            "pdl breach --system webshop.orders --from 2026-03-01 --to 2026-03-05 --format json"
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let systems = parsed.values("system").map { SystemID($0) }
        guard !systems.isEmpty else { throw UsageError("pdl breach needs at least one --system.") }
        guard let fromText = parsed.options["from"], let toText = parsed.options["to"] else {
            throw UsageError("pdl breach needs --from and --to.")
        }
        let fromDay = try CommandLineDate(fromText, option: "from")
        let toDay = try CommandLineDate(toText, option: "to", endOfDay: true)
        let format = try parsed.choice("format", in: ["text", "json"], default: "text")
        let language = try reportLanguage(parsed)
        let ledger = try await context.openLedger(parsed, actor: "pdl", readOnly: true)
        let from = try fromDay.date(in: localTimeZone(of: ledger))
        let to = try toDay.date(in: localTimeZone(of: ledger))
        let progress = try await ProgressLine.scanning("Breach", ledger, parsed)
        let impact: BreachImpact
        do {
            defer { progress?.finish() }
            impact = try await ledger.breachImpact(
                systems: systems, from: from, to: to, progress: progress?.scanCallback)
        }
        if format == "json" {
            FileHandle.standardOutput.write(try impact.jsonData())
            print()
        } else {
            print(impact.plainText(in: language, country: ledger.region), terminator: "")
        }
    }
}
