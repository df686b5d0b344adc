import BenchmarkSupport
import Foundation
import PersonalDataLedger

#if canImport(Glibc)
    import Glibc
#endif

/// The run: the same facts into both engines, phase by phase, the ledger first in each phase,
/// in one process on one disk; then fresh processes for the open and memory figures.
struct Benchmark {
    let options: Options

    /// What one run at one size measured.
    struct Measurement: Sendable {
        /// Every figure; `peer` is NaN when the run measured the ledger alone.
        var figures: [Figure]
        var notes: [String]
        var wallSeconds: Double
    }

    func run() async throws {
        let root = try prepareDirectory()
        defer {
            if options.directory == nil { try? FileManager.default.removeItem(at: root) }
        }
        printHeader(root)
        let measurement = try await measure(in: root, withPeer: true)
        print("")
        print(table(measurement.figures))
        print("")
        for note in measurement.notes { print("- \(note)") }
        print(
            "- caps: \(options.singleAppends) single appends and \(options.concurrentAppends) concurrent appends per engine; the rest imported in batches of \(options.batchSize)"
        )
        print("- this process peaked at \(format(peakResidentMegabytes())) MiB (the workload and both engines)")
        print("- wall time \(format(measurement.wallSeconds)) s; load average at the end: \(loadAverage())")
        if let path = options.json {
            try json(measurement.figures).write(toFile: path, atomically: true, encoding: .utf8)
            print("- figures written to \(path)")
        }
    }

    /// Runs the workload of `options` in `root` (its `ledger` and `sqlite` replaced), against the
    /// ledger and, when `withPeer`, SQLite; prints each phase's progress and returns the figures.
    func measure(in root: URL, withPeer: Bool) async throws -> Measurement {
        let wallStart = monotonicNanoseconds()
        let manager = FileManager.default
        let ledgerPath = root.appendingPathComponent("ledger")
        let sqliteFolder = root.appendingPathComponent("sqlite")
        for folder in [ledgerPath, sqliteFolder] { try? manager.removeItem(at: folder) }
        try manager.createDirectory(at: sqliteFolder, withIntermediateDirectories: true)
        let sqlitePath = sqliteFolder.appendingPathComponent("facts.sqlite").path
        defer {
            // The next size starts from empty stores; a ledger-only run leaves no SQLite folder.
            if !withPeer { try? manager.removeItem(at: sqliteFolder) }
        }

        progress("generating \(options.facts) facts about \(options.subjects) subjects (seed \(options.seed))…")
        let (workload, generation) = await timed {
            Workload(facts: options.facts, subjects: options.subjects, seed: options.seed)
        }
        let valueBytes = workload.facts.reduce(0) { $0 + $1.value.utf8.count }
        print(
            "workload: \(options.facts) facts, \(options.subjects) subjects, values \(format(Double(valueBytes) / Double(options.facts))) bytes on average (generated in \(format(generation)) s)"
        )

        var ledger = try LedgerEngine(directory: ledgerPath)
        var sqlite = withPeer ? try SQLiteEngine(path: sqlitePath) : nil
        if let sqlite {
            print(
                "sqlite: GRDB DatabasePool, journal_mode=WAL, PRAGMA synchronous on the writer reads \(sqlite.synchronous) (2 = FULL)"
            )
            guard sqlite.synchronous == 2 else { throw BenchError("SQLite's writer is not synchronous=FULL") }
        }
        let engines: [any BenchEngine] = [ledger] + (sqlite.map { [$0] } ?? [])
        let names = engines.map(\.name)
        /// The peer's value of a per-engine list, NaN when the run has no peer.
        func peer(_ values: [Double]) -> Double { values.count > 1 ? values[1] : .nan }

        var figures: [Figure] = []
        var notes: [String] = []
        let facts = workload.facts
        let imported = facts[0..<options.importedFacts]
        let singles = facts[options.importedFacts..<(options.importedFacts + options.singleAppends)]
        let concurrent = facts[(options.importedFacts + options.singleAppends)...]

        // Bulk import: the bulk of the workload, 1,000 facts per durable transaction.
        var importRates: [Double] = []
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
            importRates.append(Double(imported.count) / seconds)
            print("\(engine.name): import \(imported.count) facts in \(format(seconds)) s")
        }

        // One writer, one fact per call: each call waits for its own sync.
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

        // 32 concurrent writers, each appending one fact per call.
        var concurrentRates: [Double] = []
        let writers = options.writers
        for engine in engines {
            progress("\(engine.name): \(concurrent.count) appends by \(writers) concurrent writers…")
            let specs = Array(concurrent)
            let (_, seconds) = try await timed {
                try await concurrently(tasks: writers, count: specs.count) { index in
                    try await engine.append(specs[index])
                }
            }
            concurrentRates.append(Double(specs.count) / seconds)
        }

        figures.append(
            Figure(
                name: "append_1writer_per_s", unit: "facts/s", ledger: singleRates[0], peer: peer(singleRates),
                better: .higher, goal: .ratioAtLeast(1.0)))
        figures.append(
            Figure(
                name: "append_32writers_per_s", unit: "facts/s", ledger: concurrentRates[0],
                peer: peer(concurrentRates),
                better: .higher, goal: .ratioAtLeast(10)))
        figures.append(
            Figure(
                name: "import_batch1000_per_s", unit: "facts/s", ledger: importRates[0], peer: peer(importRates),
                better: .higher, goal: .ratioAtLeast(5)))

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
                name: "report_p50_us", unit: "us", ledger: median(reportTimes[0]), peer: peer(reportTimes.map(median)),
                better: .lower, goal: .ratioAtMost(0.25)))
        figures.append(
            Figure(
                name: "report_p99_us", unit: "us", ledger: quantile(reportTimes[0], 0.99),
                peer: peer(reportTimes.map { quantile($0, 0.99) }), better: .lower, goal: .ratioAtMost(0.25)))

        // Bytes on disk: SQLite after a TRUNCATE checkpoint; the ledger after close (which
        // writes its index snapshot).
        var sqliteBytes: Int?
        if let sqlite {
            try sqlite.checkpointForSize()
            sqliteBytes = try sqlite.bytesOnDisk()
            try await sqlite.close()
        }
        try await ledger.close()
        let ledgerBytes = try ledger.bytesOnDisk()
        figures.append(
            Figure(
                name: "bytes_per_fact", unit: "B", ledger: Double(ledgerBytes) / Double(options.facts),
                peer: sqliteBytes.map { Double($0) / Double(options.facts) } ?? .nan, better: .lower,
                goal: .ratioAtMost(0.6)))
        notes.append(
            "bytes: ledger \(ledgerBytes) in \(try ledgerFiles(ledgerPath))\(sqliteBytes.map { "; sqlite \($0)" } ?? "")"
        )

        // A fresh process opens the store and answers one report; runs alternate engines.
        let paths = ["ledger": ledgerPath.path, "sqlite": sqlitePath]
        var openTimes: [String: [Double]] = [:]
        var openInside: [String: [Double]] = [:]
        for run in 0..<options.openRuns {
            for name in names {
                let subject = reportSubjects[run % reportSubjects.count]
                progress("\(name): fresh process opens and reports (run \(run + 1) of \(options.openRuns))…")
                let start = monotonicNanoseconds()
                let line = try runChild(["--child-open", name, paths[name]!, subject, String(start)])
                let fields = line.split(separator: " ").compactMap { Double($0) }
                guard fields.count == 3 else { throw BenchError("unexpected child output: \(line)") }
                openTimes[name, default: []].append(fields[0])
                openInside[name, default: []].append(fields[1])
            }
        }
        figures.append(
            Figure(
                name: "open_and_first_report_ms", unit: "ms", ledger: median(openTimes["ledger"]!),
                peer: openTimes["sqlite"].map(median) ?? .nan, better: .lower, goal: .ledgerAtMost(100)))
        notes.append(
            "open: from spawn to answer, median of \(options.openRuns); open + report inside the child: "
                + names.map { "\($0) \(format(median(openInside[$0]!))) ms" }.joined(separator: ", "))

        // Peak memory: each engine in its own process opens the store, answers 1,000 reports,
        // appends 1,000 facts in batches of 100, and closes.
        var peaks: [String: Double] = [:]
        for name in ["none"] + names {
            progress("\(name): peak memory child…")
            let line = try runChild([
                "--child-rss", name, paths[name] ?? "-", String(options.seed &+ 11), String(options.subjects),
                "1000", "1000",
            ])
            guard let peak = Double(line) else { throw BenchError("unexpected child output: \(line)") }
            peaks[name] = peak
        }
        figures.append(
            Figure(
                name: "peak_rss_mb", unit: "MiB", ledger: peaks["ledger"]!, peer: peaks["sqlite"] ?? .nan,
                better: .lower,
                goal: .ratioAtMost(1.5)))
        notes.append(
            "memory: the executable alone (Foundation, GRDB loaded, nothing opened) peaks at \(format(peaks["none"]!)) MiB"
        )

        // Erasure: one subject at a time, fully (values and identifier).
        ledger = try LedgerEngine(directory: ledgerPath)
        var secureDelete: Int?
        if withPeer {
            let reopened = try SQLiteEngine(path: sqlitePath)
            secureDelete = try reopened.prepareErasure()
            guard secureDelete == 1 else { throw BenchError("SQLite's secure_delete is not on") }
            sqlite = reopened
        }
        let eraseSubjects = (0..<options.erasures).map { shuffled[shuffled.count - 1 - $0] }
        var eraseTimes: [[Double]] = []
        for engine in [ledger] + (sqlite.map { [$0] } ?? []) as [any BenchEngine] {
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
                name: "erase_subject_ms", unit: "ms", ledger: median(eraseTimes[0]), peer: peer(eraseTimes.map(median)),
                better: .lower, goal: .ratioAtMost(1.0)))
        notes.append(
            "erase: median of \(eraseSubjects.count) subjects; p90 "
                + zip(names, eraseTimes).map { "\($0) \(format(quantile($1, 0.9))) ms" }.joined(separator: ", ")
                + (secureDelete.map { "; sqlite secure_delete=\($0)" } ?? ""))

        // For reference: the ledger's whole report (links, access grants, retention and consent
        // state, and the durable reportIssued fact it appends). SQLite has no counterpart.
        let fullReports = try await fullLedgerReports(ledger, subjects: Array(reportSubjects.prefix(200)))
        notes.append(
            "ledger.issueReport(for:requestedBy:) (fold + durable reportIssued append), \(fullReports.count) subjects: p50 \(format(median(fullReports))) µs, p99 \(format(quantile(fullReports, 0.99))) µs"
        )
        try await ledger.close()
        try await sqlite?.close()

        // 32 writers across 4 processes: fresh processes of this executable open the store side
        // by side, then append together (new facts, after every other figure).
        var acrossRates: [Double] = []
        let processes = options.processes
        let perProcess = max(writers / processes, 1)
        let acrossCount = (concurrent.count / processes) * processes
        for name in names {
            progress("\(name): \(acrossCount) appends by \(writers) writers in \(processes) processes…")
            acrossRates.append(
                try acrossProcessesRate("--child-append", processes: processes, count: acrossCount) { number in
                    [
                        name, paths[name]!, String(options.seed &+ 100 &+ UInt64(number)), String(options.subjects),
                        String(acrossCount / processes), String(perProcess),
                    ]
                })
        }
        figures.append(
            Figure(
                name: "append_32writers_4processes_per_s", unit: "facts/s", ledger: acrossRates[0],
                peer: peer(acrossRates), better: .higher, goal: .none))
        return Measurement(
            figures: figures, notes: notes, wallSeconds: Double(monotonicNanoseconds() - wallStart) / 1e9)
    }

    private func fullLedgerReports(_ engine: LedgerEngine, subjects: [String]) async throws -> [Double] {
        let ledger = Ledger(store: engine.store, catalog: .focusNordic, region: .norway, actor: "dpo")
        var times: [Double] = []
        for subject in subjects {
            let (_, seconds) = try await timed {
                try await ledger.issueReport(for: SubjectID(subject), requestedBy: "dpo")
            }
            times.append(seconds * 1e6)
        }
        return times
    }

    /// The run's directory: `--dir`, or a fresh temporary one (removed by the caller).
    func prepareDirectory() throws -> URL {
        let manager = FileManager.default
        let root: URL
        if let directory = options.directory {
            root = URL(fileURLWithPath: directory)
        } else {
            root = manager.temporaryDirectory.appendingPathComponent("ledger-bench-\(getpid())")
            try? manager.removeItem(at: root)
        }
        // Owner-only: the file store refuses a ledger directory others can reach.
        try manager.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return root
    }

    private func ledgerFiles(_ directory: URL) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return names.map { "\($0) \(fileSize(directory.appendingPathComponent($0).path))" }.joined(separator: ", ")
    }

    func printHeader(_ root: URL) {
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        print("ledger-bench: \(options.isQuick ? "quick" : "full") run in \(root.path)")
        print("load average at start: \(loadAverage())")
        print(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(format(Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824)) GiB, Linux \(release)"
        )
    }
}
