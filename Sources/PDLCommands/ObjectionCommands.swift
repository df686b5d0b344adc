import Foundation
import PersonalDataLedger

/// The options of `pdl object` and `pdl withdraw-objection`.
private let objectionOptions: [OptionDeclaration] = [
    .store,
    OptionDeclaration(
        "purpose", .value, valueName: "P", help: "The purpose objected to, such as contactRegister.",
        isRequired: true),
    .jsonFormat(RecordedFacts.schema), .actor(default: "pdl"),
]

/// `pdl object SUBJECT`: records an objection to processing for a purpose (GDPR Art. 21).
enum ObjectCommand: Command {
    static let declaration = CommandDeclaration(
        name: "object",
        abstract: "Record that a person objects to processing for a purpose (GDPR Art. 21).",
        discussion: """
            Records that SUBJECT objects to processing of their data for purpose P: while the
            objection stands nothing more is recorded for the purpose, until pdl
            withdraw-objection. An unknown purpose is refused (exit status 1).
            """,
        arguments: [ArgumentDeclaration("SUBJECT", help: "Who objects, such as customer:10001.")],
        options: objectionOptions,
        examples: ["pdl object customer:10001 --purpose contactRegister"]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let purpose = Purpose(try requiredOption("purpose", of: parsed, command: "object"))
        let ledger = try await context.openLedger(parsed, actor: recordingActor(parsed))
        let fact = try await ledger.object(SubjectID(parsed.positionals[0]), to: purpose)
        if try wantsJSON(parsed) { return try RecordedFacts.print([fact], by: "object") }
        print("Recorded fact \(fact.sequence): \(parsed.positionals[0]) objects to processing for \(purpose).")
    }
}

/// `pdl withdraw-objection SUBJECT`: records that a person withdrew an objection.
enum WithdrawObjectionCommand: Command {
    static let declaration = CommandDeclaration(
        name: "withdraw-objection",
        abstract: "Record that a person withdrew an objection to processing for a purpose.",
        discussion: """
            Records that SUBJECT withdrew their objection to processing for purpose P: the
            purpose may be processed again on its basis. An unknown purpose is refused (exit
            status 1).
            """,
        arguments: [ArgumentDeclaration("SUBJECT", help: "Who withdraws it, such as customer:10001.")],
        options: objectionOptions,
        examples: ["pdl withdraw-objection customer:10001 --purpose contactRegister"]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let purpose = Purpose(try requiredOption("purpose", of: parsed, command: "withdraw-objection"))
        let ledger = try await context.openLedger(parsed, actor: recordingActor(parsed))
        let fact = try await ledger.withdrawObjection(SubjectID(parsed.positionals[0]), to: purpose)
        if try wantsJSON(parsed) { return try RecordedFacts.print([fact], by: "withdraw-objection") }
        print(
            "Recorded fact \(fact.sequence): \(parsed.positionals[0]) withdrew the objection to processing for \(purpose)."
        )
    }
}
