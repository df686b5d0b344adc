import Foundation
import Hummingbird
import PersonalDataLedger
import PostgresLedgerCommands

/// `WebshopBackend --tokens-file PATH [--store DIR|postgres://…] [--key-file PATH] [--port 8080] [--host 127.0.0.1]
/// [--in-memory]`
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
        let tokens: CallerTokens
        do {
            tokens = try options.callerTokens()
        } catch let error as CallerTokens.InvalidTokens {
            FileHandle.standardError.write(Data("WebshopBackend: \(error.message)\n".utf8))
            exit(2)
        }
        let store: any LedgerStore
        let identifierKey: IdentifierKey
        if options.inMemory {
            store = InMemoryLedgerStore(observer: observability.observer)
            identifierKey = .random()
        } else {
            // A ledger directory, or the company's PostgreSQL ledger — named as `pdl` names it, so
            // `pdl find` finds the people the webshop records (the same identifier key).
            let opened = try await options.storeConfiguration.open(
                defaultLocation: Options.defaultStore, observer: observability.observer)
            store = opened.store
            identifierKey = opened.identifierKey
        }
        let ledger = Ledger(
            store: store, catalog: .focusNordic, region: .norway, actor: "webshop", identifierKey: identifierKey,
            observer: observability.observer)
        let webshop = Webshop(ledger: ledger, tokens: tokens)
        try await webshop.publishPolicyIfNeeded()
        let router = observability.serverRouter(for: webshop)
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
        Usage: WebshopBackend [--tokens-file PATH] [--store DIR|URL] [--key-file PATH] [--port PORT] [--host HOST]
                              [--in-memory]
          --tokens-file PATH  the callers' bearer tokens (default: WEBSHOP_TOKENS_FILE; else the
                           variable WEBSHOP_TOKENS holds the lines, separated by newlines or commas):
                           one caller a line, ROLE NAME TOKEN, with ROLE 'service' (may record
                           orders, consents, shipments) or 'dpo' (may read reports and erase), a
                           name such as 'checkout', and a token of at least 32 characters
                           ('openssl rand -hex 32'). The file must be mode 0600. Required: the
                           server does not start without a caller. Tokens are never logged.
          --store DIR|URL  the ledger (default: PDL_STORE, else ./ledger): a directory, which other
                           services and pdl on this machine may write too; or
                           postgres://USER@HOST:PORT/DATABASE?schema=NAME, the company's ledger that
                           every service and pdl share across machines (password in PGPASSWORD)
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
    /// `--tokens-file`, else `WEBSHOP_TOKENS_FILE`.
    var tokensFile: String?
    /// `WEBSHOP_TOKENS`: the token lines themselves, when no file is named.
    var tokensVariable: String?

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        var store: String?
        var keyFile: String?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--in-memory": inMemory = true
            case "--store", "--key-file", "--port", "--host", "--tokens-file":
                guard let value = rest.popFirst() else { throw UsageError(message: "\(argument) needs a value.") }
                switch argument {
                case "--store": store = value
                case "--tokens-file": tokensFile = value
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
        tokensFile = tokensFile ?? environment["WEBSHOP_TOKENS_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        tokensVariable = environment["WEBSHOP_TOKENS"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The callers' tokens: from the file, else from `WEBSHOP_TOKENS`.
    ///
    /// - Throws: ``CallerTokens/InvalidTokens`` naming the rule broken, when neither is given or
    ///   what is given breaks a rule.
    func callerTokens() throws -> CallerTokens {
        if let tokensFile { return try CallerTokens(file: tokensFile) }
        if let tokensVariable { return try CallerTokens(lines: tokensVariable, source: "WEBSHOP_TOKENS") }
        throw CallerTokens.InvalidTokens(
            message:
                "No caller tokens: give --tokens-file PATH (or WEBSHOP_TOKENS_FILE, or WEBSHOP_TOKENS) with ROLE NAME TOKEN lines; see --help."
        )
    }
}
