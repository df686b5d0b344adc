import Foundation
import PersonalDataLedger

/// `pdl consent SUBJECT`: records a consent decision.
enum ConsentCommand: Command {
    static let decisions: [ConsentDecision.Decision] = [.given, .withdrawn, .refused]

    static let declaration = CommandDeclaration(
        name: "consent",
        abstract: "Record a person's consent decision for a purpose (given, withdrawn or refused).",
        discussion: """
            Records that SUBJECT gave, withdrew or refused consent to purpose P, under the
            privacy policy version V they were shown, through channel C. Name exactly one of
            --given, --withdrawn and --refused. The version must have been published (pdl policy
            publish); an unknown purpose or an unpublished version is refused (exit status 1)
            and nothing is recorded. From a withdrawal on, consent-based holdings for the
            purpose are refused.
            """,
        arguments: [ArgumentDeclaration("SUBJECT", help: "Who decided, such as customer:10001.")],
        options: [
            .store,
            OptionDeclaration(
                "purpose", .value, valueName: "P", help: "The purpose decided on, such as contactRegister.",
                isRequired: true),
            OptionDeclaration("given", .flag, help: "The person gave consent."),
            OptionDeclaration("withdrawn", .flag, help: "The person withdrew consent."),
            OptionDeclaration("refused", .flag, help: "The person refused consent."),
            OptionDeclaration(
                "policy", .value, valueName: "V", help: "The published policy version shown, such as 2018-05-25.",
                isRequired: true),
            OptionDeclaration(
                "channel", .value, valueName: "C",
                help: "How the decision was collected, such as checkout-checkbox.", isRequired: true),
            OptionDeclaration(
                "evidence", .value, valueName: "E",
                help: "A form, request or message id an auditor can follow (no personal data)."),
            .jsonFormat(RecordedFacts.schema), .actor(default: "pdl"),
        ],
        examples: [
            "pdl consent customer:10001 --purpose contactRegister --given --policy 2018-05-25 \\",
            "    --channel checkout-checkbox --evidence form:checkout-v3",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let chosen = decisions.filter { parsed.flags.contains($0.rawValue) }
        guard chosen.count == 1, let decision = chosen.first else {
            throw UsageError("pdl consent needs exactly one of --given, --withdrawn and --refused.")
        }
        let subject = parsed.positionals[0]
        let purpose = Purpose(try requiredOption("purpose", of: parsed, command: "consent"))
        let policy = try requiredOption("policy", of: parsed, command: "consent")
        let channel = try requiredOption("channel", of: parsed, command: "consent")
        let ledger = try await context.openLedger(parsed, actor: recordingActor(parsed))
        let fact = try await ledger.consent(
            decision, by: SubjectID(subject), for: purpose, policy: policy, channel: channel,
            evidence: parsed.options["evidence"])
        if try wantsJSON(parsed) { return try RecordedFacts.print([fact], by: "consent") }
        print(
            "Recorded fact \(fact.sequence): consent of \(subject) to \(purpose) \(decision.rawValue) under policy "
                + "\(policy) (channel \(channel)).")
    }
}
