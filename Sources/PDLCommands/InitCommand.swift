import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
import Foundation
import PersonalDataLedger

/// `pdl init`: creates an empty ledger directory.
enum InitCommand: Command {
    static let name = "init"
    static let summary = "Create an empty ledger directory."
    static let help = """
        Usage: pdl init [--store DIR]

        Creates the ledger directory DIR (and its parents) and an empty ledger in it. Running
        it on an existing ledger changes nothing and says how many facts it holds.

        Options:
        \(storeOptionHelp)

        \(exitStatusHelp)

        Example:
          pdl init --store /var/lib/focus-nordic/ledger
        """

    static func run(_ arguments: [String]) async throws {
        let parsed = try ParsedArguments(arguments, options: ["store"], flags: [])
        guard parsed.positionals.isEmpty else { throw UsageError("pdl init takes no arguments.") }
        let location = StoreLocation(parsed)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: location.path, isDirectory: &isDirectory),
            !isDirectory.boolValue
        {
            throw UsageError("\(location.path) exists and is not a directory. Choose another path with --store.")
        }
        do {
            try FileManager.default.createDirectory(
                atPath: location.path, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw LedgerStoreError(
                .io, "Cannot create the directory \(location.path): check the path and its permissions.")
        }
        let ledger = try await location.openLedger(actor: "pdl")
        let head = try await ledger.store.integrityHead()
        if head.count == 0 {
            print("Created an empty ledger in \(location.path).")
        } else {
            print("\(location.path) already holds a ledger with \(head.count) facts; nothing changed.")
        }
    }
}
