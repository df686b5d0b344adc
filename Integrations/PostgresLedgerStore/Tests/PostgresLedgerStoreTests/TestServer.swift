import Foundation
import Logging
import PersonalDataLedger
import PostgresLedgerStore
import PostgresNIO
import Testing

/// The PostgreSQL server the tests run against: `Scripts/with-postgres.sh` starts one and
/// exports its address. Without one the tests are skipped with the reason printed — except under
/// `CI=true`, where a missing server fails the run.
enum TestServer {
    static let environment = ProcessInfo.processInfo.environment

    static var isAvailable: Bool { environment["POSTGRES_PORT"] != nil }

    static let skipReason: Comment =
        "No PostgreSQL server: run the tests through Integrations/PostgresLedgerStore/Scripts/with-postgres.sh"

    static var database: String { environment["POSTGRES_DB"] ?? "postgres" }

    static func configuration(database: String? = nil, applicationName: String? = nil) -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1",
            port: Int(environment["POSTGRES_PORT"] ?? "") ?? 5432,
            username: environment["POSTGRES_USER"] ?? "ledger",
            password: environment["POSTGRES_PASSWORD"],
            database: database ?? Self.database,
            tls: .disable)
        configuration.options.maximumConnections = 40
        if let applicationName {
            configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        }
        return configuration
    }

    /// The `postgres://` URL of the test server, password included, for `pdl`.
    static func storeURL(schema: String) -> String {
        let host = environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1"
        let port = environment["POSTGRES_PORT"] ?? "5432"
        let user = environment["POSTGRES_USER"] ?? "ledger"
        let password = environment["POSTGRES_PASSWORD"] ?? ""
        return "postgres://\(user):\(password)@\(host):\(port)/\(database)?schema=\(schema)"
    }

    /// Runs `body` with a running client (of `database`, the server's default when `nil`; named
    /// `applicationName` in `pg_stat_activity`), and shuts the client down afterwards.
    static func withClient<T: Sendable>(
        database: String? = nil, applicationName: String? = nil, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(
            configuration: configuration(database: database, applicationName: applicationName),
            backgroundLogger: Logger(label: "test"))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// A schema name no other test uses.
    static func uniqueSchema(_ prefix: String = "t") -> String {
        "\(prefix)_\(UInt64.random(in: 0...UInt64.max) & 0xffff_ffff_ffff)"
    }

    /// A key file in a new temporary directory.
    static func keyFile() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appending(path: "pdl-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appending(path: "ledger.key")
    }
}

/// Fails the run under CI when the server is missing, so a green CI always means the tests ran.
@Suite struct ServerPresence {
    @Test func aServerIsThereUnderCI() {
        if TestServer.environment["CI"] == "true" {
            #expect(TestServer.isAvailable, "CI=true but no PostgreSQL server: run through Scripts/with-postgres.sh")
        } else if !TestServer.isAvailable {
            print("PostgresLedgerStore tests skipped: \(TestServer.skipReason)")
        }
    }
}
