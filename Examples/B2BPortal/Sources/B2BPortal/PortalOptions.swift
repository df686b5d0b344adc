import PersonalDataLedger
import PersonalDataLedgerReports
import PostgresLedgerCommands

/// The command line: `B2BPortal [--store DIR|URL] [--key-file PATH] [--language TAG] [--serve]`.
struct PortalOptions {
    struct UsageError: Error { var message: String }

    static let usage = """
        Usage: B2BPortal [--store DIR|URL] [--key-file PATH] [--language TAG] [--serve]
          --store DIR|URL  the ledger (default: PDL_STORE, else a throwaway in-memory ledger): a
                           directory, or postgres://USER@HOST:PORT/DATABASE?schema=NAME, the
                           company's ledger that every service and pdl share (password in PGPASSWORD)
          --key-file PATH  a PostgreSQL ledger's key file (default: PDL_KEY_FILE), made by 'pdl init'
          --language TAG   the language of access reports: en (default), nb, or another tag
          --serve          run as a service: one JSON request per line on standard input, one JSON
                           answer per line on standard output, until standard input ends
        Without --serve it records the example's story and prints Kari's access report.
        """

    /// Where the ledger is: `--store` and `--key-file`, else `PDL_STORE` and `PDL_KEY_FILE`; in
    /// memory when neither names a store.
    var storeConfiguration: ServiceStoreConfiguration
    var language = Language.english
    var serves = false
    var showHelp = false

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        var store: String?
        var keyFile: String?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--store", "--key-file", "--language":
                guard let value = rest.popFirst() else { throw UsageError(message: "\(argument) needs a value.") }
                switch argument {
                case "--store": store = value
                case "--key-file": keyFile = value
                default:
                    guard let chosen = Language(rawValue: value) else {
                        throw UsageError(message: "--language takes a language tag, such as en or nb.")
                    }
                    language = chosen
                }
            case "--serve": serves = true
            case "--help", "-h": showHelp = true
            default: throw UsageError(message: "unknown argument '\(argument)'.")
            }
        }
        storeConfiguration = ServiceStoreConfiguration(store: store, keyFile: keyFile, environment: environment)
    }
}
