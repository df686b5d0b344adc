import Foundation

/// The command line: `ledger-bench [--facts N] [--subjects N] [--quick] [--json PATH] [--dir PATH]`.
struct Options: Sendable {
    var facts = 1_000_000
    var subjects = 100_000
    /// Single appends per engine: fdatasync-bound, so a few thousand tell the rate.
    var singleAppends = 2_000
    /// Appends made by the 32 concurrent writers, per engine.
    var concurrentAppends = 8_000
    var writers = 32
    var batchSize = 1_000
    var reports = 1_000
    var erasures = 20
    /// Fresh processes started per engine for the open-and-report figure (the median is kept).
    var openRuns = 3
    var seed: UInt64 = 20_251_120
    var json: String?
    var directory: String?
    var isQuick = false
    /// A phase of the ledger's workload to run alone, for a profiler (see `Profile`).
    var profile: String?

    static let usage = """
        usage: ledger-bench [--facts N] [--subjects N] [--quick] [--json PATH] [--dir PATH]
                            [--single-appends N] [--concurrent-appends N] [--reports N]
                            [--erasures N] [--seed N]

        Runs the same workload against the ledger's file store and SQLite (GRDB, WAL,
        synchronous=FULL) and prints both engines' figures side by side with their ratio.

          --facts N               facts in the workload (default 1,000,000)
          --subjects N            subjects they are about (default 100,000)
          --quick                 a small run for CI: 20,000 facts, 2,000 subjects,
                                  300 single appends, 640 concurrent appends
          --json PATH             also write the figures as JSON to PATH
          --dir PATH              where to put both stores (default: a temporary directory,
                                  removed afterwards); PATH/ledger and PATH/sqlite are replaced
          --single-appends N      appends with one writer, per engine (default 2,000)
          --concurrent-appends N  appends by the 32 writers together, per engine (default 8,000)
          --reports N             subjects whose report is timed (default 1,000)
          --erasures N            subjects erased, one at a time (default 20)
          --seed N                the workload's seed
        """

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var explicit: Set<String> = []
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw BenchError("\(flag) needs a value\n\n\(usage)") }
            return next
        }
        func number(_ flag: String) throws -> Int {
            let text = try value(flag).replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
            guard let number = Int(text), number >= 0 else { throw BenchError("\(flag) needs a number\n\n\(usage)") }
            explicit.insert(flag)
            return number
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--facts": options.facts = try number(flag)
            case "--subjects": options.subjects = try number(flag)
            case "--single-appends": options.singleAppends = try number(flag)
            case "--concurrent-appends": options.concurrentAppends = try number(flag)
            case "--reports": options.reports = try number(flag)
            case "--erasures": options.erasures = try number(flag)
            case "--seed": options.seed = UInt64(try number(flag))
            case "--json": options.json = try value(flag)
            case "--dir": options.directory = try value(flag)
            case "--quick": options.isQuick = true
            case "--profile": options.profile = try value(flag)
            case "--help", "-h":
                print(usage)
                exit(0)
            default: throw BenchError("unknown argument \(flag)\n\n\(usage)")
            }
        }
        if options.isQuick {
            if !explicit.contains("--facts") { options.facts = 20_000 }
            if !explicit.contains("--subjects") { options.subjects = 2_000 }
            if !explicit.contains("--single-appends") { options.singleAppends = 300 }
            if !explicit.contains("--concurrent-appends") { options.concurrentAppends = 640 }
            if !explicit.contains("--erasures") { options.erasures = 10 }
        }
        guard options.subjects > 0, options.facts >= options.subjects else {
            throw BenchError("--facts must be at least --subjects, and --subjects at least 1")
        }
        guard options.profile != nil || options.singleAppends + options.concurrentAppends < options.facts else {
            throw BenchError("--single-appends and --concurrent-appends must leave facts to import")
        }
        options.reports = max(1, options.reports)
        options.erasures = min(max(1, options.erasures), options.subjects)
        return options
    }

    var importedFacts: Int { facts - singleAppends - concurrentAppends }
}
