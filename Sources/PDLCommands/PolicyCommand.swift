import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl policy`: publish a privacy policy version, or list them.
enum PolicyCommand: Command {
    static let declaration = CommandDeclaration(
        name: "policy",
        abstract: "Publish a privacy policy version (policy publish), or list them (policy list).",
        discussion: """
            publish records that VERSION of the privacy policy was published and takes effect on
            DATE. A major change must be announced by email: pdl notify-list VERSION lists who
            to write to. Consent can be recorded only under a published version; consent given
            under a version older than the current major one is reported as stale.

            list prints every published version, oldest first.
            """,
        subcommands: [
            SubcommandDeclaration(
                "publish", abstract: "Record that a version was published and when it takes effect.",
                arguments: [ArgumentDeclaration("VERSION", help: "The policy's version, such as 2026-06-01.")],
                options: ["effective", "major", "format"]),
            SubcommandDeclaration("list", abstract: "Every published version, oldest first.", options: ["format"]),
        ],
        options: [
            .store,
            OptionDeclaration(
                "effective", .value, valueName: "DATE",
                help: "When the version takes effect: 2026-07-01 (start of the day, UTC) or a time.", isRequired: true),
            OptionDeclaration("major", .flag, help: "A major change (announced by email)."),
            .format(
                ["text", "json"],
                help: "text, or json (publish: schema pdl.recorded; list: pdl.policy-versions; "
                    + "Documentation/CommandOutput.md)."),
        ],
        examples: [
            "pdl policy publish 2026-06-01 --effective 2026-07-01 --major"
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        switch parsed.subcommand {
        case "publish":
            guard let effectiveText = parsed.options["effective"] else {
                throw UsageError("pdl policy publish needs --effective DATE.")
            }
            let effectiveDay = try CommandLineDate(effectiveText, option: "effective")
            let ledger = try await context.openLedger(parsed, actor: "pdl")
            let effective = try effectiveDay.date(in: localTimeZone(of: ledger))
            let isMajor = parsed.flags.contains("major")
            let fact = try await ledger.publishPolicy(
                version: parsed.positionals[0], effectiveFrom: effective, isMajor: isMajor)
            if try wantsJSON(parsed) { return try RecordedFacts.print([fact], by: "policy publish") }
            print(
                "Published policy version \(parsed.positionals[0]) (\(isMajor ? "major" : "minor")), "
                    + "effective \(effective.formatted(.iso8601)), as fact #\(fact.sequence)."
                    + (isMajor ? "\nList who to email with: pdl notify-list \(parsed.positionals[0])" : ""))
        default:
            let ledger = try await context.openLedger(parsed, actor: "pdl", readOnly: true)
            let versions = try await ledger.policyVersions()
            if try wantsJSON(parsed) {
                return try CommandOutput("pdl.policy-versions", PolicyVersions(versions: versions)).print()
            }
            if versions.isEmpty { print("No policy version was published.") }
            for version in versions {
                print(
                    "\(version.version)  \(version.isMajor ? "major" : "minor")  effective \(version.effectiveFrom.formatted(.iso8601))"
                )
            }
        }
    }

    /// What `pdl policy list --format json` prints (schema `pdl.policy-versions`).
    struct PolicyVersions: Codable {
        /// Every published version, oldest first.
        var versions: [PolicyVersion]
    }
}
