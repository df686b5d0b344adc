import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl verify`: checks the hash chain, and optionally an earlier checkpoint.
enum VerifyCommand: Command {
    static let declaration = CommandDeclaration(
        name: "verify",
        abstract: "Check the ledger's hash chain, and that an earlier checkpoint still holds.",
        discussion: """
            Recomputes every link of the ledger's hash chain. With --checkpoint, also proves that
            the facts the checkpoint covers (see 'pdl checkpoint') were neither removed nor
            rewritten since it was made. Erasures do not break the chain.
            """,
        options: [
            .store,
            OptionDeclaration(
                "checkpoint", .value, valueName: "FILE", help: "A checkpoint written earlier by 'pdl checkpoint'."),
            .jsonFormat("pdl.verification"),
        ] + OptionDeclaration.progress,
        examples: [
            "pdl verify --checkpoint checkpoint-2026-05-01.json"
        ],
        exitStatus: """
            Exit status 0 when everything verifies; 3 when it does not (the message names the
            first fact that fails) or the store cannot be read; 2 usage error.
            """
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let json = try wantsJSON(parsed)
        var checkpoint: CheckpointDocument?
        if let path = parsed.options["checkpoint"] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw UsageError("Cannot read the checkpoint \(path): check that the file exists.")
            }
            guard let document = try? CheckpointDocument.decoder.decode(CheckpointDocument.self, from: data),
                document.hash.count == 64
            else {
                throw UsageError("\(path) is not a checkpoint written by 'pdl checkpoint' (count, hash, createdAt).")
            }
            checkpoint = document
        }
        let ledger = try await context.openLedger(parsed, actor: "pdl", readOnly: true)
        let progress = try await ProgressLine.scanning("Verify", ledger, parsed)
        let head: IntegrityHead
        do {
            defer { progress?.finish() }
            head = try await ledger.store.verify(against: checkpoint?.head, progress: progress?.scanCallback)
        } catch let error as LedgerStoreError where error.code == .integrityViolation {
            let authority =
                SupervisoryAuthority.of(ledger.region).map { "\($0.name.text(in: .english)), \($0.addressLine)" }
                ?? "the lead supervisory authority (Art. 56)"
            throw LedgerStoreError(
                error.code,
                error.message + "\n"
                    + "What to do: stop the services that write to this ledger and write nothing to it; copy the "
                    + "directory and the checkpoint aside as evidence; restore the ledger from the most recent "
                    + "backup that passes 'pdl verify --checkpoint' and re-record what came after it; treat it as "
                    + "a possible personal data breach (GDPR Art. 33: tell the lead supervisory authority, "
                    + authority + ", within 72 hours unless unlikely to result in a risk)."
            )
        }
        if json {
            return try CommandOutput(
                "pdl.verification", VerificationOutput(integrityHead: head, checkpoint: checkpoint)
            )
            .print()
        }
        print("OK: the hash chain of \(head.count) facts verifies; head \(head.hash).")
        if let checkpoint {
            print(
                "OK: the \(checkpoint.count) facts of the checkpoint made \(checkpoint.createdAt.formatted(.iso8601)) are unchanged."
            )
        }
    }

    /// What `pdl verify --format json` prints when everything verifies (schema
    /// `pdl.verification`); a failure prints nothing on standard output and exits 3.
    struct VerificationOutput: Codable {
        /// The head the whole chain was recomputed to.
        var integrityHead: IntegrityHead
        /// The checkpoint given with `--checkpoint`, which holds.
        var checkpoint: CheckpointDocument?
    }
}
