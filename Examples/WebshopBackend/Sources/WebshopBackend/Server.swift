import Foundation
import Hummingbird
import PersonalDataLedger
import PersonalDataLedgerFileStore

/// `WebshopBackend [--store DIR] [--port 8080] [--host 127.0.0.1] [--in-memory]`
@main
enum Server {
    static func main() async throws {
        do {
            try await run()
        } catch let error as LedgerStoreError {
            // A locked, damaged or unreadable ledger: say so plainly, as pdl does (exit status 3).
            FileHandle.standardError.write(Data("WebshopBackend: store error (\(error.code)): \(error.message)\n".utf8))
            exit(3)
        }
    }

    static func run() async throws {
        let options: Options
        do {
            options = try Options(Array(CommandLine.arguments.dropFirst()))
        } catch let error as Options.UsageError {
            FileHandle.standardError.write(Data("WebshopBackend: \(error.message)\n\(Options.usage)\n".utf8))
            exit(2)
        }
        if options.showHelp {
            print(Options.usage)
            return
        }
        let store: any LedgerStore
        let identifierKey: IdentifierKey
        if options.inMemory {
            store = InMemoryLedgerStore()
            identifierKey = .random()
        } else {
            let directory = URL(filePath: options.storePath)
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            store = try FileLedgerStore(directory: directory)
            // The key `pdl find` uses too: without the same key, people cannot be found by email.
            identifierKey = try IdentifierKey.loadOrCreate(at: directory.appending(path: IdentifierKey.fileName))
        }
        let ledger = Ledger(
            store: store, catalog: .focusNordic, region: .norway, actor: "webshop", identifierKey: identifierKey)
        let webshop = Webshop(ledger: ledger)
        try await webshop.publishPolicyIfNeeded()
        let app = Application(
            router: webshop.router(),
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
        Usage: WebshopBackend [--store DIR] [--port PORT] [--host HOST] [--in-memory]
          --store DIR   the ledger directory (default: ./ledger); one writer at a time
          --port PORT   the port to listen on (default: 8080)
          --host HOST   the address to listen on (default: 127.0.0.1)
          --in-memory   keep the ledger in memory: a throwaway run
        """

    var storePath = "./ledger"
    var port = 8080
    var host = "127.0.0.1"
    var inMemory = false
    var showHelp = false

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--in-memory": inMemory = true
            case "--store", "--port", "--host":
                guard let value = rest.popFirst() else { throw UsageError(message: "\(argument) needs a value.") }
                switch argument {
                case "--store": storePath = value
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
    }
}
