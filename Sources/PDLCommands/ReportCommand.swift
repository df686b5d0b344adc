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
            where, why, under which basis, from which source, since when, until when; every
            recipient, by disclosure or by standing access to a system; the consent history
            with policy versions; restrictions, objections, erasures, open requests and their
            deadlines; that no decision is made by automated means alone; and the person's
            rights, with the supervisory authority of their country (--country) and its
            address. Dates are long local dates of that country. Producing the report is itself
            recorded in the ledger: standard error names that fact's number, for 'pdl requests
            close --facts'.

            --format text is for the DPO: it numbers every holding (#12), the number 'pdl
            rectify --holding' and 'pdl erase --holding' take. --format html writes a
            self-contained letter to the person (no external files, prints on A4); --format
            markdown the same letter in Markdown. The letter answers the open access requests
            (or --request ID) and does not list them as open.

            Data whose retention has already ended is not told to the person: the letter
            leaves that end out, and standard error warns, naming the holdings to erase before
            the letter is sent.
            """,
        arguments: [ArgumentDeclaration("SUBJECT", help: "Whose report, such as customer:10001.")],
        options: [
            .store,
            .format(
                ["text", "json", "markdown", "html"],
                help: "text (for the DPO, with holding numbers), json (schema: Documentation/AccessReportSchema.md; "
                    + "also the portable copy, GDPR Art. 20), markdown or html (letters to the person)."),
            .language("The language of text, markdown and html: \(ReportOutput.languageList)."),
            OptionDeclaration(
                "country", .value, valueName: "C",
                help: "The person's country, whose supervisory authority and local time the report uses: NO, SE, DK "
                    + "or FI (default: the person's country: their holdings', else the ledger's default).",
                choices: Region.nordic.map(\.rawValue)),
            OptionDeclaration(
                "request", .value, valueName: "ID",
                help: "The request the report answers (default: the subject's open access requests); not listed as "
                    + "open, and named in the letter's subject line."),
            OptionDeclaration(
                "reveal", .flag, help: "Show national ID numbers and bank accounts in full (masked by default)."),
            OptionDeclaration(
                "requested-by", .value, valueName: "ACTOR", help: "Who asks, for the accountability record.",
                default: "dpo"),
        ],
        examples: [
            "pdl report customer:10001",
            "pdl report customer:10001 --format json > kari.json",
            "pdl report customer:10001 --format html --language nb --request gdpr-2026-0042 > kari-innsyn.html",
            "pdl report customer:20001 --format html --language sv --country SE > svar.html",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let output = try ReportOutput(parsed)
        let subject = SubjectID(parsed.positionals[0])
        let ledger = try await context.openLedger(parsed, actor: "pdl")
        try await UnknownSubjectWarning.warnIfUnknown(subject, in: ledger)
        if let id = output.request {
            try await ensureOpenRequest(id, of: subject, in: ledger)
        }
        let report = try await ledger.issueReport(
            for: subject, requestedBy: ActorID(parsed.options["requested-by"] ?? "dpo"),
            revealing: parsed.flags.contains("reveal"))
        try output.write(report, catalog: ledger.catalog)
        warnOfOverdueData(in: report)
        try await printIssuedFact(of: report, in: ledger, answering: output.request)
    }

    /// Refuses `--request` unless it names an open request of the subject or a linked identifier.
    private static func ensureOpenRequest(_ id: String, of subject: SubjectID, in ledger: Ledger) async throws {
        let request: DataSubjectRequest
        do {
            request = try await ledger.request(id)
        } catch {
            throw UsageError("--request \(id): no such request. List them with 'pdl requests list --all'.")
        }
        guard request.isOpen else {
            throw UsageError("--request \(id) is already closed; the report answers open requests only.")
        }
        let (linked, _) = try await ledger.historyFollowingLinks(from: subject)
        guard linked.contains(request.subject) else {
            throw UsageError(
                "--request \(id) was made by another subject, not by \(subject) or an identifier linked to it.")
        }
    }

    /// Tells the DPO, on standard error, which data is past its retention end: the letter does
    /// not say so to the person, so it must be erased before the letter goes.
    static func warnOfOverdueData(in report: AccessReport) {
        let overdue = report.overdueHoldings
        guard !overdue.isEmpty else { return }
        var lines = [
            "Warning: \(overdue.count) holding(s) of \(report.subject) are past their retention end; the report does "
                + "not tell the person, so erase them before sending it (pdl retention --apply, or pdl erase "
                + "\(report.subject) --holding N):"
        ]
        for item in overdue {
            let end = item.keptUntil?.date.map { describeEnd($0) } ?? ""
            lines.append(
                "  #\(item.sequence) \(item.category) in \(item.system) for \(item.purpose), kept until \(end)")
        }
        writeError(lines.joined(separator: "\n"))
    }

    /// Names, on standard error, the fact that records the report, for `pdl requests close --facts`.
    private static func printIssuedFact(of report: AccessReport, in ledger: Ledger, answering request: String?)
        async throws
    {
        let issued = try await ledger.store.facts(for: .accountability(report.subject)).last { fact in
            if case .reportIssued = fact.body { return fact.recordedAt == report.generatedAt }
            return false
        }
        guard let issued else { return }
        let answered =
            request.map { [$0] } ?? report.openRequests.filter { $0.kind == .access }.map(\.requestID)
        var line = "Recorded the report as fact \(issued.sequence)."
        for id in answered {
            line +=
                "\nWhen it is sent: pdl requests close \(id) --note \"access report sent\" --facts \(issued.sequence)"
        }
        writeError(line)
    }
}

/// How a report is printed: `--format`, `--language`, `--country` and `--request`.
struct ReportOutput {
    /// The output formats of an access report.
    enum Format: String, CaseIterable {
        case text, json, markdown, html
    }

    /// The languages `--language` accepts, for help texts.
    static var languageList: String {
        Language.reportLanguages.map(\.rawValue).joined(separator: ", ")
    }

    let format: Format
    let language: Language
    /// The country to answer for; `nil` uses the person's country as the ledger resolved it.
    var country: Region?
    /// The request the report answers, when `--request` names one.
    let request: String?

    init(_ parsed: ParsedArguments) throws(UsageError) {
        format = Format(
            rawValue: try parsed.choice("format", in: Format.allCases.map(\.rawValue), default: "text"))!
        language = try reportLanguage(parsed)
        country = try countryOption(parsed)
        request = parsed.options["request"]
    }

    func write(_ report: AccessReport, catalog: Catalog? = nil) throws {
        switch format {
        case .json:
            FileHandle.standardOutput.write(try report.jsonData())
            print()
        case .text: print(report.plainText(in: language, country: country, answering: request), terminator: "")
        case .markdown:
            print(
                report.markdown(in: language, catalog: catalog, country: country, answering: request), terminator: "")
        case .html:
            print(
                report.htmlLetter(in: language, catalog: catalog, country: country, answering: request),
                terminator: "")
        }
    }
}
