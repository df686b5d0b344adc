import Foundation
import PersonalDataLedger

/// `pdl disclose SUBJECT`: records that categories of a person's data were given to a recipient.
enum DiscloseCommand: Command {
    static let declaration = CommandDeclaration(
        name: "disclose",
        abstract: "Record that categories of a person's data were given to a recipient.",
        discussion: """
            Records that categories C of SUBJECT's data were disclosed to RECIPIENT on occasion
            O, such as the carrier for shipping. Refused (exit status 1, nothing recorded) when
            the recipient's agreement does not cover the occasion (rule recipientOccasion), a
            category is not held about the person, or processing is restricted.
            """,
        arguments: [ArgumentDeclaration("SUBJECT", help: "Whose data it is, such as customer:10001.")],
        options: [
            .store,
            OptionDeclaration(
                "categories", .repeatedValue, valueName: "C",
                help: "The categories given, comma-separated or repeated, such as name,deliveryAddress,phone.",
                isRequired: true),
            OptionDeclaration(
                "to", .value, valueName: "RECIPIENT", help: "Who received them, such as carrier.", isRequired: true),
            OptionDeclaration(
                "occasion", .value, valueName: "O",
                help: "The occasion the recipient's agreement covers, such as shipping.", isRequired: true),
            OptionDeclaration("reference", .value, valueName: "R", help: "The business object, such as order:50017."),
            .jsonFormat(RecordedFacts.schema), .actor(default: "pdl"),
        ],
        examples: [
            "pdl disclose customer:10001 --categories name,deliveryAddress,phone --to carrier \\",
            "    --occasion shipping --reference order:50017",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let categories = parsed.values("categories").map { DataCategory($0) }
        guard !categories.isEmpty else { throw UsageError("pdl disclose needs --categories.") }
        let recipient = RecipientID(try requiredOption("to", of: parsed, command: "disclose"))
        let occasion = AccessOccasion(try requiredOption("occasion", of: parsed, command: "disclose"))
        let subject = parsed.positionals[0]
        let ledger = try await context.openLedger(parsed, actor: recordingActor(parsed))
        let fact = try await ledger.disclose(
            categories, of: SubjectID(subject), to: recipient, for: occasion,
            reference: parsed.options["reference"].map { BusinessReference($0) })
        if try wantsJSON(parsed) { return try RecordedFacts.print([fact], by: "disclose") }
        print(
            "Recorded fact \(fact.sequence): \(categories.map(\.rawValue).joined(separator: ", ")) of \(subject) "
                + "disclosed to \(recipient) for \(occasion).")
    }
}
