import BenchmarkSupport
import Foundation
import PersonalDataLedger
import Synchronization

/// `--profile PHASE --dir DIR [--facts N] [--subjects N]`: one phase of the ledger's workload
/// alone, for a profiler (`valgrind --tool=callgrind`), so each figure's costs can be read apart.
///
/// - `import`: creates DIR/ledger and imports the workload in batches of 1,000;
/// - `import-reports`: the same import while another task reports on random subjects
///   throughout, each report timed: prints p50, p99, p99.9 and the longest (what a service's
///   readers wait while its writer takes an index snapshot);
/// - `append`: 300 single appends to DIR/ledger;
/// - `concurrent`: 640 appends by 32 concurrent writers;
/// - `report`: `--reports N` reports (store read + fold; 1,000 by default), each timed: prints p50 and p99;
/// - `open`: opens DIR/ledger and answers one report;
/// - `erase`: erases 10 subjects.
///
/// Run `import` first; the other phases use the store it leaves.
enum Profile {
    static func run(_ phase: String, _ options: Options) async throws {
        guard let directory = options.directory else { throw BenchError("--profile needs --dir") }
        let path = URL(fileURLWithPath: directory).appendingPathComponent("ledger")
        var random = SplitMix64(seed: options.seed &+ 7)
        let subjects = (0..<options.subjects).map(Workload.subjectID).shuffled(using: &random)
        switch phase {
        case "import":
            let workload = Workload(facts: options.facts, subjects: options.subjects, seed: options.seed)
            let engine = try freshEngine(path)
            try await importWorkload(workload, into: engine, options)
            try await engine.close()
        case "import-reports":
            let workload = Workload(facts: options.facts, subjects: options.subjects, seed: options.seed)
            let engine = try freshEngine(path)
            let isImporting = Mutex(true)
            let reporter = Task {
                var times: [Double] = []
                var index = 0
                while isImporting.withLock({ $0 }) {
                    let (_, seconds) = try await timed { try await engine.report(subjects[index % subjects.count]) }
                    times.append(seconds * 1e6)
                    index += 1
                }
                return times
            }
            try await importWorkload(workload, into: engine, options)
            isImporting.withLock { $0 = false }
            let times = try await reporter.value
            print(
                "\(times.count) reports during the import; p50 \(format(quantile(times, 0.5))) µs, p99 "
                    + "\(format(quantile(times, 0.99))) µs, p99.9 \(format(quantile(times, 0.999))) µs, longest "
                    + "\(format(times.max() ?? 0)) µs")
            try await engine.close()
        case "append", "concurrent":
            let engine = try LedgerEngine(directory: path)
            let count = phase == "append" ? 300 : 640
            let extra = Workload.extraFacts(count, subjects: options.subjects, seed: options.seed &+ 3)
            if phase == "append" {
                for spec in extra { try await engine.append(spec) }
            } else {
                try await concurrently(tasks: 32, count: extra.count) { try await engine.append(extra[$0]) }
            }
            try await engine.close()
        case "report":
            let engine = try LedgerEngine(directory: path)
            var rows = 0
            var times: [Double] = []
            times.reserveCapacity(options.reports)
            for index in 0..<options.reports {
                let (report, seconds) = try await timed { try await engine.report(subjects[index % subjects.count]) }
                rows += report.rows.count
                times.append(seconds * 1e6)
            }
            print("\(rows) rows; p50 \(format(quantile(times, 0.5))) µs, p99 \(format(quantile(times, 0.99))) µs")
            try await engine.close()
        case "open":
            let engine = try LedgerEngine(directory: path)
            print("\(try await engine.report(subjects[0]).rows.count) rows")
            exit(0)
        case "erase":
            let engine = try LedgerEngine(directory: path)
            var times: [Double] = []
            for subject in subjects.suffix(10) {
                let (_, seconds) = try await timed { try await engine.erase(subject) }
                times.append(seconds * 1e3)
            }
            print("erase: " + times.map { format($0) }.joined(separator: ", ") + " ms")
            try await engine.close()
        default:
            throw BenchError("unknown phase \(phase): import, import-reports, append, concurrent, report, open, erase")
        }
    }

    /// A new, empty ledger at `path` (whatever was there is removed).
    private static func freshEngine(_ path: URL) throws -> LedgerEngine {
        try? FileManager.default.removeItem(at: path)
        try FileManager.default.createDirectory(
            at: path.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        return try LedgerEngine(directory: path)
    }

    /// Imports `workload` into `engine` in batches of ``Options/batchSize``.
    private static func importWorkload(_ workload: Workload, into engine: LedgerEngine, _ options: Options)
        async throws
    {
        var start = 0
        while start < workload.facts.count {
            let end = min(start + options.batchSize, workload.facts.count)
            try await engine.append(batch: workload.facts[start..<end])
            start = end
        }
    }
}
