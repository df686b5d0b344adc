import Foundation
import PersonalDataLedger

/// `pdl hire SUBJECT`: an applicant is hired, and their data moves to the employee records.
enum HireCommand: Command {
    static let declaration = CommandDeclaration(
        name: "hire",
        abstract: "Record that an applicant was hired and move their data to the employee records.",
        discussion: """
            Records applicantHired for the application R and, in the same write, records each
            value still held for jobApplicants under R again for the employees purpose, in
            system S, under the contract basis, for the employment E. The applicant copies are
            then due: the next pdl retention --apply erases them. The employee records are kept
            until pdl lifecycle employmentEnded --reference E; what legal obligations need
            after that is recorded for legalObligations. Nothing held for R is refused (exit
            status 1) and nothing is recorded.
            """,
        arguments: [ArgumentDeclaration("SUBJECT", help: "The applicant, such as applicant:2001.")],
        options: [
            .store,
            OptionDeclaration(
                "application", .value, valueName: "R", help: "The application, such as application:2001.",
                isRequired: true),
            OptionDeclaration(
                "employment", .value, valueName: "E", help: "The employment, such as employment:2026-004.",
                isRequired: true),
            OptionDeclaration(
                "system", .value, valueName: "S", help: "Where the employee records are held.", default: "personnel"),
            OptionDeclaration(
                "at", .value, valueName: "DATE",
                help: "When the applicant was hired: 2026-03-05 (start of the day, UTC) or 2026-03-05T11:02:00Z.",
                default: "now"),
            .jsonFormat(RecordedFacts.schema), .actor(default: "pdl"),
        ],
        examples: ["pdl hire applicant:2001 --application application:2001 --employment employment:2026-004"]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let application = BusinessReference(try requiredOption("application", of: parsed, command: "hire"))
        let employment = BusinessReference(try requiredOption("employment", of: parsed, command: "hire"))
        let atDay = try parsed.options["at"].map { text throws(UsageError) in
            try CommandLineDate(text, option: "at")
        }
        let ledger = try await context.openLedger(parsed, actor: recordingActor(parsed))
        let at = try atDay.map { day throws(UsageError) in try day.date(in: localTimeZone(of: ledger)) }
        let facts = try await ledger.hire(
            SubjectID(parsed.positionals[0]), application: application, employment: employment,
            in: SystemID(parsed.options["system"] ?? "personnel"), occurredAt: at)
        if try wantsJSON(parsed) { return try RecordedFacts.print(facts, by: "hire") }
        print(
            "Recorded fact \(facts[0].sequence): applicantHired of \(application); moved \(facts.count - 1) holding(s) "
                + "to the employee records as fact(s) \(facts.dropFirst().map { "#\($0.sequence)" }.joined(separator: ", ")) "
                + "for \(employment). Run pdl retention --apply to erase the applicant copies.")
    }
}
