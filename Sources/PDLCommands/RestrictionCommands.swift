import Foundation
import PersonalDataLedger

/// The options of `pdl restrict` and `pdl lift-restriction`.
private let restrictionOptions: [OptionDeclaration] = [
    .store,
    OptionDeclaration(
        "purpose", .value, valueName: "P", help: "One purpose, such as contactRegister.", default: "every purpose"),
    .jsonFormat(RecordedFacts.schema), .actor(default: "pdl"),
]

/// `pdl restrict SUBJECT`: restricts processing of a person's data (GDPR Art. 18).
enum RestrictCommand: Command {
    static let declaration = CommandDeclaration(
        name: "restrict",
        abstract: "Restrict processing of a person's data (GDPR Art. 18), for one purpose or all.",
        discussion: """
            Records that processing of SUBJECT's data is restricted for purpose P or, without
            --purpose, for every purpose: the data stays stored, but nothing new is recorded or
            disclosed until pdl lift-restriction. An unknown purpose is refused (exit status 1).
            """,
        arguments: [ArgumentDeclaration("SUBJECT", help: "Whose data, such as customer:10001.")],
        options: restrictionOptions,
        examples: ["pdl restrict customer:10001 --purpose contactRegister"]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let purpose = parsed.options["purpose"].map { Purpose($0) }
        let ledger = try await context.openLedger(parsed, actor: recordingActor(parsed))
        let fact = try await ledger.restrict(SubjectID(parsed.positionals[0]), purpose: purpose)
        if try wantsJSON(parsed) { return try RecordedFacts.print([fact], by: "restrict") }
        print(
            "Recorded fact \(fact.sequence): processing of \(parsed.positionals[0])'s data is restricted "
                + (purpose.map { "for \($0)." } ?? "for every purpose."))
    }
}

/// `pdl lift-restriction SUBJECT`: lifts a restriction of processing (GDPR Art. 18).
enum LiftRestrictionCommand: Command {
    static let declaration = CommandDeclaration(
        name: "lift-restriction",
        abstract: "Lift a restriction of processing (GDPR Art. 18), for one purpose or all.",
        discussion: """
            Records that the restriction of processing of SUBJECT's data for purpose P or,
            without --purpose, of every purpose is lifted: the data may be processed again on
            its basis. An unknown purpose is refused (exit status 1).
            """,
        arguments: [ArgumentDeclaration("SUBJECT", help: "Whose data, such as customer:10001.")],
        options: restrictionOptions,
        examples: ["pdl lift-restriction customer:10001 --purpose contactRegister"]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let purpose = parsed.options["purpose"].map { Purpose($0) }
        let ledger = try await context.openLedger(parsed, actor: recordingActor(parsed))
        let fact = try await ledger.liftRestriction(SubjectID(parsed.positionals[0]), purpose: purpose)
        if try wantsJSON(parsed) { return try RecordedFacts.print([fact], by: "lift-restriction") }
        print(
            "Recorded fact \(fact.sequence): restriction of processing of \(parsed.positionals[0])'s data lifted "
                + (purpose.map { "for \($0)." } ?? "for every purpose."))
    }
}
