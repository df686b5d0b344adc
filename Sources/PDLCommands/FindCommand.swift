import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
import Foundation
import PersonalDataLedger

/// `pdl find`: the subjects who hold an identifier, found by its keyed hash.
enum FindCommand: Command {
    static let name = "find"
    static let summary = "Find the subjects who hold an email, phone, national ID number or bank account."
    static let help = """
        Usage: pdl find (--email E | --phone P | --national-id N | --bank-account B)
                        [--country NO|SE|DK|FI] [--format text|json] [--store DIR]

        Finds the subject identifiers that hold the identifier, and where and for what each
        holds it — never a value. The identifier is normalised as when it was recorded
        (case of an email, spaces and calling code of a phone, separators of an ID number)
        and looked up by its keyed hash (HMAC-SHA256 under DIR/identifier.key), so no index
        holds it in clear. Erased values are not found. A value replaced by a correction is
        still found, marked "earlier value", until it is erased.

        Give the identifier as - to read it from standard input, so it stays out of the
        shell history and the process list:  printf '%s' "$EMAIL" | pdl find --email -

        Then run 'pdl report SUBJECT' to see everything held about the person.

        Options:
        \(storeOptionHelp)
          --email E           An email address.
          --phone P           A phone number; without calling code it is read as a number
                              of --country (default NO).
          --national-id N     A national identity number of --country (default NO; the
                              country is also told from the number's shape).
          --bank-account B    A Norwegian bank account number or an IBAN.
          --country C         NO, SE, DK or FI.
          --format FORMAT     text (default) or json.

        Exit status: 0 found or not (the output says), 1 the identifier is malformed (the
        message never repeats it), 2 usage, 3 store error.

        Example:
          pdl find --email - < request-email.txt
          pdl find --national-id - --country SE
        """

    static let formats: [(option: String, format: ValueFormat, label: String)] = [
        ("email", .email, "email address"), ("phone", .phone, "phone number"),
        ("national-id", .nationalIDNumber, "national ID number"), ("bank-account", .bankAccount, "bank account"),
    ]

    static func run(_ arguments: [String]) async throws {
        let parsed = try ParsedArguments(
            arguments, options: Set(formats.map(\.option) + ["country", "format", "store"]), flags: [])
        guard parsed.positionals.isEmpty else {
            throw UsageError("pdl find takes the identifier as an option, such as --email -.")
        }
        let given = formats.filter { parsed.options[$0.option] != nil }
        guard given.count == 1, let chosen = given.first else {
            throw UsageError("pdl find needs exactly one of --email, --phone, --national-id, --bank-account.")
        }
        let region = try countryOption(parsed)
        let json = try parsed.choice("format", in: ["text", "json"], default: "text") == "json"
        let identifier = try valueOrStandardInput(parsed.options[chosen.option]!, option: chosen.option)
        let ledger = try await StoreLocation(parsed).openLedger(actor: "pdl", readOnly: true)
        let matches = try await ledger.find(identifier, as: chosen.format, region: region)
        if json {
            FileHandle.standardOutput.write(try commandJSONEncoder.encode(matches))
            print()
            return
        }
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
}
