import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl init`: creates an empty ledger directory.
enum InitCommand: Command {
    static let declaration = CommandDeclaration(
        name: "init",
        abstract: "Create an empty ledger directory.",
        discussion: """
            Creates the ledger directory DIR (and its parents) and an empty ledger in it. Running
            it on an existing ledger changes nothing and says how many facts it holds.
            """,
        options: [.store, .jsonFormat("pdl.init")],
        examples: [
            "pdl init --store /var/lib/focus-nordic/ledger"
        ]
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        // The opener creates the ledger (for the file store: the directory and its parents).
        let json = try wantsJSON(parsed)
        let location = context.storeLocation(parsed)
        let ledger = try await context.openLedger(parsed, actor: "pdl", creating: true)
        let head = try await ledger.store.integrityHead()
        if json {
            return try CommandOutput("pdl.init", InitOutput(created: head.count == 0, integrityHead: head)).print()
        }
        if head.count == 0 {
            print("Created an empty ledger in \(location).")
        } else {
            print("\(location) already holds a ledger with \(head.count) facts; nothing changed.")
        }
    }

    /// What `pdl init --format json` prints (schema `pdl.init`). The location is left out: a
    /// URL may hold a password.
    struct InitOutput: Codable {
        /// Whether the ledger was created now (`false`: it existed, and nothing changed).
        var created: Bool
        var integrityHead: IntegrityHead
    }
}
