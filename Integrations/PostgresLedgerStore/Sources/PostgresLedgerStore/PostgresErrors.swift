import PersonalDataLedger
import PostgresNIO
import Synchronization

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

    /// The error to report for `error`: a ledger error or a cancellation as it is, a PostgreSQL
    /// error translated, anything else named by its type only (its text may hold a query's
    /// parameters or the server's address).
    static func translate(any error: any Error) -> any Error {
        let cause = unwrap(error)
        if let cause = cause as? PSQLError { return translate(cause) }
        if cause is LedgerStoreError || cause is LedgerError || cause is CancellationError { return cause }
        if isConnectionLoss(cause) {
            return LedgerStoreError(
                .io,
                "The connection to PostgreSQL was lost or could not be made (\(Self.cause(of: cause))). Check that the server is running and reachable at the store URL's host and port."
            )
        }
        return LedgerStoreError(
            .io, "PostgreSQL client error (\(type(of: cause))). Check the server and the store URL.")
    }

    /// A short name of what went wrong, for messages: a code, a SQLSTATE or a type, never a value.
    static func cause(of error: any Error) -> String {
        let error = unwrap(error)
        if let error = error as? PSQLError {
            if let state = error.serverInfo?[.sqlState] { return "SQLSTATE \(state)" }
            return "\(error.code)"
        }
        if error is AttemptTimedOut { return "no answer within the attempt's time limit" }
        if String(describing: type(of: error)) == "ConnectionPoolError" { return "no connection could be made" }
        return "\(type(of: error))"
    }

    /// Runs `body`, throwing ``AttemptTimedOut`` when it takes longer than `timeout` — so an append
    /// against a server that does not answer ends.
    ///
    /// On time-out `body` is cancelled and left behind rather than waited for: a lease from the
    /// client's pool does not always end when cancelled (seen after a server restart). A body left
    /// behind that still commits is harmless: the retry looks its batch ids up under the head lock.
    static func withDeadline<T: Sendable>(
        _ timeout: Duration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let work = Task { try await body() }
        let race = Race<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.start(continuation)
                let timer = Task {
                    try? await Task.sleep(for: timeout)
                    if !Task.isCancelled, race.finish(.failure(AttemptTimedOut())) { work.cancel() }
                }
                Task {
                    let result = await work.result
                    timer.cancel()
                    _ = race.finish(result)
                }
            }
        } onCancel: {
            work.cancel()
        }
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
        if error is SimulatedConnectionLoss || error is AttemptTimedOut { return true }
        // The pool's own error when it cannot make connections (its circuit breaker tripped).
        if String(describing: type(of: error)) == "ConnectionPoolError" { return true }
        guard let error = error as? PSQLError else { return false }
        if let state = error.serverInfo?[.sqlState] {
            // 08: connection exception; 57P01: terminated by an administrator (pg_terminate_backend);
            // 57P02: crash shutdown; 57P03: the server is starting up or shutting down.
            return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
        }
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
                    .io,
                    "PostgreSQL has no such database (SQLSTATE 3D000): \(message). Create it, or fix the store URL.")
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
                    .io, "PostgreSQL refused the statement (SQLSTATE \(state)): \(message). Nothing of it was recorded."
                )
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

/// The first of two outcomes to arrive resumes the continuation; the other is dropped.
final class Race<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T, any Error>?>(nil)

    func start(_ continuation: CheckedContinuation<T, any Error>) { self.continuation.withLock { $0 = continuation } }

    /// Resumes with `result` if nothing did yet; whether it did.
    func finish(_ result: Result<T, any Error>) -> Bool {
        guard let continuation = continuation.withLock({ $0.take() }) else { return false }
        continuation.resume(with: result)
        return true
    }
}

/// An attempt that got no answer within ``RetryPolicy/attemptTimeout``.
struct AttemptTimedOut: Error {}

/// How long an append keeps trying when the connection is lost or cannot be made.
struct RetryPolicy: Sendable {
    /// The longest one attempt (lease a connection, run the transaction) may take.
    var attemptTimeout: Duration = .seconds(15)
    /// The longest all attempts of one group commit may take together.
    var budget: Duration = .seconds(30)

    static let standard = RetryPolicy()
}

extension Duration {
    var wholeSeconds: Int64 { components.seconds }
}

/// What the test seam throws to act out a connection lost after a commit.
struct SimulatedConnectionLoss: Error {}
