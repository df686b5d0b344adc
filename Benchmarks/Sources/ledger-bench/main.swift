import Dispatch
import Foundation

// ledger-bench: the ledger's file store against SQLite (GRDB), the same workload, one run; with
// --postgres, PostgresLedgerStore against a plain PostgreSQL table; with --curve, the ledger and
// SQLite at growing sizes (10k to 10M facts).
// Documentation/Performance.md describes every figure and what limits it.

/// Runs the command on a task while the main thread waits on a semaphore. Top-level `await`
/// would park the main thread in `dispatch_main`, which valgrind 3.19 (callgrind, used to
/// profile this benchmark) cannot run: it crashes as the first worker thread starts.
func main(_ arguments: [String]) async -> Int32 {
    do {
        switch arguments.first {
        case "--child-open": try await Child.openAndReport(Array(arguments.dropFirst()))
        case "--child-rss": try await Child.residentMemory(Array(arguments.dropFirst()))
        case "--child-append": try await Child.appendBesideOthers(Array(arguments.dropFirst()))
        case "--child-pg-append": try await postgresAppendChild(Array(arguments.dropFirst()))
        default:
            let options = try Options.parse(arguments)
            if options.isPostgres {
                try await postgresBenchmark(options)
            } else if options.isCurve {
                try await Curve.run(options)
            } else if let phase = options.profile {
                try await Profile.run(phase, options)
            } else {
                try await Benchmark(options: options).run()
            }
        }
        return 0
    } catch {
        FileHandle.standardError.write(Data("ledger-bench: \(error)\n".utf8))
        return 1
    }
}

let finished = DispatchSemaphore(value: 0)
nonisolated(unsafe) var status: Int32 = 0
Task.detached {
    status = await main(Array(CommandLine.arguments.dropFirst()))
    finished.signal()
}
finished.wait()
exit(status)
