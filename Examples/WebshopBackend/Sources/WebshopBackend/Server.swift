import Foundation
import Hummingbird
import PersonalDataLedger
import PostgresLedgerCommands

/// `WebshopBackend [--store DIR|postgres://…] [--key-file PATH] [--port 8080] [--host 127.0.0.1] [--in-memory]`
@main
enum Server {
    static func main() async throws {
        do {
            try await run()
        } catch let error as LedgerStoreError {
            // A locked, damaged or unreadable ledger, an unreachable server, a wrong key file: say
            // so plainly, as pdl does (exit status 3).
            FileHandle.standardError.write(Data("WebshopBackend: store error (\(error.code)): \(error.message)\n".utf8))
            exit(3)
        }
    }

    static func run() async throws {
        let options: Options
        do {
            options = try Options(
                Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
        } catch let error as Options.UsageError {
            FileHandle.standardError.write(Data("WebshopBackend: \(error.message)\n\(Options.usage)\n".utf8))
            exit(2)
        }
        if options.showHelp {
            print(Options.usage)
            return
        }
        let observability = WebshopObservability()
        let store: any LedgerStore
        let identifierKey: IdentifierKey
        if options.inMemory {
            store = InMemoryLedgerStore(observer: observability.observer)
            identifierKey = .random()
        } else {
            // A ledger directory, or the company's PostgreSQL ledger — named as `pdl` names it, so
            // `pdl find` finds the people the webshop records (the same identifier key).
            let opened = try await options.storeConfiguration.open(defaultLocation: Options.defaultStore)
            store = opened.store
            identifierKey = opened.identifierKey
        }
        let ledger = Ledger(
            store: store, catalog: .focusNordic, region: .norway, actor: "webshop", identifierKey: identifierKey,
            observer: observability.observer)
        let webshop = Webshop(ledger: ledger)
        try await webshop.publishPolicyIfNeeded()
        let router = webshop.router()
        observability.addMetricsRoute(to: router)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "WebshopBackend"))
        // Runs until SIGINT or SIGTERM, then closes the store so the next open is fast.
        try await app.runService()
        try await store.close()
    }
}

/// The command line.
struct Options {
    struct UsageError: Error { var message: String }

    static let usage = """
        Usage: WebshopBackend [--store DIR|URL] [--key-file PATH] [--port PORT] [--host HOST] [--in-memory]
          --store DIR|URL  the ledger (default: PDL_STORE, else ./ledger): a directory, one writer at
                           a time; or postgres://USER@HOST:PORT/DATABASE?schema=NAME, the company's
                           ledger that every service and pdl share (password in PGPASSWORD)
          --key-file PATH  a PostgreSQL ledger's key file (default: PDL_KEY_FILE), made by 'pdl init'
          --port PORT      the port to listen on (default: 8080)
          --host HOST      the address to listen on (default: 127.0.0.1)
          --in-memory      keep the ledger in memory: a throwaway run
        """

    /// The ledger directory when neither `--store` nor `PDL_STORE` names one.
    static let defaultStore = "./ledger"

    /// Where the ledger is: `--store` and `--key-file`, else `PDL_STORE` and `PDL_KEY_FILE`.
    var storeConfiguration: ServiceStoreConfiguration
    var port = 8080
    var host = "127.0.0.1"
    var inMemory = false
    var showHelp = false

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        var store: String?
        var keyFile: String?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--in-memory": inMemory = true
            case "--store", "--key-file", "--port", "--host":
                guard let value = rest.popFirst() else { throw UsageError(message: "\(argument) needs a value.") }
                switch argument {
                case "--store": store = value
                case "--key-file": keyFile = value
                case "--host": host = value
                default:
                    guard let port = Int(value), (1...65535).contains(port) else {
                        throw UsageError(message: "--port needs a number from 1 to 65535.")
                    }
                    self.port = port
                }
            case "--help", "-h": showHelp = true
            default: throw UsageError(message: "unknown argument '\(argument)'.")
            }
        }
        storeConfiguration = ServiceStoreConfiguration(store: store, keyFile: keyFile, environment: environment)
    }
}
