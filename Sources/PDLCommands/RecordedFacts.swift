import Foundation
import PersonalDataLedger

/// What a command that records prints with `--format json` (schema `pdl.recorded`): the facts
/// it recorded, so a script can link them (`pdl requests close --facts`) without reading text.
struct RecordedFacts: Codable {
    /// One recorded fact: where it is in the ledger, what kind, when and by whom.
    struct Entry: Codable {
        var sequence: UInt64
        var kind: FactKind
        var recordedAt: Date
        var actor: ActorID
    }

    static let schema = "pdl.recorded"

    /// The command that recorded them, such as `record` or `policy publish`.
    var command: String
    var facts: [Entry]

    init(command: String, facts: [Fact]) {
        self.command = command
        self.facts = facts.map {
            Entry(sequence: $0.sequence, kind: $0.body.kind, recordedAt: $0.recordedAt, actor: $0.actor)
        }
    }

    /// Prints the `pdl.recorded` document of `facts`.
    static func print(_ facts: [Fact], by command: String) throws {
        try CommandOutput(schema, RecordedFacts(command: command, facts: facts)).print()
    }
}
