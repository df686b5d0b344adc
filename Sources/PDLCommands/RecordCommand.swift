import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl record SUBJECT`: records holdings from the command line, one per category.
enum RecordCommand: Command {
    static let declaration = CommandDeclaration(
        name: "record",
        abstract: "Record that categories of a person's data are held (holdings).",
        discussion: """
            Records that category C of SUBJECT's data is held in system S for purpose P. The
            ledger checks it like any service's write: unknown names, a category the purpose may
            not hold, consent-based holdings without consent and malformed values are refused
            (exit status 1) and nothing is recorded.

            Several categories of one order in one call: repeat --category (or list them,
            --category name,email), one holding each, all recorded or none. Give their values
            with --value repeated in the same order, one per category, or no --value at all.
            --value - (standard input) works only when one category is given.

            --country names the country whose law governs the holdings (a Swedish sale: SE):
            its bookkeeping and complaint periods, how a phone number without calling code is
            read. Without it they follow the person's country (that of their earliest holding
            naming one), else the ledger's default country (pdl settings).
            """,
        arguments: [ArgumentDeclaration("SUBJECT", help: "Whose data it is, such as customer:10001.")],
        options: [
            .store,
            OptionDeclaration(
                "category", .repeatedValue, valueName: "C",
                help: "The data category, such as email or deliveryAddress; repeatable, or comma-separated.",
                isRequired: true),
            OptionDeclaration(
                "system", .value, valueName: "S", help: "Where it is held, such as webshop.orders.", isRequired: true),
            OptionDeclaration(
                "purpose", .value, valueName: "P", help: "Why, such as customerAccountAndOrders.", isRequired: true),
            OptionDeclaration(
                "value", .repeatedWholeValue, valueName: "V",
                help: "The value itself (optional). Use --value - to read it from standard input instead, so it "
                    + "stays out of the shell history and the process list: printf '%s' \"$VALUE\" | pdl record ... --value - "
                    + "(one category only). With several categories, repeat --value once per --category, in the same "
                    + "order; commas stay in the value."
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
            OptionDeclaration(
                "country", .value, valueName: "C",
                help: "The country whose law governs the holdings: NO, SE, DK or FI.",
                default: "the person's country, else the ledger's", choices: ["NO", "SE", "DK", "FI"]),
            .jsonFormat(RecordedFacts.schema), .actor(default: "pdl"),
        ],
        examples: [
            "pdl record customer:10001 --category email --system webshop.orders \\",
            "    --purpose customerAccountAndOrders --reference order:50017 --value - < email.txt",
            "pdl record customer:10001 --category name --category billingAddress --system accounting \\",
            "    --purpose legalObligations --reference order:50017 \\",
            "    --value \"Kari Nordmann\" --value \"Storgata 1, 0155 Oslo\"",
            "pdl record customer:20001 --category phone --system webshop.orders \\",
            "    --purpose customerAccountAndOrders --country SE --value \"070-123 45 67\"",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        func required(_ option: String) throws(UsageError) -> String {
            guard let value = parsed.options[option], !value.isEmpty else {
                throw UsageError("pdl record needs --\(option).")
            }
            return value
        }
        let categories = parsed.values("category").map { DataCategory($0) }
        guard !categories.isEmpty else { throw UsageError("pdl record needs --category.") }
        let system = SystemID(try required("system"))
        let purpose = Purpose(try required("purpose"))
        let givenValues = parsed.values("value")
        let values: [String?]
        if givenValues.isEmpty {
            values = categories.map { _ in nil }
        } else if categories.count == 1 {
            guard givenValues.count == 1 else {
                throw UsageError("pdl record takes one --value per --category; one category was given.")
            }
            values = [
                try valueOrStandardInput(
                    givenValues[0], option: "value", emptyAdvice: "Pipe the value in, or leave --value out.")
            ]
        } else {
            guard !givenValues.contains("-") else {
                throw UsageError(
                    "--value - (standard input) works with one --category only; give each value with --value.")
            }
            guard givenValues.count == categories.count else {
                throw UsageError(
                    "pdl record takes one --value per --category, in the same order: \(categories.count) categories, "
                        + "\(givenValues.count) value(s).")
            }
            values = givenValues
        }
        let source: DataSource =
            switch parsed.options["source"] {
            case nil, "subject", "dataSubject", "data-subject": .dataSubject
            case let name?: .thirdParty(name)
            }
        let country = try countryOption(parsed)
        let ledger = try await context.openLedger(parsed, actor: ActorID(parsed.options["actor"] ?? "pdl"))
        let facts = try await ledger.record(
            zip(categories, values).map { DataItem($0, value: $1) }, about: SubjectID(parsed.positionals[0]),
            in: system, for: purpose, basis: parsed.options["basis"].map { LegalBasis($0) }, source: source,
            reference: parsed.options["reference"].map { BusinessReference($0) }, region: country)
        if try wantsJSON(parsed) { return try RecordedFacts.print(facts, by: "record") }
        let unrecorded = values.allSatisfy { $0 == nil } ? " (value not recorded)." : "."
        if facts.count == 1, let fact = facts.first {
            print(
                "Recorded fact \(fact.sequence): \(categories[0]) of \(parsed.positionals[0]) is held in \(system) for "
                    + "\(purpose)\(unrecorded)")
        } else if let first = facts.first, let last = facts.last {
            print(
                "Recorded facts \(first.sequence)–\(last.sequence): "
                    + "\(categories.map(\.rawValue).joined(separator: ", ")) of \(parsed.positionals[0]) are held in "
                    + "\(system) for \(purpose)\(values.allSatisfy { $0 == nil } ? " (values not recorded)." : ".")")
        }
    }
}
