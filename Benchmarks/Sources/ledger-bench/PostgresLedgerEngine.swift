#if PostgreSQL
    import Foundation
    import PersonalDataLedger
    import PostgresLedgerStore
    import PostgresNIO

    /// The ledger on PostgreSQL, driven at store level as the file store is (``LedgerEngine``):
    /// the same facts, each sealed with its subject's data key, chained, group-committed.
    final class PostgresLedgerEngine: WorkloadEngine {
        let name = "ledger"
        static let schema = "bench_ledger"
        let running: PostgresServer.RunningClient
        let store: PostgresLedgerStore

        /// Opens (or creates) the ledger in schema `bench_ledger` under the key in `keyFile`.
        init(keyFile: URL, connections: Int) async throws {
            running = try PostgresServer.RunningClient(connections: connections)
            store = try await PostgresLedgerStore.open(
                client: running.client, keyEncryptionKey: try KeyEncryptionKey.load(from: keyFile), schema: Self.schema)
        }

        /// Removes the ledger of an earlier run.
        static func drop(_ running: PostgresServer.RunningClient) async throws {
            try await running.client.query("DROP SCHEMA IF EXISTS \(unescaped: schema) CASCADE")
        }

        func append(_ spec: FactSpec) async throws {
            _ = try await store.append([LedgerEngine.newFact(spec)])
        }

        func append(batch: ArraySlice<FactSpec>) async throws {
            _ = try await store.append(batch.map(LedgerEngine.newFact))
        }

        func report(_ subject: String) async throws -> SubjectReport {
            LedgerEngine.fold(try await store.facts(about: SubjectID(subject)))
        }

        func erase(_ subject: String) async throws { try await LedgerEngine.erase(subject, in: store) }

        func close() async throws {
            try await store.close()
            running.stop()
        }
    }
#endif
