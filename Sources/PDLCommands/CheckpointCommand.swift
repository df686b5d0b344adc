import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// A checkpoint as `pdl checkpoint` writes it (schema `pdl.checkpoint`) and `pdl verify
/// --checkpoint` reads it; one written before it named its schema reads the same.
struct CheckpointDocument: Codable {
    static let schema = "pdl.checkpoint"

    var count: UInt64
    var hash: String
    var createdAt: Date

    var head: IntegrityHead { IntegrityHead(count: count, hash: hash) }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

/// `pdl checkpoint`: writes the ledger's integrity head, to keep somewhere else.
enum CheckpointCommand: Command {
    static let declaration = CommandDeclaration(
        name: "checkpoint",
        abstract: "Write the integrity head (count and chain hash) as a checkpoint file.",
        discussion: """
            Verifies the hash chain, then writes the ledger's integrity head as JSON:
              {"count": 1234, "createdAt": "2026-06-01T09:00:00Z", "hash": "9f2c…",
               "schema": "pdl.checkpoint", "schemaVersion": 1}
            Keep the file away from the ledger (another machine, a ticket, an email to yourself).
            'pdl verify --checkpoint FILE' later proves the facts it covers were neither removed
            nor rewritten. It holds no personal data.
            """,
        options: [.store, .output()] + OptionDeclaration.progress,
        examples: [
            "pdl checkpoint --output checkpoint-$(date +%F).json"
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let ledger = try await context.openLedger(parsed, actor: "pdl", readOnly: true)
        let progress = try await ProgressLine.scanning("Verify", ledger, parsed)
        let head: IntegrityHead
        do {
            defer { progress?.finish() }
            head = try await ledger.store.verify(against: nil, progress: progress?.scanCallback)
        }
        let document = CheckpointDocument(count: head.count, hash: head.hash, createdAt: context.clock.now())
        var data = try CheckpointDocument.encoder.encode(CommandOutput(CheckpointDocument.schema, document))
        data.append(0x0A)
        if let path = parsed.options["output"], path != "-" {
            do {
                try data.write(to: URL(filePath: path), options: .atomic)
            } catch {
                throw UsageError("Cannot write \(path): check that its directory exists and is writable.")
            }
            writeError("Checkpoint of \(head.count) facts written to \(path).")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
