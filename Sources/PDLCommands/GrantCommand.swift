import Foundation
import PersonalDataLedger

/// `pdl grant RECIPIENT`: records a recipient's standing access to a whole system.
enum GrantCommand: Command {
    static let declaration = CommandDeclaration(
        name: "grant",
        abstract: "Record that a recipient has standing access to a whole system on an occasion.",
        discussion: """
            Records that RECIPIENT may reach system S on occasion O from --from until --until
            (open-ended without it), such as the backup provider's access to the order database.
            Everyone whose data the system held while the grant was in force counts the
            recipient among those who received their data. An unknown system, a recipient
            without an agreement for the occasion or an end before the start is refused (exit
            status 1) and nothing is recorded.
            """,
        arguments: [ArgumentDeclaration("RECIPIENT", help: "Who has access, such as backup-provider.")],
        options: [
            .store,
            OptionDeclaration(
                "system", .value, valueName: "S", help: "The system reached, such as webshop.orders.",
                isRequired: true),
            OptionDeclaration(
                "occasion", .value, valueName: "O",
                help: "The occasion the recipient's agreement covers, such as backup.", isRequired: true),
            OptionDeclaration(
                "from", .value, valueName: "DATE",
                help: "When access starts: 2024-01-01 (start of the day, UTC) or a time.", isRequired: true),
            OptionDeclaration(
                "until", .value, valueName: "DATE",
                help: "When access ends: 2026-12-31 (end of the day, UTC) or a time.", default: "open-ended"),
            .jsonFormat(RecordedFacts.schema), .actor(default: "pdl"),
        ],
        examples: [
            "pdl grant backup-provider --system webshop.orders --occasion backup --from 2024-01-01"
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let recipient = RecipientID(parsed.positionals[0])
        let system = SystemID(try requiredOption("system", of: parsed, command: "grant"))
        let occasion = AccessOccasion(try requiredOption("occasion", of: parsed, command: "grant"))
        let startDay = try CommandLineDate(try requiredOption("from", of: parsed, command: "grant"), option: "from")
        let endDay = try parsed.options["until"].map { text throws(UsageError) in
            try CommandLineDate(text, option: "until", endOfDay: true)
        }
        let ledger = try await context.openLedger(parsed, actor: recordingActor(parsed))
        let start = try startDay.date(in: localTimeZone(of: ledger))
        let end = try endDay.map { day throws(UsageError) in try day.date(in: localTimeZone(of: ledger)) }
        let fact = try await ledger.grantAccess(to: recipient, on: system, for: occasion, from: start, until: end)
        if try wantsJSON(parsed) { return try RecordedFacts.print([fact], by: "grant") }
        print(
            "Recorded fact \(fact.sequence): \(recipient) has access to \(system) for \(occasion) from "
                + "\(start.formatted(.iso8601))" + (end.map { " until \($0.formatted(.iso8601))." } ?? " on."))
    }
}
