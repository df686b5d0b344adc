import Logging
import PersonalDataLedger
import PostgresNIO

// How the store runs every statement — the one place it calls postgres-nio's `query`.
//
// postgres-nio hands a statement's rows over as soon as their description arrives, and an error
// the server raises while executing the statement (a broken constraint, a refusing trigger, a
// full disk, a cancelled statement) comes later, with the rows: a statement whose rows nobody
// reads fails in silence. Its transaction is then aborted, PostgreSQL answers the `COMMIT` with
// `ROLLBACK` — not an error — and the writes would be acknowledged without being in the ledger.
// So every statement's rows are read to the end here, and a transaction's `COMMIT` must be
// answered with `COMMIT`.

extension PostgresConnection {
    /// Runs `query` and hands each row it returns to `body`, in order, reading every one: an error
    /// the server raises while executing it is thrown here.
    func forEachRow(
        _ query: PostgresQuery, logger: Logger, _ body: (PostgresRow) async throws -> Void
    ) async throws {
        for try await row in try await self.query(query, logger: logger) { try await body(row) }
    }

    /// Runs `query` and returns every row it returns.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        try await forEachRow(query, logger: logger) { rows.append($0) }
        return rows
    }

    /// Runs `query`, reading and dropping the rows it returns.
    func run(_ query: PostgresQuery, logger: Logger) async throws {
        try await forEachRow(query, logger: logger) { _ in }
    }

    /// Commits the open transaction, throwing when PostgreSQL rolled it back instead (it answers a
    /// `COMMIT` in an aborted transaction with `ROLLBACK`, and no error).
    func commit(logger: Logger) async throws {
        let result = try await (query("COMMIT", logger: logger) as EventLoopFuture<PostgresQueryResult>).get()
        guard result.metadata.command == "COMMIT" else {
            throw LedgerStoreError(
                .io,
                "PostgreSQL rolled the transaction back instead of committing it (it answered \(result.metadata.command)): a statement in it failed. Nothing of it was recorded; try again, and report it if it happens again."
            )
        }
    }
}

extension PostgresClient {
    /// Runs `body` in one transaction on a leased connection and commits it: returns only when
    /// PostgreSQL committed. When `body` throws the transaction is rolled back and its error
    /// thrown; when the `COMMIT` fails or is answered with `ROLLBACK`, that is thrown.
    func withCheckedTransaction<Result>(
        logger: Logger, isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        try await withConnection(isolation: isolation) { connection in
            try await connection.run("BEGIN", logger: logger)
            let result: Result
            do {
                result = try await body(connection)
            } catch {
                // A lost connection cannot roll back; the server ends its transaction when it goes.
                _ = try? await connection.run("ROLLBACK", logger: logger)
                throw error
            }
            try await connection.commit(logger: logger)
            return result
        }
    }

    /// Runs `query` on a leased connection and returns every row it returns.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try await withConnection { try await $0.rows(query, logger: logger) }
    }
}
