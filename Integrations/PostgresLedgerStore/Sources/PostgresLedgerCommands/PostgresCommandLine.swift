import Foundation
public import Logging
import PDLCommands
import PersonalDataLedger
import PostgresLedgerStore

/// `pdl` for PostgreSQL ledgers: every command of ``PDLCommandLine``, on a
/// `--store postgres://…` ledger, with the ledger's key file, and `pdl keys rotate`.
///
/// The key file is `--key-file PATH` (anywhere before `--`) or `PDL_KEY_FILE`. The shared command
/// line does not know `--key-file`, so it is taken out of the arguments here and handed to the
/// opener. A password in the store URL is taken out too (and used from memory), so that no
/// command prints it.
public enum PostgresCommandLine {
    /// Runs `pdl` with `arguments` (without the program name) and returns the exit status: 0 done,
    /// 1 refused by a rule of the ledger, 2 usage error, 3 store error.
    public static func run(
        _ arguments: [String], environment: [String: String], logger: Logger = Logger(label: "pdl.postgres")
    ) async -> Int32 {
        var arguments = arguments
        var environment = environment
        let keyFileOption: String?
        do {
            keyFileOption = try takeOption("key-file", from: &arguments)
        } catch {
            return fail(error, status: 2)
        }
        let keyFile = keyFileOption ?? environment["PDL_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        let password = takePassword(from: &arguments, environment: &environment)
        let opener = PostgresStoreOpener(
            keyFile: keyFile, createsKeyFile: arguments.first == "init",
            password: password ?? environment["PGPASSWORD"], logger: logger)

        if arguments.first == "keys" {
            return await KeysCommand.run(Array(arguments.dropFirst()), opener: opener, environment: environment)
        }
        let status = await PDLCommandLine.run(
            arguments, storeOpeners: opener.openers + [.fileStore], environment: environment)
        if arguments.count == 1, ["--help", "-h", "help"].contains(arguments[0]) { print(help) }
        return status
    }

    static let help = """

        PostgreSQL ledgers (this pdl):
          --store postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME&sslmode=prefer]
                      (or PDL_STORE; the password may be given in PGPASSWORD instead)
          --key-file PATH   The ledger's key-encryption key (or PDL_KEY_FILE); needed by every
                      command. 'pdl init' creates it, mode 0600, for a new ledger.
          pdl keys rotate --new-key-file PATH
                      Wraps every data key under a new key-encryption key, made in PATH.
          pdl keys adopt-identifier-key FILE
                      Gives an empty ledger another ledger's identifier key (its identifier.key),
                      so importing that ledger's export keeps its hash chain.
        """

    /// Takes `--NAME VALUE` or `--NAME=VALUE` out of `arguments` (before a `--`), returning the value.
    static func takeOption(_ name: String, from arguments: inout [String]) throws -> String? {
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        var value: String?
        var index = arguments.startIndex
        var limit = end
        while index < limit {
            let argument = arguments[index]
            if argument == "--\(name)" {
                guard index + 1 < limit else {
                    throw LedgerStoreError(.invalidRequest, "--\(name) needs a value: --\(name) PATH.")
                }
                value = arguments[index + 1]
                arguments.removeSubrange(index...(index + 1))
                limit -= 2
            } else if argument.hasPrefix("--\(name)=") {
                value = String(argument.dropFirst(name.count + 3))
                arguments.remove(at: index)
                limit -= 1
            } else {
                index += 1
            }
        }
        return value
    }

    /// Takes the password out of the `--store` URL (and `PDL_STORE`), returning it.
    static func takePassword(from arguments: inout [String], environment: inout [String: String]) -> String? {
        var password: String?
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        for index in arguments.indices where index < end {
            if arguments[index] == "--store", index + 1 < end {
                let (location, found) = PostgresStoreLocation.separatingPassword(arguments[index + 1])
                arguments[index + 1] = location
                password = found ?? password
            } else if arguments[index].hasPrefix("--store=") {
                let (location, found) = PostgresStoreLocation.separatingPassword(String(arguments[index].dropFirst(8)))
                arguments[index] = "--store=" + location
                password = found ?? password
            }
        }
        if let store = environment["PDL_STORE"] {
            let (location, found) = PostgresStoreLocation.separatingPassword(store)
            environment["PDL_STORE"] = location
            if password == nil { password = found }
        }
        return password
    }

    static func fail(_ error: any Error, status: Int32) -> Int32 {
        let message =
            if let error = error as? LedgerStoreError {
                status == 2 ? "pdl: \(error.message)" : "pdl: store error (\(error.code)): \(error.message)"
            } else {
                "pdl: \(type(of: error)) failed; no details are printed because they may hold personal data."
            }
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return status
    }
}
