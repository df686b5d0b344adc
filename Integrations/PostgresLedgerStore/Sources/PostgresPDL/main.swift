import Foundation
import Logging
import PostgresLedgerCommands

// `pdl` for PostgreSQL ledgers (and file ledgers, as the root package's `pdl`). Errors only on
// standard error: a command reports its own failures, and its output stays clean.
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .error
    return handler
}
exit(
    await PostgresCommandLine.run(
        Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
