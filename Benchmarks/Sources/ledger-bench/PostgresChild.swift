#if PostgreSQL
    import Foundation

    /// `--child-pg-append ENGINE KEYFILE FACTS SUBJECTS SEED FROM COUNT TASKS`: one of the writer
    /// processes of the multi-process figure.
    ///
    /// It regenerates the workload (the same seed gives the same facts), opens the engine, opens
    /// TASKS connections, prints `ready`, and waits for a line on standard input — so that every
    /// process starts together, connected. Then TASKS concurrent writers append facts
    /// FROM..<FROM+COUNT one per call, and it prints the monotonic nanoseconds of its start and end.
    enum PostgresChild {
        static func append(_ arguments: [String]) async throws {
            guard arguments.count == 8, let facts = Int(arguments[2]), let subjects = Int(arguments[3]),
                let seed = UInt64(arguments[4]), let from = Int(arguments[5]), let count = Int(arguments[6]),
                let tasks = Int(arguments[7])
            else { throw BenchError("--child-pg-append ENGINE KEYFILE FACTS SUBJECTS SEED FROM COUNT TASKS") }
            let specs = Array(Workload(facts: facts, subjects: subjects, seed: seed).facts[from..<(from + count)])
            let engine: any WorkloadEngine
            let running: PostgresServer.RunningClient
            switch arguments[0] {
            case "ledger":
                let ledger = try await PostgresLedgerEngine(
                    keyFile: URL(fileURLWithPath: arguments[1]), connections: tasks)
                (engine, running) = (ledger, ledger.running)
            case "plain":
                let plain = try PlainPostgresEngine(connections: tasks)
                (engine, running) = (plain, plain.running)
            default: throw BenchError("unknown engine \(arguments[0])")
            }
            try await running.warm(tasks)
            FileHandle.standardOutput.write(Data("ready\n".utf8))
            guard readLine() != nil else { throw BenchError("the parent went away before the start") }
            let start = monotonicNanoseconds()
            try await concurrently(tasks: tasks, count: specs.count) { index in try await engine.append(specs[index]) }
            let end = monotonicNanoseconds()
            try await engine.close()
            FileHandle.standardOutput.write(Data("\(start) \(end)\n".utf8))
        }
    }

#endif
