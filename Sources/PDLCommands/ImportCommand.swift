import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl import FILE`: imports a `pdl.facts` JSON-lines export.
enum ImportCommand: Command {
    static let declaration = CommandDeclaration(
        name: "import",
        abstract: "Import facts from a JSON-lines export (pdl export --format jsonl).",
        discussion: """
            Imports the facts of FILE (a pdl.facts JSON-lines export; - reads standard input)
            into the ledger, keeping their sequence numbers. The ledger must be empty, or hold the
            beginning of the same export: facts it already has are compared and skipped, so
            running an interrupted import again resumes it.

            Every fact is checked against the ledger's catalog (declared names, purpose limitation,
            legal bases, value formats): give a new ledger the source's catalog first ('pdl init
            --catalog FILE'). On the first bad line the import stops with the line number
            (exit status 1); the lines before it are imported. Facts are appended in order, N at a
            time, each batch durably: an interrupted import leaves a prefix of the file, never a
            hole. Progress is shown on standard error when it is a terminal.

            A line that is not valid UTF-8, or longer than 16 MiB, stops the import the same way
            (exit status 1, rule invalidUTF8 or lineTooLong); its bytes are never printed.

            The chain: an export of version 2 carries the salts and commitments of the source
            ledger's hash chain, and the import rebuilds that chain, checking every line: the
            ledger ends with the export's head, so 'pdl verify --checkpoint FILE' with a checkpoint
            of the source ledger passes here, and importing a ledger's own export changes nothing.
            The lookup tokens belong to the chain: a ledger directory needs the source's
            identifier.key (copy it into the new directory before 'pdl init'); an import into a
            ledger with another key is refused before anything is imported. --new-chain imports
            into a new chain instead (new salts, tokens under this ledger's key; old checkpoints
            do not verify), as every version 1 export is.
            """,
        arguments: [ArgumentDeclaration("FILE", help: "A pdl.facts JSON-lines export; - reads standard input.")],
        options: [
            .store,
            OptionDeclaration("batch-size", .value, valueName: "N", help: "Facts per durable append.", default: "1000"),
            OptionDeclaration(
                "new-chain", .flag,
                help: "Build a new hash chain instead of keeping the export's (old checkpoints will not verify)."),
        ],
        examples: [
            "pdl checkpoint --store old --output old.checkpoint && pdl export --store old --output facts.jsonl",
            "mkdir -m 700 new && cp -p old/identifier.key new/ && pdl init --store new",
            "pdl import facts.jsonl --store new && pdl verify --checkpoint old.checkpoint --store new",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let batchSize = Int(parsed.options["batch-size"] ?? "1000") ?? 0
        guard batchSize > 0 else { throw UsageError("--batch-size must be a positive whole number.") }
        let path = parsed.positionals[0]
        let handle: FileHandle
        if path == "-" {
            handle = .standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw UsageError("Cannot read \(path): check that the file exists and is readable.")
            }
            handle = opened
        }
        let reader = LineReader(handle: handle)
        let ledger = try await context.openLedger(parsed, actor: "pdl-import")
        let showProgress = standardErrorIsTerminal
        let summary: FactImportSummary
        do {
            summary = try await ledger.importFacts(
                lines: reader, batchSize: batchSize, chain: parsed.flags.contains("new-chain") ? .new : .keep
            ) { progress in
                guard showProgress else { return }
                FileHandle.standardError.write(
                    Data(
                        "\rline \(progress.linesRead): \(progress.imported) imported, \(progress.skipped) already present"
                            .utf8))
            }
        } catch {
            if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            // The input stopped at a line the reader refused; what the import said about the
            // file's end follows from that. Store failures stay what they are.
            if !(error is LedgerStoreError), let refusal = try await refusal(of: reader, ledger: ledger) {
                throw refusal
            }
            throw error
        }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        if let refusal = try await refusal(of: reader, ledger: ledger) { throw refusal }
        if reader.readError != nil {
            throw LedgerStoreError(
                .io,
                "Reading \(path) failed after line \(summary.linesRead); the facts before it are imported. Run the import again to resume."
            )
        }
        let chain =
            summary.chain == .keep
            ? "the export's chain, kept: checkpoints of the source ledger verify here."
            : "a new chain: checkpoints of the source ledger do not verify here."
        print(
            "Imported \(summary.imported) facts (\(summary.skipped) already present) from \(path). "
                + "The ledger holds \(summary.integrityHead.count) facts; head \(summary.integrityHead.hash), \(chain)")
    }

    /// The refusal of the line the reader stopped at, if it refused one: never its bytes.
    private static func refusal(of reader: LineReader, ledger: Ledger) async throws -> LedgerError? {
        let problem: (LedgerError.Rule, Int, String)
        switch reader.failure {
        case .invalidUTF8(let line)?:
            problem = (
                .invalidUTF8, line,
                "The line is not valid UTF-8 (a stray byte, an overlong encoding or an encoded surrogate); a pdl.facts "
                    + "export is always UTF-8, so this file was altered or is not one."
            )
        case .tooLong(let line, let limit)?:
            problem = (
                .lineTooLong, line,
                "The line is longer than \(limit >> 20) MiB (\(limit) bytes), the longest a pdl.facts line may be; "
                    + "this file was altered or is not one."
            )
        case .read?, nil:
            return nil
        }
        let kept = try await ledger.store.integrityHead().count
        return LedgerError(
            problem.0,
            "Line \(problem.1): \(problem.2) The lines before it are in the ledger (it holds \(kept) facts); "
                + "correct this line and run the import again — facts already imported are skipped.")
    }
}
