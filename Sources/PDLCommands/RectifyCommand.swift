import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl rectify SUBJECT --holding SEQ`: corrects a held value (GDPR Art. 16), or shows its history.
enum RectifyCommand: Command {
    static let declaration = CommandDeclaration(
        name: "rectify",
        abstract: "Correct a held value (GDPR Art. 16) and list the recipients to tell.",
        discussion: """
            Records a corrected value for holding SEQ of SUBJECT: the number 'pdl report
            SUBJECT' prints beside each category (#6; --format json: "sequence"). The value
            is checked and normalised by the rules of the holding's category; a malformed one
            is refused and never printed. The earlier value is kept as history
            until the holding is erased; the report shows the corrected value from now on, and
            'pdl find' finds the person by it. Prints the recipients that must be told (GDPR
            Art. 19).

            To complete missing data, record the missing category with 'pdl record' under the
            same system and purpose.

            --history lists every value the holding has had, oldest first, masked unless
            --reveal is given; nothing is recorded.
            """,
        arguments: [ArgumentDeclaration("SUBJECT", help: "Whose holding, such as customer:10001.")],
        options: [
            .store,
            OptionDeclaration(
                "holding", .value, valueName: "SEQ",
                help: "The holding's number, as 'pdl report SUBJECT' prints it (6 or #6).", isRequired: true),
            OptionDeclaration(
                "value", .value, valueName: "V",
                help: "The corrected value. Use --value - to read it from standard input, so it stays out of the "
                    + "shell history: printf '%s' \"$VALUE\" | pdl rectify customer:10001 --holding 6 --value -"),
            OptionDeclaration("history", .flag, help: "Show the holding's values instead of correcting it."),
            OptionDeclaration("reveal", .flag, help: "With --history: show values in full."),
            .format(
                ["text", "json"],
                help: "text, or json (schema pdl.rectification; with --history pdl.value-history; "
                    + "Documentation/CommandOutput.md)."),
            .actor(default: "pdl"),
        ],
        examples: [
            "pdl rectify customer:10001 --holding 6 --history",
            "printf '%s' \"$NEW_PHONE\" | pdl rectify customer:10001 --holding 6 --value -",
        ],
        exitStatus: """
            Exit status: 0 done, 1 refused (erased holding, malformed value, not a holding of
            SUBJECT), 2 usage, 3 store error.
            """
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let subject = SubjectID(parsed.positionals[0])
        guard let text = parsed.options["holding"], let sequence = UInt64(text.trimmingPrefix("#")), sequence > 0
        else {
            throw UsageError(
                "pdl rectify needs --holding SEQ, the holding's number that 'pdl report \(subject)' prints (#6).")
        }
        let history = parsed.flags.contains("history")
        guard history != (parsed.options["value"] != nil) else {
            throw UsageError("pdl rectify needs either --value V (to correct) or --history (to look).")
        }
        guard history || !parsed.flags.contains("reveal") else {
            throw UsageError("--reveal goes with --history.")
        }
        let json = try wantsJSON(parsed)
        let value = try parsed.options["value"].map { try valueOrStandardInput($0, option: "value") }
        let ledger = try await context.openLedger(
            parsed, actor: ActorID(parsed.options["actor"] ?? "pdl"), readOnly: history)
        guard let value else {
            try await printHistory(
                of: sequence, subject: subject, ledger: ledger, reveal: parsed.flags.contains("reveal"), json: json)
            return
        }
        let result = try await ledger.rectify(holding: sequence, of: subject, to: value)
        if json {
            return try CommandOutput(
                "pdl.rectification",
                RectificationOutput(
                    facts: RecordedFacts(command: "rectify", facts: result.facts).facts,
                    recipientsToTell: result.recipientsToTell)
            ).print()
        }
        print("Recorded fact \(result.facts[0].sequence): holding \(sequence) of \(subject) corrected.")
        for line in recipientLines(result.recipientsToTell) { print(line) }
    }

    private static func printHistory(
        of sequence: UInt64, subject: SubjectID, ledger: Ledger, reveal: Bool, json: Bool
    ) async throws {
        let versions = try await ledger.valueHistory(of: sequence, about: subject)
        let report = try await ledger.store.facts(about: subject).first { $0.sequence == sequence }
        var format = ValueFormat.text
        var held: Holding?
        if case .holding(let holding)? = report?.body {
            format = ledger.catalog.categories[holding.category]?.format ?? .text
            held = holding
        }
        func shown(_ value: PersonalValue) -> String { reveal ? value.revealed! : format.mask(value.revealed!) }
        if json {
            let history = ValueHistoryOutput(
                subject: subject, holding: sequence, category: held?.category, system: held?.system,
                purpose: held?.purpose, isRevealed: reveal,
                versions: versions.map { version in
                    .init(
                        sequence: version.sequence, recordedAt: version.recordedAt, actor: version.actor,
                        isRectification: version.isRectification, isCurrent: version.isCurrent,
                        value: version.value.flatMap { $0.isErased ? nil : shown($0) },
                        isErased: version.value?.isErased ?? false)
                })
            return try CommandOutput("pdl.value-history", history).print()
        }
        if let held {
            print("Holding \(sequence) of \(subject): \(held.category) in \(held.system) for \(held.purpose)")
        }
        for version in versions {
            let shown: String =
                switch version.value {
                case nil: "(not recorded)"
                case let value? where value.isErased: "(erased)"
                case let value?: shown(value)
                }
            print(
                "  fact \(version.sequence)  \(version.recordedAt.formatted(.iso8601))  \(version.actor)  "
                    + (version.isRectification ? "corrected to " : "recorded ") + shown
                    + (version.isCurrent ? "  (current)" : ""))
        }
    }

    /// What `pdl rectify --format json` prints (schema `pdl.rectification`).
    struct RectificationOutput: Codable {
        /// The rectification recorded.
        var facts: [RecordedFacts.Entry]
        /// The recipients that must be told of the correction (GDPR Art. 19).
        var recipientsToTell: [RecipientNotice]
    }

    /// What `pdl rectify --history --format json` prints (schema `pdl.value-history`).
    struct ValueHistoryOutput: Codable {
        /// One value the holding has had.
        struct Version: Codable {
            var sequence: UInt64
            var recordedAt: Date
            var actor: ActorID
            var isRectification: Bool
            var isCurrent: Bool
            /// The value, masked unless `isRevealed`; absent when not recorded or erased.
            var value: String?
            var isErased: Bool
        }

        var subject: SubjectID
        var holding: UInt64
        var category: DataCategory?
        var system: SystemID?
        var purpose: Purpose?
        /// Whether values are shown in full (`--reveal`) rather than masked.
        var isRevealed: Bool
        /// Oldest first; the last is current.
        var versions: [Version]
    }
}
