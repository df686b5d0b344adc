import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
import Foundation
import PersonalDataLedger

/// `pdl verify`: checks the hash chain, and optionally an earlier checkpoint.
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = "Check the ledger's hash chain, and that an earlier checkpoint still holds."
    static let help = """
        Usage: pdl verify [--checkpoint FILE] [--store DIR]

        Recomputes every link of the ledger's hash chain. With --checkpoint, also proves that
        the facts the checkpoint covers (see 'pdl checkpoint') were neither removed nor
        rewritten since it was made. Erasures do not break the chain.

        Exit status 0 when everything verifies; 3 when it does not (the message names the
        first fact that fails) or the store cannot be read.

        Options:
        \(storeOptionHelp)
          --checkpoint FILE   A checkpoint written earlier by 'pdl checkpoint'.

        Example:
          pdl verify --checkpoint checkpoint-2026-05-01.json
        """

    static func run(_ arguments: [String]) async throws {
        let parsed = try ParsedArguments(arguments, options: ["store", "checkpoint"], flags: [])
        guard parsed.positionals.isEmpty else { throw UsageError("pdl verify takes no arguments.") }
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
        let ledger = try await StoreLocation(parsed).openLedger(actor: "pdl", readOnly: true)
        if standardErrorIsTerminal { writeError("Verifying the hash chain…") }
        let head: IntegrityHead
        do {
            head = try await ledger.store.verify(against: checkpoint?.head)
        } catch let error as LedgerStoreError where error.code == .integrityViolation {
            throw LedgerStoreError(
                error.code,
                error.message + "\n"
                    + "What to do: stop the services that write to this ledger and write nothing to it; copy the "
                    + "directory and the checkpoint aside as evidence; restore the ledger from the most recent "
                    + "backup that passes 'pdl verify --checkpoint' and re-record what came after it; treat it as "
                    + "a possible personal data breach (GDPR Art. 33: tell Datatilsynet within 72 hours unless "
                    + "unlikely to result in a risk)."
            )
        }
        print("OK: the hash chain of \(head.count) facts verifies; head \(head.hash).")
        if let checkpoint {
            print(
                "OK: the \(checkpoint.count) facts of the checkpoint made \(checkpoint.createdAt.formatted(.iso8601)) are unchanged."
            )
        }
    }
}
