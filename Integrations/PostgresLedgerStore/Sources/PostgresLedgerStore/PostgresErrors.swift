import PersonalDataLedger
import PostgresNIO

/// Turns what postgres-nio throws into a ``LedgerStoreError`` that says what to do.
///
/// Messages name the server's SQLSTATE and its own message text, never a query's parameters:
/// every personal value is sealed before it is bound, and the query text holds none.
enum PostgresErrors {
    static func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw translate(any: error)
        }
    }

    /// The error to report for `error`: a ledger error as it is, a PostgreSQL error translated.
    static func translate(any error: any Error) -> any Error {
        let cause = unwrap(error)
        if let cause = cause as? PSQLError { return translate(cause) }
        return cause
    }

    /// The error that made a transaction fail: what its body threw, or its BEGIN or COMMIT.
    static func unwrap(_ error: any Error) -> any Error {
        guard let transaction = error as? PostgresTransactionError else { return error }
        return unwrap(
            transaction.closureError ?? transaction.beginError ?? transaction.commitError ?? transaction.rollbackError
                ?? error)
    }

    /// Whether `error` means the connection was lost, so the outcome of a commit is unknown and
    /// the batch may be retried (its id makes the retry exact).
    static func isConnectionLoss(_ error: any Error) -> Bool {
        let error = unwrap(error)
        if error is SimulatedConnectionLoss { return true }
        guard let error = error as? PSQLError else { return false }
        return [.serverClosedConnection, .connectionError, .uncleanShutdown, .clientClosedConnection].contains(
            error.code)
    }

    static func translate(_ error: PSQLError) -> LedgerStoreError {
        if let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? "no message"
            switch state {
            case "28P01", "28000":
                return LedgerStoreError(
                    .io,
                    "PostgreSQL refused the login (SQLSTATE \(state)): \(message). Check the user and password in the store URL."
                )
            case "3D000":
                return LedgerStoreError(
                    .io, "PostgreSQL has no such database (SQLSTATE 3D000): \(message). Create it, or fix the store URL.")
            case "42501":
                return LedgerStoreError(
                    .io,
                    "The PostgreSQL user may not do this (SQLSTATE 42501): \(message). Grant it the rights on the ledger's schema."
                )
            case "53100":
                return LedgerStoreError(
                    .io, "PostgreSQL's disk is full (SQLSTATE 53100); nothing of this batch was recorded.")
            default:
                return LedgerStoreError(
                    .io, "PostgreSQL refused the statement (SQLSTATE \(state)): \(message). Nothing of it was recorded.")
            }
        }
        if isConnectionLoss(error) || error.code == .poolClosed {
            return LedgerStoreError(
                .io,
                "The connection to PostgreSQL was lost or could not be made (\(error.code)). Check that the server is running and reachable at the store URL's host and port."
            )
        }
        return LedgerStoreError(.io, "PostgreSQL client error (\(error.code)). Check the server and the store URL.")
    }
}

/// What the test seam throws to act out a connection lost after a commit.
struct SimulatedConnectionLoss: Error {}
