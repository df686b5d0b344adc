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
            hole. Progress — bytes read of the file's size, the percentage, the time left and
            the facts imported — is shown on standard error when it is a terminal (input from a
            pipe has no size known up front: then only what was read).

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
            .jsonFormat("pdl.import"),
        ] + OptionDeclaration.progress,
        examples: [
            "pdl checkpoint --store old --output old.checkpoint && pdl export --store old --output facts.jsonl",
            "mkdir -m 700 new && cp -p old/identifier.key new/ && pdl init --store new",
            "pdl import facts.jsonl --store new && pdl verify --checkpoint old.checkpoint --store new",
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let batchSize = Int(parsed.options["batch-size"] ?? "1000") ?? 0
        guard batchSize > 0 else { throw UsageError("--batch-size must be a positive whole number.") }
        let json = try wantsJSON(parsed)
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
        let progress = try ProgressLine.start("Import", total: Self.size(of: handle), unit: .bytes, parsed)
        var onRead: (@Sendable (UInt64) -> Void)?
        if let progress { onRead = { bytes in progress.update(bytes) } }
        let reader = LineReader(handle: handle, onRead: onRead)
        let ledger = try await context.openLedger(parsed, actor: "pdl-import")
        let summary: FactImportSummary
        do {
            defer { progress?.finish() }
            summary = try await ledger.importFacts(
                lines: reader, batchSize: batchSize, chain: parsed.flags.contains("new-chain") ? .new : .keep
            ) { state in
                progress?.update(
                    detail:
                        "line \(state.linesRead), \(state.imported) facts imported, \(state.skipped) already present")
            }
        } catch {
            // The input stopped at a line the reader refused; what the import said about the
            // file's end follows from that. Store failures stay what they are.
            if !(error is LedgerStoreError), let refusal = try await refusal(of: reader, ledger: ledger) {
                throw refusal
            }
            throw error
        }
        if let refusal = try await refusal(of: reader, ledger: ledger) { throw refusal }
        if reader.readError != nil {
            throw LedgerStoreError(
                .io,
                "Reading \(path) failed after line \(summary.linesRead); the facts before it are imported. Run the import again to resume."
            )
        }
        if json {
            return try CommandOutput("pdl.import", ImportOutput(summary, file: path)).print()
        }
        let chain =
            summary.chain == .keep
            ? "the export's chain, kept: checkpoints of the source ledger verify here."
            : "a new chain: checkpoints of the source ledger do not verify here."
        print(
            "Imported \(summary.imported) facts (\(summary.skipped) already present) from \(path). "
                + "The ledger holds \(summary.integrityHead.count) facts; head \(summary.integrityHead.hash), \(chain)")
    }

    /// The size of the input when it is a regular file, the total of the progress line; `nil`
    /// for a pipe or a terminal, whose size is not known until it ends.
    private static func size(of handle: FileHandle) -> UInt64? {
        var status = stat()
        guard fstat(handle.fileDescriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return UInt64(status.st_size)
    }

    /// What `pdl import --format json` prints (schema `pdl.import`).
    struct ImportOutput: Codable {
        /// The file imported; `-` for standard input.
        var file: String
        var linesRead: Int
        var imported: Int
        var skipped: Int
        /// `keep` (the export's chain: its checkpoints verify here) or `new`.
        var chain: String
        var integrityHead: IntegrityHead

        init(_ summary: FactImportSummary, file: String) {
            self.file = file
            linesRead = summary.linesRead
            imported = summary.imported
            skipped = summary.skipped
            chain = summary.chain == .keep ? "keep" : "new"
            integrityHead = summary.integrityHead
        }
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
