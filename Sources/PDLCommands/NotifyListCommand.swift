import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl notify-list VERSION`: the mailing list for a major policy change.
enum NotifyListCommand: Command {
    static let declaration = CommandDeclaration(
        name: "notify-list",
        abstract: "List who must be emailed about a major policy change, with its effective date.",
        discussion: """
            Lists everyone who must be told about the major privacy policy version VERSION, and
            the date it takes effect: everyone with an email address held under a purpose whose
            retention has not run out — the contact register while its consent stands — with
            the latest corrected address. Objectors to direct marketing are included: a policy
            notice is not marketing. People whose processing is restricted (Art. 18) are listed
            apart, for you to decide.

            THIS OUTPUT CONTAINS EMAIL ADDRESSES IN CLEAR: it is the mailing list. It is the only
            pdl output that prints personal values on purpose. Prefer --output FILE (created
            readable by you only) to a terminal, and delete the file after the mailing.
            """,
        arguments: [ArgumentDeclaration("VERSION", help: "The major policy version, such as 2026-06-01.")],
        options: [
            .store,
            .format(
                ["text", "csv", "json"],
                help: "text, csv (email,subjects,purposes,systems,effective_from) or json (schema "
                    + "pdl.policy-notification-list, Documentation/CommandOutput.md)."),
            .delimiter, .output("Write to FILE (mode 0600) instead of standard output."),
        ] + OptionDeclaration.progress,
        examples: [
            "pdl policy publish 2026-06-01 --effective 2026-07-01 --major",
            "pdl notify-list 2026-06-01 --format csv --output notify.csv",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let format = try parsed.choice("format", in: ["text", "csv", "json"], default: "text")
        let ledger = try await context.openLedger(parsed, actor: "pdl", readOnly: true)
        let list: PolicyNotificationList
        let progress = try await ProgressLine.scanning("Notify list", ledger, parsed)
        do {
            defer { progress?.finish() }
            list = try await ledger.notificationList(for: parsed.positionals[0], progress: progress?.scanCallback)
        }
        let output = try OutputSink(path: parsed.options["output"])
        do {
            switch format {
            case "csv": try output.write(list.csv(dialect: try csvDialect(parsed)))
            case "json": try output.write(try CommandOutput("pdl.policy-notification-list", list).data())
            default: try output.write(text(list))
            }
            try output.finish()
        } catch {
            output.abandon()
            throw error
        }
        if parsed.options["output"] != nil {
            writeError("Wrote \(list.recipients.count) address(es) to \(parsed.options["output"]!).")
        }
    }

    private static func text(_ list: PolicyNotificationList) -> String {
        var lines = [
            "Policy version \(list.version) takes effect \(list.effectiveFrom.formatted(.iso8601)).",
            "\(list.recipients.count) address(es) to write to:",
        ]
        for recipient in list.recipients {
            lines.append(
                "  \(recipient.email ?? "(address not recorded; look it up in \(recipient.systems.map(\.rawValue).joined(separator: ", ")))")"
                    + "  — \(recipient.subjects.map(\.rawValue).joined(separator: ", "))")
        }
        if !list.withheld.isEmpty {
            lines.append("Not listed (decide by hand):")
            for withheld in list.withheld { lines.append("  \(withheld.subject): \(withheld.reason.rawValue)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
