import Foundation
import PDLCommands
import PersonalDataLedger
import PostgresLedgerStore

/// `pdl keys rotate --new-key-file PATH`: makes a new key-encryption key in PATH and wraps every
/// live data key (and the index key) under it, in one transaction. `pdl keys adopt-identifier-key
/// FILE`: gives an empty ledger another ledger's identifier key, so an import keeps its chain.
enum KeysCommand {
    static let usage = """
        Usage: pdl keys rotate --new-key-file PATH [--store postgres://…] [--key-file PATH]
               pdl keys adopt-identifier-key FILE [--store postgres://…] [--key-file PATH]

        adopt-identifier-key gives the empty PostgreSQL ledger the identifier key in FILE (a
        ledger directory's identifier.key), so that 'pdl import' of that ledger's export keeps
        its hash chain and its lookup tokens still find people. Only an empty ledger adopts a key.

        Makes a new key-encryption key in PATH (mode 0600; an existing file is never replaced) and
        wraps every live data key of the PostgreSQL ledger, and its index key, under it. Afterwards
        only the new key file opens the ledger. Destroy the old key file once every service uses
        the new one: then no dump or backup taken before the rotation can open the values of a
        person erased before it.

        Exit status: 0 rotated; 2 usage error; 3 store error (the ledger is unchanged unless the
        message says the outcome is unknown).
        """

    static func run(_ arguments: [String], opener: PostgresStoreOpener, environment: [String: String]) async -> Int32 {
        if arguments.isEmpty || arguments.contains("--help") || arguments.contains("-h") {
            print(usage)
            return arguments.isEmpty ? 2 : 0
        }
        if arguments.first == "adopt-identifier-key" {
            return await adopt(Array(arguments.dropFirst()), opener: opener, environment: environment)
        }
        guard arguments.first == "rotate" else {
            return usageError("'pdl keys' has two subcommands, rotate and adopt-identifier-key.")
        }
        var rest = Array(arguments.dropFirst())
        let newKeyFile: String?
        let store: String?
        do {
            newKeyFile = try PostgresCommandLine.takeOption("new-key-file", from: &rest)
            store = try PostgresCommandLine.takeOption("store", from: &rest)
        } catch {
            return PostgresCommandLine.fail(error, status: 2)
        }
        guard rest.isEmpty else {
            return usageError("'pdl keys rotate' takes only --new-key-file, --store and --key-file.")
        }
        guard let newKeyFile, !newKeyFile.isEmpty else {
            return usageError("'pdl keys rotate' needs --new-key-file PATH, where the new key file is made.")
        }
        guard let location = store ?? environment["PDL_STORE"], !location.isEmpty else {
            return usageError("'pdl keys rotate' needs the ledger: --store postgres://… or PDL_STORE.")
        }
        guard ["postgres", "postgresql"].contains(LedgerStoreOpener.scheme(of: location) ?? "") else {
            return usageError("'pdl keys rotate' works on PostgreSQL ledgers (--store postgres://…).")
        }
        if let oldKeyFile = opener.keyFile,
            URL(filePath: oldKeyFile).standardizedFileURL == URL(filePath: newKeyFile).standardizedFileURL
        {
            return usageError("--new-key-file must name a new file, not the ledger's current key file.")
        }
        let ledger: PostgresLedgerStore
        do {
            ledger = try await opener.open(location, readOnly: true)
        } catch {
            return PostgresCommandLine.fail(error, status: 3)
        }
        let newKey = KeyEncryptionKey.random()
        do {
            try newKey.write(to: URL(filePath: newKeyFile))
        } catch {
            return PostgresCommandLine.fail(error, status: 3)
        }
        let rotated: Int
        do {
            rotated = try await ledger.rotateKeyEncryptionKey(to: newKey)
        } catch {
            _ = PostgresCommandLine.fail(error, status: 3)
            FileHandle.standardError.write(
                Data(
                    """
                    pdl: the new key file \(newKeyFile) is kept: if the connection was lost the rotation may have taken
                    effect. Run 'pdl verify --key-file \(newKeyFile)': if it opens the ledger, the rotation took effect;
                    if it says the key file is not this ledger's, it did not, and \(newKeyFile) can be removed.

                    """.utf8))
            return 3
        }
        let oldKeyFile = opener.keyFile ?? "the old key file"
        print(
            """
            Rotated the key-encryption key: \(rotated) data keys and the index key are now wrapped by key \
            \(newKey.fingerprint) in \(newKeyFile). The old key file \(oldKeyFile) no longer opens this ledger.
            Next:
              1. Give every service and pdl the new key file (--key-file \(newKeyFile) or PDL_KEY_FILE) and restart
                 them: a process still holding the old key can no longer read or record.
              2. Then destroy the old key file and every copy of it (for example: shred -u \(oldKeyFile)). Until it
                 is destroyed, dumps and backups taken before now still open the values of people erased before now.
            """)
        return 0
    }

    /// `pdl keys adopt-identifier-key FILE`.
    private static func adopt(_ arguments: [String], opener: PostgresStoreOpener, environment: [String: String]) async
        -> Int32
    {
        var rest = arguments
        let store: String?
        do { store = try PostgresCommandLine.takeOption("store", from: &rest) } catch {
            return PostgresCommandLine.fail(error, status: 2)
        }
        guard rest.count == 1, let file = rest.first, !file.hasPrefix("--") else {
            return usageError("'pdl keys adopt-identifier-key' takes one FILE, the source ledger's identifier.key.")
        }
        guard let location = store ?? environment["PDL_STORE"], !location.isEmpty,
            ["postgres", "postgresql"].contains(LedgerStoreOpener.scheme(of: location) ?? "")
        else {
            return usageError("'pdl keys adopt-identifier-key' works on PostgreSQL ledgers (--store postgres://…).")
        }
        guard let bytes = FileManager.default.contents(atPath: file) else {
            return usageError("Cannot read \(file): check that the file exists and is readable.")
        }
        do {
            let ledger = try await opener.open(location, readOnly: true)
            // The file carries a magic, a version and a checksum around the key (or is the raw key).
            try await ledger.adoptIdentifierKey(bytes: try IdentifierKey.keyBytes(inFileContents: Array(bytes)))
            let adopted = try await opener.open(location, readOnly: true).identifierKey
            print(
                "The ledger now makes lookup tokens with identifier key \(adopted.fingerprint); import the source ledger's export next."
            )
            return 0
        } catch {
            return PostgresCommandLine.fail(error, status: 3)
        }
    }

    private static func usageError(_ message: String) -> Int32 {
        FileHandle.standardError.write(Data("pdl: \(message)\nRun 'pdl keys --help' for usage.\n".utf8))
        return 2
    }
}
