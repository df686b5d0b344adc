#if PostgreSQL
    import BenchmarkSupport
    import Foundation
    import PersonalDataLedger
    import PostgresLedgerStore

    #if canImport(Glibc)
        import Glibc
    #endif

    /// `ledger-bench --postgres`: the same workload against PostgresLedgerStore and a plain table
    /// (``PlainPostgresEngine``) on the same server, in one run, phase by phase, the ledger first in
    /// each phase.
    ///
    /// Both engines get the same client concurrency: one pool of up to 32 connections per process,
    /// 32 writer tasks in one process, or 4 processes of 8.
    struct PostgresBenchmark {
        let options: Options

        func run() async throws {
            let wallStart = monotonicNanoseconds()
            let manager = FileManager.default
            let directory = manager.temporaryDirectory.appendingPathComponent("ledger-bench-pg-\(getpid())")
            try? manager.removeItem(at: directory)
            try manager.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            defer { try? manager.removeItem(at: directory) }
            let keyFile = directory.appendingPathComponent("ledger.key")
            try KeyEncryptionKey.random().write(to: keyFile)

            let admin = try PostgresServer.RunningClient(connections: 2)
            defer { admin.stop() }
            let version = try await admin.value("SHOW server_version")
            let synchronousCommit = try await admin.value("SHOW synchronous_commit")
            let fsync = try await admin.value("SHOW fsync")
            guard synchronousCommit == "on", fsync == "on" else {
                throw BenchError(
                    "the server runs with synchronous_commit=\(synchronousCommit), fsync=\(fsync); both must be on")
            }
            try await PostgresLedgerEngine.drop(admin)
            try await PlainPostgresEngine.create(admin)

            printHeader(version: version)
            progress("generating \(options.facts) facts about \(options.subjects) subjects (seed \(options.seed))…")
            let workload = Workload(facts: options.facts, subjects: options.subjects, seed: options.seed)
            let writers = options.writers
            let ledger = try await PostgresLedgerEngine(keyFile: keyFile, connections: writers)
            let plain = try PlainPostgresEngine(connections: writers)
            let engines: [any WorkloadEngine] = [ledger, plain]
            for running in [ledger.running, plain.running] { try await running.warm(writers) }

            var figures: [Figure] = []
            var notes: [String] = [
                "server: PostgreSQL \(version), synchronous_commit=\(synchronousCommit), fsync=\(fsync); each process has one client pool of up to \(writers) connections per engine"
            ]
            let facts = workload.facts
            var next = options.importedFacts
            let imported = facts[0..<next]
            let singles = facts[next..<(next + options.singleAppends)]
            next += options.singleAppends
            let inProcess = Array(facts[next..<(next + options.concurrentAppends)])
            next += options.concurrentAppends
            let acrossProcesses = next..<(next + options.concurrentAppends)

            // Bulk: the bulk of the workload, 1,000 facts per durable transaction, one writer.
            var bulkRates: [Double] = []
            for engine in engines {
                progress("\(engine.name): importing \(imported.count) facts in batches of \(options.batchSize)…")
                let (_, seconds) = try await timed {
                    var start = imported.startIndex
                    while start < imported.endIndex {
                        let end = min(start + options.batchSize, imported.endIndex)
                        try await engine.append(batch: imported[start..<end])
                        start = end
                    }
                }
                bulkRates.append(Double(imported.count) / seconds)
            }

            // One writer, one fact per call: each call waits for its own commit.
            var singleRates: [Double] = []
            for engine in engines {
                progress("\(engine.name): \(singles.count) single appends…")
                var latencies: [Double] = []
                let (_, seconds) = try await timed {
                    for spec in singles {
                        let (_, latency) = try await timed { try await engine.append(spec) }
                        latencies.append(latency)
                    }
                }
                singleRates.append(Double(singles.count) / seconds)
                notes.append(
                    "\(engine.name): single append latency p50 \(format(median(latencies) * 1e6)) µs, p99 \(format(quantile(latencies, 0.99) * 1e6)) µs"
                )
            }

            // 32 writers in this process, one fact per call.
            var inProcessRates: [Double] = []
            for engine in engines {
                progress("\(engine.name): \(inProcess.count) appends by \(writers) writers in one process…")
                let (_, seconds) = try await timed {
                    try await concurrently(tasks: writers, count: inProcess.count) { index in
                        try await engine.append(inProcess[index])
                    }
                }
                inProcessRates.append(Double(inProcess.count) / seconds)
            }

            // 32 writers across 4 processes: each process connects first, then all start together.
            var acrossRates: [Double] = []
            for engine in engines {
                progress(
                    "\(engine.name): \(acrossProcesses.count) appends by \(writers) writers in \(options.processes) processes…"
                )
                acrossRates.append(try acrossProcessesRate(engine.name, acrossProcesses, keyFile: keyFile))
            }

            figures.append(
                Figure(
                    name: "append_1writer_per_s", unit: "facts/s", ledger: singleRates[0], peer: singleRates[1],
                    better: .higher, goal: .none))
            figures.append(
                Figure(
                    name: "append_32writers_1process_per_s", unit: "facts/s", ledger: inProcessRates[0],
                    peer: inProcessRates[1], better: .higher, goal: .none))
            figures.append(
                Figure(
                    name: "append_32writers_4processes_per_s", unit: "facts/s", ledger: acrossRates[0],
                    peer: acrossRates[1], better: .higher, goal: .ratioAtLeast(0.8)))
            figures.append(
                Figure(
                    name: "bulk_batch1000_per_s", unit: "facts/s", ledger: bulkRates[0], peer: bulkRates[1],
                    better: .higher, goal: .ratioAtLeast(1.0)))

            // What autovacuum does within a minute of this many inserts (its insert threshold is
            // 1,000 rows plus a fifth of the table): fresh planner statistics — without them the
            // planner still sees the empty tables of the start and scans where it should use the
            // indexes — and the visibility map, so that an index holding every column a read
            // needs is read without visiting the table.
            try await admin.client.query("VACUUM ANALYZE")
            notes.append("VACUUM ANALYZE ran on both engines' tables after the appends, before the reports and erasures")

            // Reports: the same random subjects for both; store read + fold, warm caches.
            var random = SplitMix64(seed: options.seed &+ 7)
            let shuffled = workload.subjects.shuffled(using: &random)
            let reportSubjects = (0..<options.reports).map { shuffled[$0 % shuffled.count] }
            let warmSubjects = (0..<100).map { shuffled[(options.reports + $0) % shuffled.count] }
            let reports = try await ReportPhase.run(
                engines.map { $0 as any WorkloadEngine }, subjects: reportSubjects, warm: warmSubjects)
            let reportTimes = reports.times
            notes.append(reports.note)
            figures.append(
                Figure(
                    name: "report_p50_us", unit: "us", ledger: median(reportTimes[0]), peer: median(reportTimes[1]),
                    better: .lower, goal: .ratioAtMost(1.5)))
            figures.append(
                Figure(
                    name: "report_p99_us", unit: "us", ledger: quantile(reportTimes[0], 0.99),
                    peer: quantile(reportTimes[1], 0.99), better: .lower, goal: .none))

            // Erasure: one subject at a time, fully (values and identifier).
            let eraseSubjects = (0..<options.erasures).map { shuffled[shuffled.count - 1 - $0] }
            var eraseTimes: [[Double]] = []
            for engine in engines {
                progress("\(engine.name): erasing \(eraseSubjects.count) subjects…")
                var times: [Double] = []
                for subject in eraseSubjects {
                    let (_, seconds) = try await timed { try await engine.erase(subject) }
                    times.append(seconds * 1000)
                    guard try await engine.report(subject).rows.allSatisfy({ $0.value == nil }) else {
                        throw BenchError("\(engine.name) still shows values of \(subject) after erasing it")
                    }
                }
                eraseTimes.append(times)
            }
            figures.append(
                Figure(
                    name: "erase_subject_ms", unit: "ms", ledger: median(eraseTimes[0]), peer: median(eraseTimes[1]),
                    better: .lower, goal: .none))
            notes.append(
                "erase: median of \(eraseSubjects.count) subjects; the ledger destroys the subject's data key and records the erasure (the chain still verifies), the plain table DELETEs its rows (the values stay in the heap and WAL until VACUUM and WAL recycling)"
            )
            // verify() throws when the chain does not verify.
            let verified = try await ledger.store.verify()
            notes.append("ledger after the run: \(verified.count) facts; the chain verifies after the erasures")
            for engine in engines { try await engine.close() }

            let wall = Double(monotonicNanoseconds() - wallStart) / 1e9
            print("")
            print(table(figures, peer: "plain"))
            print("")
            for note in notes { print("- \(note)") }
            print(
                "- caps: \(options.singleAppends) single appends, \(options.concurrentAppends) appends for each concurrent figure, per engine; the rest (\(imported.count)) imported in batches of \(options.batchSize)"
            )
            print("- wall time \(format(wall)) s; load average at the end: \(loadAverage())")
            if let path = options.json {
                try json(figures, peer: "plain").write(toFile: path, atomically: true, encoding: .utf8)
                print("- figures written to \(path)")
            }
        }

        /// Appends `range` of the workload from `processes` writer processes of `writers /
        /// processes` tasks each, started together once all are connected.
        private func acrossProcessesRate(_ engine: String, _ range: Range<Int>, keyFile: URL) throws -> Double {
            let processes = options.processes
            let tasks = max(1, options.writers / processes)
            let share = range.count / processes
            return try ledger_bench.acrossProcessesRate(
                "--child-pg-append", processes: processes, count: range.count
            ) { number in
                let from = range.lowerBound + number * share
                let count = number == processes - 1 ? range.upperBound - from : share
                return [
                    engine, keyFile.path, String(options.facts), String(options.subjects), String(options.seed),
                    String(from), String(count), String(tasks),
                ]
            }
        }

        private func printHeader(version: String) {
            var name = utsname()
            uname(&name)
            let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            print(
                "ledger-bench --postgres: \(options.isQuick ? "quick" : "full") run, \(ISO8601DateFormatter().string(from: Date()))"
            )
            print("load average at start: \(loadAverage())")
            print(
                "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(format(Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824)) GiB, Linux \(release); PostgreSQL \(version) on the same machine"
            )
        }
    }
#endif
