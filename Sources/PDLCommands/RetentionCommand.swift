import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl retention`: what must be erased today, and the sweep that erases it.
enum RetentionCommand: Command {
    static let declaration = CommandDeclaration(
        name: "retention",
        abstract: "List data whose retention ran out (GDPR Art. 5(1)(e)); --apply erases it.",
        discussion: """
            Lists every holding whose retention period has run out, with the rule, the clock
            that ran out and the date it became due. Holdings whose processing is restricted
            (Art. 18) are listed apart: they stay until the restriction is lifted.

            With --apply, erases them physically, records why (retentionExpired, or
            consentWithdrawn when a withdrawal started the clock), and lists the recipients that
            must be told (Art. 19). Subject identifiers are kept by retention, except where the
            rule keeps nothing of the person (a rejected applicant) and nothing else of them is
            held.

            Erasures a request asked for that waited for a legal hold (an undelivered order, an
            open case) are listed and, with --apply, carried out once the hold has ended; a
            bookkeeping copy, a holding of its own, stays for its own period. When the last of
            an erasure of everything goes, the identifier goes too, unless a holding or consent
            was recorded for it after the request.

            Reads the whole ledger; progress goes to standard error when it is a terminal.
            A region whose consumer complaint period has no default (Finland) is refused until
            the period is set.
            """,
        options: [
            .store,
            OptionDeclaration(
                "as-of", .value, valueName: "DATE",
                help: "Compute as of 2026-03-01 (start of the day, UTC) or a time. --apply refuses a date in the "
                    + "future.",
                default: "now"),
            OptionDeclaration("apply", .flag, help: "Erase what is due."),
            .format(
                ["text", "json"],
                help: "text, or json (schema pdl.retention-due, with --apply pdl.retention-sweep; "
                    + "Documentation/CommandOutput.md)."),
            .actor(valueName: "ACTOR", default: "dpo"),
        ] + OptionDeclaration.progress,
        examples: [
            "pdl retention --as-of 2026-12-31",
            "pdl retention --apply",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let asOfDay = try parsed.options["as-of"].map { text throws(UsageError) in
            try CommandLineDate(text, option: "as-of")
        }
        let json = try wantsJSON(parsed)
        let actor = ActorID(parsed.options["actor"] ?? "dpo")
        let ledger = try await context.openLedger(parsed, actor: actor, readOnly: !parsed.flags.contains("apply"))
        let asOf = try asOfDay.map { day throws(UsageError) in try day.date(in: localTimeZone(of: ledger)) }

        if parsed.flags.contains("apply") {
            let sweep: RetentionSweep
            let progress = try await ProgressLine.scanning("Retention", ledger, parsed)
            do {
                defer { progress?.finish() }
                sweep = try await ledger.applyRetention(asOf: asOf, actor: actor, progress: progress?.scanCallback)
            }
            if json { return try CommandOutput("pdl.retention-sweep", sweep).print() }
            print("Retention applied as of \(sweep.asOf.formatted(.iso8601)):")
            printLines(dueLines(sweep.erased) + requestedLines(sweep.requested) + deferredLines(sweep.deferred))
            let subjects = Set(sweep.erased.map(\.subject) + sweep.requested.map(\.subject)).count
            print(
                "Erased \(sweep.erased.count + sweep.requested.count) holding(s) of \(subjects) subject(s); recorded "
                    + (sweep.erasures.isEmpty
                        ? "nothing."
                        : "as fact(s) \(sweep.erasures.map { "#\($0.sequence)" }.joined(separator: ", "))."))
            print(recipientLines(sweep.recipientsToTell).joined(separator: "\n"))
        } else {
            let due: RetentionDue
            let progress = try await ProgressLine.scanning("Retention", ledger, parsed)
            do {
                defer { progress?.finish() }
                due = try await ledger.retentionDue(asOf: asOf, progress: progress?.scanCallback)
            }
            if json {
                try CommandOutput("pdl.retention-due", due).print()
                return
            }
            print("Retention due as of \(due.asOf.formatted(.iso8601)): \(due.holdings.count) holding(s).")
            printLines(dueLines(due.holdings) + requestedLines(due.requested) + deferredLines(due.deferred))
            if !due.holdings.isEmpty || !due.requested.isEmpty { print("Run with --apply to erase them.") }
        }
    }

    private static func printLines(_ lines: [String]) {
        for line in lines { print(line) }
    }

    private static func dueLines(_ holdings: [HoldingRetention]) -> [String] {
        holdings.map { item in
            "  #\(item.holding) \(item.subject) \(item.category) — \(item.system), \(item.purpose)"
                + (item.reference.map { ", \($0)" } ?? "")
                + ": due since \(item.end.date.map { $0.formatted(.iso8601) } ?? "?") (\(describe(item.clock)))"
                + "\n      rule: \(item.rule.text(in: .english))"
        }
    }

    private static func requestedLines(_ pending: [PendingErasure]) -> [String] {
        guard !pending.isEmpty else { return [] }
        return ["Erasures asked for whose legal hold has ended: \(pending.count) holding(s)."]
            + pending.map { "  " + pendingErasureLine($0) }
    }

    private static func deferredLines(_ holdings: [HoldingRetention]) -> [String] {
        guard !holdings.isEmpty else { return [] }
        return ["Kept while processing is restricted (GDPR Art. 18): \(holdings.count) holding(s)."]
            + dueLines(holdings)
    }
}
