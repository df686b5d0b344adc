import Foundation
import PersonalDataLedger

/// `pdl link-reference REFERENCE OTHER`: records that one business object concerns another.
enum LinkReferenceCommand: Command {
    static let declaration = CommandDeclaration(
        name: "link-reference",
        abstract: "Record that a business object concerns another (a case concerns an order).",
        discussion: """
            Records that REFERENCE concerns OTHER: the retention clocks of the holdings recorded
            for REFERENCE then start at the lifecycle events of OTHER too. Complaint data kept
            with consent runs until the warranty counted from the order's delivery ends, which
            is recorded on the order (pdl lifecycle orderDelivered --reference OTHER). The link
            goes one way. Two equal references are refused (exit status 1) and nothing is
            recorded. References must not contain personal data.
            """,
        arguments: [
            ArgumentDeclaration("REFERENCE", help: "The business object, such as case:9001."),
            ArgumentDeclaration("OTHER", help: "The business object it concerns, such as order:50017."),
        ],
        options: [.store, .jsonFormat(RecordedFacts.schema), .actor(default: "pdl")],
        examples: ["pdl link-reference case:9001 order:50017"]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let (reference, other) = (BusinessReference(parsed.positionals[0]), BusinessReference(parsed.positionals[1]))
        let ledger = try await context.openLedger(parsed, actor: recordingActor(parsed))
        let fact = try await ledger.linkReference(reference, concerns: other)
        if try wantsJSON(parsed) { return try RecordedFacts.print([fact], by: "link-reference") }
        print("Recorded fact \(fact.sequence): \(reference) concerns \(other).")
    }
}
