import BenchmarkSupport
import Foundation
import PersonalDataLedger

#if canImport(Glibc)
    import Glibc
#endif

/// What the benchmark runs in fresh processes of itself: opening a store cold (as a service that
/// starts) and measuring one engine's peak memory without the other engine or the workload in
/// the same process.
enum Child {
    static func open(_ engine: String, at path: String) throws -> any BenchEngine {
        switch engine {
        case "ledger": try LedgerEngine(directory: URL(fileURLWithPath: path))
        case "sqlite": try SQLiteEngine(path: path)
        default: throw BenchError("unknown engine \(engine)")
        }
    }

    /// `--child-open ENGINE PATH SUBJECT T0`: opens the store and answers one report; prints the
    /// milliseconds from `T0` (the parent's monotonic clock just before it started this process)
    /// to the answer, and the milliseconds of open + report alone.
    static func openAndReport(_ arguments: [String]) async throws {
        guard arguments.count == 4, let start = UInt64(arguments[3]) else {
            throw BenchError("--child-open ENGINE PATH SUBJECT T0")
        }
        let entered = monotonicNanoseconds()
        let engine = try open(arguments[0], at: arguments[1])
        let report = try await engine.report(arguments[2])
        let answered = monotonicNanoseconds()
        guard !report.rows.isEmpty else { throw BenchError("the report of \(arguments[2]) is empty") }
        print(
            String(
                format: "%.3f %.3f %d", Double(answered - start) / 1e6, Double(answered - entered) / 1e6,
                report.rows.count))
        // Exit without closing (exit flushes standard output): the lock goes with the process,
        // and a service answering its first report has not closed either. Nothing was written.
        exit(0)
    }

    /// `--child-append ENGINE PATH SEED SUBJECTS COUNT TASKS`: one of the writer processes of
    /// the figure "32 writers across 4 processes". It opens the store beside the other processes
    /// (the ledger: each commit takes the writers' lock; SQLite: waits on its lock, with a busy
    /// timeout), prints `ready`, waits for a line on standard input so that every process starts
    /// together, then TASKS concurrent writers append COUNT facts (drawn from SEED) one per call;
    /// it prints the monotonic nanoseconds of its start and end.
    static func appendBesideOthers(_ arguments: [String]) async throws {
        guard arguments.count == 6, let seed = UInt64(arguments[2]), let subjects = Int(arguments[3]),
            let count = Int(arguments[4]), let tasks = Int(arguments[5])
        else { throw BenchError("--child-append ENGINE PATH SEED SUBJECTS COUNT TASKS") }
        let specs = Workload.extraFacts(count, subjects: subjects, seed: seed)
        let engine: any BenchEngine =
            arguments[0] == "sqlite"
            ? try SQLiteEngine(path: arguments[1], busyTimeout: 60) : try open(arguments[0], at: arguments[1])
        FileHandle.standardOutput.write(Data("ready\n".utf8))
        guard readLine() != nil else { throw BenchError("the parent went away before the start") }
        let start = monotonicNanoseconds()
        try await concurrently(tasks: tasks, count: specs.count) { index in try await engine.append(specs[index]) }
        let end = monotonicNanoseconds()
        try await engine.close()
        FileHandle.standardOutput.write(Data("\(start) \(end)\n".utf8))
    }

    /// `--child-rss ENGINE PATH SEED SUBJECTS REPORTS APPENDS`: opens the store, answers
    /// REPORTS reports about random subjects, appends APPENDS facts in batches of 100, closes,
    /// and prints the process's peak resident memory in MiB. ENGINE `none` only prints the
    /// baseline of this executable.
    static func residentMemory(_ arguments: [String]) async throws {
        guard arguments.count == 6, let seed = UInt64(arguments[2]), let subjects = Int(arguments[3]),
            let reports = Int(arguments[4]), let appends = Int(arguments[5])
        else { throw BenchError("--child-rss ENGINE PATH SEED SUBJECTS REPORTS APPENDS") }
        if arguments[0] != "none" {
            let engine = try open(arguments[0], at: arguments[1])
            var random = SplitMix64(seed: seed)
            var rows = 0
            for _ in 0..<reports {
                let subject = Workload.subjectID(Int.random(in: 0..<subjects, using: &random))
                rows += try await engine.report(subject).rows.count
            }
            let extra = Workload.extraFacts(appends, subjects: subjects, seed: seed &+ 1)
            var start = 0
            while start < extra.count {
                let end = min(start + 100, extra.count)
                try await engine.append(batch: extra[start..<end])
                start = end
            }
            try await engine.close()
            guard rows > 0 || reports == 0 else { throw BenchError("no report rows") }
        }
        print(String(format: "%.2f", peakResidentMegabytes()))
    }
}
