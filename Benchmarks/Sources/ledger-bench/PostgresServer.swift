#if PostgreSQL
    import Foundation
    import PostgresNIO

    /// The PostgreSQL server of the run, from the environment `Scripts/with-postgres.sh` exports
    /// (POSTGRES_HOSTNAME, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB).
    ///
    /// Both engines get the same client settings: a pool of up to `connections` connections (one
    /// per concurrent writer), no TLS on the loopback.
    enum PostgresServer {
        static func configuration(connections: Int) throws -> PostgresClient.Configuration {
            let environment = ProcessInfo.processInfo.environment
            guard let port = environment["POSTGRES_PORT"].flatMap(Int.init), let user = environment["POSTGRES_USER"]
            else {
                throw BenchError(
                    "no PostgreSQL server: run through Integrations/PostgresLedgerStore/Scripts/with-postgres.sh, or set POSTGRES_HOSTNAME, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB"
                )
            }
            var configuration = PostgresClient.Configuration(
                host: environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1", port: port, username: user,
                password: environment["POSTGRES_PASSWORD"], database: environment["POSTGRES_DB"] ?? user, tls: .disable)
            configuration.options.maximumConnections = connections
            return configuration
        }

        /// A client running in a task until `stop` is called.
        final class RunningClient: Sendable {
            let client: PostgresClient
            private let task: Task<Void, Never>

            init(connections: Int) throws {
                let client = PostgresClient(configuration: try PostgresServer.configuration(connections: connections))
                self.client = client
                task = Task { await client.run() }
            }

            /// Opens `count` connections at once (each runs `SELECT 1`), so a timed phase does not
            /// pay for connecting.
            func warm(_ count: Int) async throws {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<count {
                        group.addTask { [client] in
                            try await client.withConnection { connection in
                                _ = try await connection.query("SELECT pg_sleep(0.05)", logger: PostgresServer.logger)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }

            /// One text value of `SHOW name` or another one-value query.
            func value(_ query: PostgresQuery) async throws -> String {
                for try await (value) in try await client.query(query).decode(String.self) { return value }
                throw BenchError("the server answered nothing")
            }

            func stop() { task.cancel() }
        }

        static let logger = Logger(label: "ledger-bench")
    }
#endif
