import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl erase SUBJECT`: plans an erasure, prints the plan, and carries it out.
enum EraseCommand: Command {
    static let declaration = CommandDeclaration(
        name: "erase",
        abstract: "Erase a subject's data (GDPR Art. 17), keeping what the law requires.",
        discussion: """
            Plans the erasure of SUBJECT's data and of every identifier linked to it, prints the
            plan — what will be erased; what is kept under which legal hold (bookkeeping
            obligation, legal claims, an ongoing contract) and until when; which identifiers go;
            which recipients must be told (Art. 19) — and then carries it out, physically,
            unless --dry-run is given: everything in scope when the erasure is recorded, also
            what a service recorded about SUBJECT meanwhile, from this process or another (the
            result line counts it). Without --category, --purpose or --holding it erases
            everything, the identifier too when nothing must be kept (else 'pdl retention
            --apply' erases it with the last kept holding). Erasing what is already erased
            changes nothing and is not an error.
            """,
        arguments: [ArgumentDeclaration("SUBJECT", help: "Whose data, such as customer:10001.")],
        options: [
            .store, OptionDeclaration("dry-run", .flag, help: "Print the plan only; erase nothing."),
            OptionDeclaration(
                "category", .repeatedValue, valueName: "C",
                help: "Erase only this category (repeat, or separate with commas)."),
            OptionDeclaration(
                "purpose", .repeatedValue, valueName: "P",
                help: "Erase only what is held for this purpose (repeatable)."
            ),
            OptionDeclaration(
                "holding", .repeatedValue, valueName: "N",
                help: "Erase only this holding, by the number 'pdl report SUBJECT' prints beside it (#12; "
                    + "repeatable). Use one of --category, --purpose and --holding."),
            OptionDeclaration(
                "reason", .value, valueName: "R", help: "Why the data is erased.", default: "subjectRequest",
                choices: ["subjectRequest", "consentWithdrawn", "retentionExpired"]),
            .format(
                ["text", "json"],
                help: "text, or json (schema pdl.erasure: the plan, and the result unless --dry-run; "
                    + "Documentation/CommandOutput.md)."),
            .actor(valueName: "ACTOR", default: "dpo"),
        ],
        examples: [
            "pdl erase customer:10001 --dry-run",
            "pdl erase customer:10001 --category phone --category email",
        ],
        exitStatus: """
            Exit status: 0 done (or nothing to do), 1 refused by a rule, 2 usage error, 3 store error.
            """
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let scope = try scope(parsed)
        let reason = Erasure.Reason(
            try parsed.choice(
                "reason", in: ["subjectRequest", "consentWithdrawn", "retentionExpired"], default: "subjectRequest"))
        let json = try wantsJSON(parsed)
        let dryRun = parsed.flags.contains("dry-run")
        let ledger = try await context.openLedger(parsed, actor: ActorID(parsed.options["actor"] ?? "dpo"))
        try await UnknownSubjectWarning.warnIfUnknown(SubjectID(parsed.positionals[0]), in: ledger)

        let subject = SubjectID(parsed.positionals[0])
        let plan = try await ledger.planErasure(of: subject, scope: scope, reason: reason)
        // In one step, not the plan: what a service records about the person while the plan is
        // printed is numbered before the erasure, so it goes too (or is kept by a hold).
        let result = dryRun ? nil : try await ledger.erase(subject, scope: scope, reason: reason)
        if json { return try CommandOutput("pdl.erasure", EraseOutput(plan: plan, result: result)).print() }
        print(planText(plan).joined(separator: "\n"))
        print()
        guard let result else {
            print("Dry run: nothing was erased.")
            return
        }
        if result.isNoOp {
            print("Nothing to erase: it was already erased, or what is kept already waits for its hold to end.")
            return
        }
        if result.erased.isEmpty && result.identifiersErased.isEmpty {
            print(
                "Nothing can be erased now: everything in scope must be kept. The request is recorded as fact(s) "
                    + "\(result.erasures.map { "#\($0.sequence)" }.joined(separator: ", ")); pdl retention --apply "
                    + "erases what is kept once its hold ends.")
            return
        }
        let values = result.erased.count + result.erased.reduce(0) { $0 + $1.rectifications.count }
        print(
            "Erased \(values) value(s)"
                + (result.identifiersErased.isEmpty
                    ? "" : " and the identifier(s) \(result.identifiersErased.map(\.rawValue).joined(separator: ", "))")
                + "; recorded as fact(s) \(result.erasures.map { "#\($0.sequence)" }.joined(separator: ", ")).")
        print(recipientLines(result.recipientsToTell).joined(separator: "\n"))
    }

    private static func scope(_ parsed: ParsedArguments) throws(UsageError) -> ErasureRequestScope {
        let categories = parsed.values("category")
        let purposes = parsed.values("purpose")
        let holdings = parsed.values("holding")
        guard [categories, purposes, holdings].filter({ !$0.isEmpty }).count <= 1 else {
            throw UsageError("Use one of --category, --purpose and --holding, not several.")
        }
        if !categories.isEmpty { return .categories(Set(categories.map(DataCategory.init))) }
        if !purposes.isEmpty { return .purposes(Set(purposes.map(Purpose.init))) }
        if !holdings.isEmpty {
            var sequences = Set<UInt64>()
            for holding in holdings {
                guard let sequence = UInt64(holding.trimmingPrefix("#")) else {
                    throw UsageError("--holding takes a sequence number, such as 42.")
                }
                sequences.insert(sequence)
            }
            return .holdings(sequences)
        }
        return .everything
    }

    static func planText(_ plan: ErasurePlan) -> [String] {
        let linked = plan.subjects.filter { $0 != plan.subject }
        var lines = [
            "Erasure plan for \(plan.subject)"
                + (linked.isEmpty ? "" : " and linked \(linked.map(\.rawValue).joined(separator: ", "))")
                + " — reason \(plan.reason), planned \(plan.plannedAt.formatted(.iso8601))"
        ]
        lines.append("Will erase (\(plan.erase.count)):")
        if plan.erase.isEmpty { lines.append("  nothing") }
        for item in plan.erase {
            lines.append(
                "  #\(item.holding) \(item.subject) \(item.category) — \(item.system), \(item.purpose)"
                    + (item.reference.map { ", \($0)" } ?? "")
                    + (item.rectifications.isEmpty ? "" : " (+\(item.rectifications.count) correction(s))"))
        }
        if !plan.keep.isEmpty {
            lines.append("Will keep (\(plan.keep.count)), as the law requires (GDPR Art. 17(3)):")
            for kept in plan.keep {
                let until =
                    kept.until.map { "until \(describeEnd($0))" }
                    ?? kept.untilEvent.map { "until event \($0)" } ?? "for now"
                lines.append(
                    "  #\(kept.holding) \(kept.subject) \(kept.category) — \(kept.system), \(kept.purpose)"
                        + (kept.reference.map { ", \($0)" } ?? "") + ": \(kept.hold) \(until)")
            }
        }
        if !plan.alreadyErased.isEmpty {
            lines.append("Already erased: " + plan.alreadyErased.map { "#\($0)" }.joined(separator: ", "))
        }
        if !plan.identifiersErased.isEmpty {
            lines.append("Identifiers erased too: " + plan.identifiersErased.map(\.rawValue).joined(separator: ", "))
        }
        lines += recipientLines(plan.recipientsToTell)
        return lines
    }

    /// What `pdl erase --format json` prints (schema `pdl.erasure`).
    struct EraseOutput: Codable {
        /// What the erasure does and keeps, and why.
        var plan: ErasurePlan
        /// What was erased and recorded; absent with `--dry-run`.
        var result: ErasureResult?
    }
}
