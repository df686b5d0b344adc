import Foundation
import PersonalDataLedger

/// `pdl lifecycle KIND`: records that a business object reached a lifecycle event.
enum LifecycleCommand: Command {
    static let declaration = CommandDeclaration(
        name: "lifecycle",
        abstract: "Record that an order, case or application reached a lifecycle event.",
        discussion: """
            Records that the business object R reached lifecycle event KIND at --at (default:
            now): the retention clocks of the holdings with that reference start here. A
            misspelt kind is refused (exit status 1, rule unknownLifecycleKind) and nothing is
            recorded. KIND must be one the ledger's catalog declares; Focus Nordic's declares
            the kinds below, and a ledger's own catalog may declare others (pdl catalog show):
            \(LifecycleCommand.kinds)
            """,
        arguments: [ArgumentDeclaration("KIND", help: "The event, such as orderDelivered or caseClosed.")],
        options: [
            .store,
            OptionDeclaration(
                "reference", .value, valueName: "R", help: "The business object, such as order:50017.",
                isRequired: true),
            OptionDeclaration(
                "at", .value, valueName: "DATE",
                help: "When it happened: 2026-03-05 (start of the day, UTC) or 2026-03-05T11:02:00Z.",
                default: "now"),
            .jsonFormat(RecordedFacts.schema), .actor(default: "pdl"),
        ],
        examples: [
            "pdl lifecycle orderDelivered --reference order:50017 --at 2026-03-05T11:02:00Z"
        ]
    )

    /// The kinds of the Focus Nordic catalog, for the help.
    static var kinds: String {
        var lines: [String] = []
        var line = ""
        for kind in Catalog.focusNordic.declaredLifecycleKinds.map(\.rawValue).sorted() {
            if !line.isEmpty, line.count + kind.count + 2 > 84 {
                lines.append(line + ",")
                line = ""
            }
            line += (line.isEmpty ? "  " : ", ") + kind
        }
        return (lines + [line + "."]).joined(separator: "\n")
    }

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let kind = LifecycleKind(parsed.positionals[0])
        let reference = BusinessReference(try requiredOption("reference", of: parsed, command: "lifecycle"))
        let atDay = try parsed.options["at"].map { text throws(UsageError) in
            try CommandLineDate(text, option: "at")
        }
        let ledger = try await context.openLedger(parsed, actor: recordingActor(parsed))
        let at = try atDay.map { day throws(UsageError) in try day.date(in: localTimeZone(of: ledger)) }
        let fact = try await ledger.recordLifecycleEvent(kind, reference: reference, occurredAt: at)
        if try wantsJSON(parsed) { return try RecordedFacts.print([fact], by: "lifecycle") }
        print(
            "Recorded fact \(fact.sequence): \(kind) of \(reference) at \((at ?? ledger.clock.now()).formatted(.iso8601))."
        )
    }
}
