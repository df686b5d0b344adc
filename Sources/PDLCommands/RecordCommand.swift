import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
import Foundation
import PersonalDataLedger

/// `pdl record SUBJECT`: records one holding from the command line.
enum RecordCommand: Command {
    static let name = "record"
    static let summary = "Record that a category of a person's data is held (a holding)."
    static let help = """
        Usage: pdl record SUBJECT --category C --system S --purpose P [--value V | --value -]
                          [--basis B] [--reference R] [--source SOURCE] [--actor A] [--store DIR]

        Records that category C of SUBJECT's data is held in system S for purpose P. The
        ledger checks it like any service's write: unknown names, a category the purpose may
        not hold, consent-based holdings without consent and malformed values are refused
        (exit status 1) and nothing is recorded.

        Options:
        \(storeOptionHelp)
          --category C        The data category, such as email or deliveryAddress.
          --system S          Where it is held, such as webshop.orders.
          --purpose P         Why, such as customerAccountAndOrders.
          --value V           The value itself (optional). Use --value - to read it from
                              standard input instead, so it stays out of the shell history
                              and the process list:  printf '%s' "$VALUE" | pdl record ... --value -
          --basis B           The legal basis (default: the purpose's default basis):
                              consent, contract, legalObligation, vitalInterests, publicTask,
                              legitimateInterests.
          --reference R       The business object, such as order:50017.
          --source SOURCE     subject (default: the person gave it) or the name of the third
                              party it came from.
          --actor A           Who records it, for accountability (default: pdl).

        \(exitStatusHelp)

        Example:
          pdl record customer:10001 --category email --system webshop.orders \\
              --purpose customerAccountAndOrders --reference order:50017 --value - < email.txt
        """

    static func run(_ arguments: [String]) async throws {
        let parsed = try ParsedArguments(
            arguments,
            options: ["store", "category", "system", "purpose", "value", "basis", "reference", "source", "actor"],
            flags: [])
        guard parsed.positionals.count == 1 else {
            throw UsageError("pdl record takes exactly one SUBJECT, such as customer:10001.")
        }
        func required(_ option: String) throws(UsageError) -> String {
            guard let value = parsed.options[option], !value.isEmpty else {
                throw UsageError("pdl record needs --\(option).")
            }
            return value
        }
        let category = DataCategory(try required("category"))
        let system = SystemID(try required("system"))
        let purpose = Purpose(try required("purpose"))
        var value = parsed.options["value"]
        if value == "-" {
            if isatty(0) == 1 { FileHandle.standardError.write(Data("Value (not shown in history): ".utf8)) }
            let data = FileHandle.standardInput.readDataToEndOfFile()
            var text = String(decoding: data, as: UTF8.self)
            while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
            guard !text.isEmpty else {
                throw UsageError("--value - read nothing from standard input. Pipe the value in, or leave --value out.")
            }
            value = text
        }
        let source: DataSource =
            switch parsed.options["source"] {
            case nil, "subject", "dataSubject", "data-subject": .dataSubject
            case let name?: .thirdParty(name)
            }
        let ledger = try await StoreLocation(parsed).openLedger(actor: ActorID(parsed.options["actor"] ?? "pdl"))
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
