import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl demo`: records the Focus Nordic demo story and prints the customer's access report.
enum DemoCommand: Command {
    static let declaration = CommandDeclaration(
        name: "demo",
        abstract: "Record a realistic Focus Nordic story and print the customer's access report.",
        discussion: """
            Records a realistic Focus Nordic story into an empty ledger — Kari Nordmann
            (customer:10001) orders a camera, it is shipped, she files a complaint, joins and
            leaves the newsletter; a backup provider can reach the order database; an applicant
            (applicant:2001) applies — and prints Kari's access report.

            If DIR already holds the story, the report is printed again; a ledger holding
            anything else is left alone.
            """,
        options: [
            .store, .format(["text", "json", "markdown", "html"], help: "The report's format, as 'pdl report'."),
            .language("The language of text, markdown and html: \(ReportOutput.languageList)."),
        ],
        examples: [
            "pdl demo --store /tmp/demo-ledger",
            "pdl report customer:10001 --store /tmp/demo-ledger --format html --language nb > kari.html",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        var output = try ReportOutput(parsed)
        let clock = StoryClock(startingAt: DemoStory.start)
        let location = context.storeLocation(parsed)
        let ledger = try await context.openLedger(parsed, actor: "pdl-demo", clock: clock.ledgerClock, creating: true)
        let head = try await ledger.store.integrityHead()
        if head.count == 0 {
            try await DemoStory.record(into: ledger, clock: clock)
            writeError(
                "Recorded the demo story in \(location) (\(try await ledger.store.integrityHead().count) facts).")
        } else if try await ledger.store.facts(about: DemoStory.customer).isEmpty {
            throw UsageError(
                "\(location) already holds \(head.count) facts that are not the demo story. Choose an empty directory with --store."
            )
        } else {
            clock.set(context.clock.now())
            writeError("The demo story is already recorded in \(location); printing the report again.")
        }
        output.country = ledger.region
        let report = try await ledger.issueReport(for: DemoStory.customer, requestedBy: "dpo")
        try output.write(report, catalog: ledger.catalog)
        ReportCommand.warnOfOverdueData(in: report)
    }
}
