import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl find`: the subjects who hold an identifier, found by its keyed hash.
enum FindCommand: Command {
    static let declaration = CommandDeclaration(
        name: "find",
        abstract: "Find the subjects who hold an email, phone, national ID number or bank account.",
        discussion: """
            Finds the subject identifiers that hold the identifier, and where and for what each
            holds it — never a value. The identifier is normalised as when it was recorded
            (case of an email, spaces and calling code of a phone, separators of an ID number)
            and looked up by its keyed hash (HMAC-SHA256 under DIR/identifier.key), so no index
            holds it in clear. Erased values are not found. A value replaced by a correction is
            still found, marked "earlier value", until it is erased.

            Give the identifier as - to read it from standard input, so it stays out of the
            shell history and the process list:  printf '%s' "$EMAIL" | pdl find --email -

            Then run 'pdl report SUBJECT' to see everything held about the person.
            """,
        options: [
            .store, OptionDeclaration("email", .value, valueName: "E", help: "An email address."),
            OptionDeclaration(
                "phone", .value, valueName: "P",
                help:
                    "A phone number; without calling code it is read as a number of --country (default: the ledger's default country, pdl settings)."
            ),
            OptionDeclaration(
                "national-id", .value, valueName: "N",
                help:
                    "A national identity number of --country (default: the ledger's; the country is also told from the "
                    + "number's shape)."),
            OptionDeclaration(
                "bank-account", .value, valueName: "B", help: "A Norwegian bank account number or an IBAN."),
            OptionDeclaration(
                "country", .value, valueName: "C", help: "NO, SE, DK or FI.", choices: ["NO", "SE", "DK", "FI"]),
            .jsonFormat("pdl.find"),
        ],
        examples: [
            "pdl find --email - < request-email.txt",
            "pdl find --national-id - --country SE",
        ],
        exitStatus: """
            Exit status: 0 found or not (the output says), 1 the identifier is malformed (the
            message never repeats it), 2 usage, 3 store error.
            """
    )

    static let formats: [(option: String, format: ValueFormat, label: String)] = [
        ("email", .email, "email address"), ("phone", .phone, "phone number"),
        ("national-id", .nationalIDNumber, "national ID number"), ("bank-account", .bankAccount, "bank account"),
    ]

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let given = formats.filter { parsed.options[$0.option] != nil }
        guard given.count == 1, let chosen = given.first else {
            throw UsageError("pdl find needs exactly one of --email, --phone, --national-id, --bank-account.")
        }
        let region = try countryOption(parsed)
        let json = try wantsJSON(parsed)
        let identifier = try valueOrStandardInput(parsed.options[chosen.option]!, option: chosen.option)
        let ledger = try await context.openLedger(parsed, actor: "pdl", readOnly: true)
        let matches = try await ledger.find(identifier, as: chosen.format, region: region)
        if json { return try CommandOutput("pdl.find", FindOutput(matches: matches)).print() }
        guard !matches.isEmpty else {
            print("No subject holds this \(chosen.label).")
            return
        }
        print("\(matches.count) subject(s) hold this \(chosen.label):")
        for match in matches {
            print(match.subject.rawValue)
            for location in match.locations {
                print(
                    "  \(location.category) in \(location.system) for \(location.purpose) (holding \(location.holding)"
                        + (location.reference.map { ", \($0)" } ?? "") + ", since \(dayText(location.since)))"
                        + (location.isCurrent ? "" : " — earlier value, since corrected"))
            }
            if !match.linkedSubjects.isEmpty {
                print("  linked: " + match.linkedSubjects.map(\.rawValue).joined(separator: ", "))
            }
        }
    }

    /// What `pdl find --format json` prints (schema `pdl.find`): the subjects found, none when
    /// nobody holds the identifier. Never the identifier itself.
    struct FindOutput: Codable {
        var matches: [SubjectMatch]
    }
}
