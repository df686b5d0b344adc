import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl record SUBJECT`: records one holding from the command line.
enum RecordCommand: Command {
    static let declaration = CommandDeclaration(
        name: "record",
        abstract: "Record that a category of a person's data is held (a holding).",
        discussion: """
            Records that category C of SUBJECT's data is held in system S for purpose P. The
            ledger checks it like any service's write: unknown names, a category the purpose may
            not hold, consent-based holdings without consent and malformed values are refused
            (exit status 1) and nothing is recorded.
            """,
        arguments: [ArgumentDeclaration("SUBJECT", help: "Whose data it is, such as customer:10001.")],
        options: [
            .store,
            OptionDeclaration(
                "category", .value, valueName: "C", help: "The data category, such as email or deliveryAddress.",
                isRequired: true),
            OptionDeclaration(
                "system", .value, valueName: "S", help: "Where it is held, such as webshop.orders.", isRequired: true),
            OptionDeclaration(
                "purpose", .value, valueName: "P", help: "Why, such as customerAccountAndOrders.", isRequired: true),
            OptionDeclaration(
                "value", .value, valueName: "V",
                help: "The value itself (optional). Use --value - to read it from standard input instead, so it "
                    + "stays out of the shell history and the process list: printf '%s' \"$VALUE\" | pdl record ... --value -"
            ),
            OptionDeclaration(
                "basis", .value, valueName: "B",
                help: "The legal basis: consent, contract, legalObligation, vitalInterests, publicTask, "
                    + "legitimateInterests.",
                default: "the purpose's default basis"),
            OptionDeclaration("reference", .value, valueName: "R", help: "The business object, such as order:50017."),
            OptionDeclaration(
                "source", .value, valueName: "SOURCE",
                help: "subject (the person gave it) or the name of the third party it came from.", default: "subject"),
            .actor(default: "pdl"),
        ],
        examples: [
            "pdl record customer:10001 --category email --system webshop.orders \\",
            "    --purpose customerAccountAndOrders --reference order:50017 --value - < email.txt",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        func required(_ option: String) throws(UsageError) -> String {
            guard let value = parsed.options[option], !value.isEmpty else {
                throw UsageError("pdl record needs --\(option).")
            }
            return value
        }
        let category = DataCategory(try required("category"))
        let system = SystemID(try required("system"))
        let purpose = Purpose(try required("purpose"))
        let value = try parsed.options["value"].map {
            try valueOrStandardInput($0, option: "value", emptyAdvice: "Pipe the value in, or leave --value out.")
        }
        let source: DataSource =
            switch parsed.options["source"] {
            case nil, "subject", "dataSubject", "data-subject": .dataSubject
            case let name?: .thirdParty(name)
            }
        let ledger = try await context.openLedger(parsed, actor: ActorID(parsed.options["actor"] ?? "pdl"))
        let facts = try await ledger.record(
            [DataItem(category, value: value)], about: SubjectID(parsed.positionals[0]), in: system,
            for: purpose, basis: parsed.options["basis"].map { LegalBasis($0) }, source: source,
            reference: parsed.options["reference"].map { BusinessReference($0) })
        let fact = facts[0]
        print(
            "Recorded fact \(fact.sequence): \(category) of \(parsed.positionals[0]) is held in \(system) for \(purpose)"
                + (value == nil ? " (value not recorded)." : "."))
    }
}
