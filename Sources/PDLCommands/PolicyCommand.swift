import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
import Foundation
import PersonalDataLedger

/// `pdl policy`: publish a privacy policy version, or list them.
enum PolicyCommand: Command {
    static let name = "policy"
    static let summary = "Publish a privacy policy version (policy publish), or list them (policy list)."
    static let help = """
        Usage: pdl policy publish VERSION --effective DATE [--major] [--store DIR]
               pdl policy list [--store DIR]

        publish records that VERSION of the privacy policy was published and takes effect on
        DATE. A major change must be announced by email: pdl notify-list VERSION lists who
        to write to. Consent can be recorded only under a published version; consent given
        under a version older than the current major one is reported as stale.

        list prints every published version, oldest first.

        Options:
        \(storeOptionHelp)
          --effective DATE    When the version takes effect: 2026-07-01 (start of the day,
                              UTC) or a time.
          --major             A major change (announced by email).

        \(exitStatusHelp)

        Example:
          pdl policy publish 2026-06-01 --effective 2026-07-01 --major
        """

    static func run(_ arguments: [String]) async throws {
        let parsed = try ParsedArguments(arguments, options: ["store", "effective"], flags: ["major"])
        switch parsed.positionals.first {
        case "publish":
            guard parsed.positionals.count == 2 else {
                throw UsageError("pdl policy publish takes exactly one VERSION, such as 2026-06-01.")
            }
            guard let effectiveText = parsed.options["effective"] else {
                throw UsageError("pdl policy publish needs --effective DATE.")
            }
            let effective = try parseCommandLineDate(effectiveText, option: "effective")
            let ledger = try await StoreLocation(parsed).openLedger(actor: "pdl")
            let isMajor = parsed.flags.contains("major")
            let fact = try await ledger.publishPolicy(
                version: parsed.positionals[1], effectiveFrom: effective, isMajor: isMajor)
            print(
                "Published policy version \(parsed.positionals[1]) (\(isMajor ? "major" : "minor")), "
                    + "effective \(effective.formatted(.iso8601)), as fact #\(fact.sequence)."
                    + (isMajor ? "\nList who to email with: pdl notify-list \(parsed.positionals[1])" : ""))
        case "list":
            guard parsed.positionals.count == 1 else { throw UsageError("pdl policy list takes no arguments.") }
            let ledger = try await StoreLocation(parsed).openLedger(actor: "pdl", readOnly: true)
            let versions = try await ledger.policyVersions()
            if versions.isEmpty { print("No policy version was published.") }
            for version in versions {
                print(
                    "\(version.version)  \(version.isMajor ? "major" : "minor")  effective \(version.effectiveFrom.formatted(.iso8601))"
                )
            }
        default:
            throw UsageError("pdl policy needs a subcommand: publish or list.")
        }
    }
}
