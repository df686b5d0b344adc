import Foundation
import PersonalDataLedger

/// `pdl link SUBJECT OTHER`: records that two subject ids denote one person.
enum LinkCommand: Command {
    static let declaration = CommandDeclaration(
        name: "link",
        abstract: "Record that two subject ids denote the same person (access reports follow links).",
        discussion: """
            Records that SUBJECT and OTHER are the same person, such as a customer who applied
            for a job: access reports and erasures of one cover the other. A subject linked to
            itself or a malformed id is refused (exit status 1) and nothing is recorded.
            """,
        arguments: [
            ArgumentDeclaration("SUBJECT", help: "One id of the person, such as customer:10001."),
            ArgumentDeclaration("OTHER", help: "Another id of the same person, such as applicant:2001."),
        ],
        options: [.store, .jsonFormat(RecordedFacts.schema), .actor(default: "pdl")],
        examples: ["pdl link customer:10001 applicant:2001"]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let ledger = try await context.openLedger(parsed, actor: recordingActor(parsed))
        let fact = try await ledger.link(SubjectID(parsed.positionals[0]), to: SubjectID(parsed.positionals[1]))
        if try wantsJSON(parsed) { return try RecordedFacts.print([fact], by: "link") }
        print(
            "Recorded fact \(fact.sequence): \(parsed.positionals[0]) and \(parsed.positionals[1]) are the same person."
        )
    }
}
