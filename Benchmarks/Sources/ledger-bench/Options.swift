import Foundation

/// The command line: `ledger-bench [--postgres | --curve] [--facts N] [--subjects N] [--quick] [--json PATH] [--dir PATH]`.
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
    /// The PostgreSQL comparison (`--postgres`) instead of the SQLite one.
    var isPostgres = false
    /// Writer processes of the PostgreSQL run's multi-process figure; `writers` tasks in all.
    var processes = 4
    /// A phase of the ledger's workload to run alone, for a profiler (see `Profile`).
    var profile: String?
    /// The cost curve (`--curve`): the workload at each of `curveSizes` facts.
    var isCurve = false
    /// The curve's sizes, ascending: 10,000, 100,000, 1,000,000 and 10,000,000 facts by default.
    var curveSizes = [10_000, 100_000, 1_000_000, 10_000_000]
    /// Sizes from which the curve measures the ledger alone, unless `--curve-sqlite-10m`.
    static let ledgerOnlyFrom = 10_000_000
    /// SQLite at 10,000,000 facts too (it imports at ~10,000 facts/s there: 15–20 minutes).
    var curveSQLiteAt10M = false
    /// Where the curve writes its SVG chart.
    var chart: String?
    /// The caps given on the command line (the curve picks its own for the others).
    var explicitCaps: Set<String> = []

    static let usage = """
        usage: ledger-bench [--postgres] [--facts N] [--subjects N] [--quick] [--json PATH] [--dir PATH]
                            [--single-appends N] [--concurrent-appends N] [--reports N]
                            [--erasures N] [--seed N]
               ledger-bench --curve [--curve-sizes N,N,...] [--curve-sqlite-10m] [--chart PATH]
                            [--json PATH] [--dir PATH] [caps as above]

        Runs the same workload against the ledger's file store and SQLite (GRDB, WAL,
        synchronous=FULL) and prints both engines' figures side by side with their ratio.

          --postgres              instead: PostgresLedgerStore against a plain PostgreSQL table
                                  on the same server (POSTGRES_HOSTNAME, POSTGRES_PORT,
                                  POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, as
                                  Scripts/with-postgres.sh exports them); needs the build's
                                  PostgreSQL trait. Defaults: 100,000 facts, 10,000 subjects,
                                  1,000 single appends, 4,000 appends for each concurrent
                                  figure (32 writers in one process; 32 across 4 processes);
                                  --quick: 5,000 facts, 500 subjects, 100 and 320 appends

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

          --curve                 the cost curve: the workload at 10,000, 100,000 and 1,000,000
                                  facts against both engines and at 10,000,000 against the
                                  ledger alone, subjects = facts / 10, the same caps at every
                                  size (1,000 single appends, 4,000 concurrent appends, 1,000
                                  reports, 20 erasures; fewer appends when the smallest size
                                  cannot hold them); prints how each figure grows per 10× facts
          --curve-sizes N,N,...   the curve's sizes instead (ascending, at least two)
          --curve-sqlite-10m      SQLite at 10,000,000 facts and above too
          --chart PATH            the curve as an SVG chart, one panel per figure
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
        func sizes(_ text: String) throws -> [Int] {
            let parts = text.replacingOccurrences(of: "_", with: "").split(
                separator: ",", omittingEmptySubsequences: false)
            let known = parts.compactMap { Int($0) }
            guard known.count == parts.count, known.count >= 2, known.allSatisfy({ $0 >= 1_000 }),
                known == known.sorted(), Set(known).count == known.count
            else {
                throw BenchError(
                    "--curve-sizes needs at least two ascending, different numbers of facts of 1,000 or more, separated by commas (e.g. 10000,100000)"
                )
            }
            explicit.insert("--curve-sizes")
            return known
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
            case "--postgres": options.isPostgres = true
            case "--profile": options.profile = try value(flag)
            case "--curve": options.isCurve = true
            case "--curve-sizes": options.curveSizes = try sizes(try value(flag))
            case "--curve-sqlite-10m": options.curveSQLiteAt10M = true
            case "--chart": options.chart = try value(flag)
            case "--help", "-h":
                print(usage)
                exit(0)
            default: throw BenchError("unknown argument \(flag)\n\n\(usage)")
            }
        }
        options.explicitCaps = explicit
        if options.isCurve {
            guard !options.isPostgres, options.profile == nil, !options.isQuick,
                !explicit.contains("--facts"), !explicit.contains("--subjects")
            else {
                throw BenchError(
                    "--curve chooses the sizes itself: use --curve-sizes instead of --facts, --subjects or --quick, and no --postgres or --profile"
                )
            }
            return try options.curveCaps()
        }
        guard options.chart == nil, !options.curveSQLiteAt10M, !explicit.contains("--curve-sizes") else {
            throw BenchError("--chart, --curve-sizes and --curve-sqlite-10m belong to --curve")
        }
        if options.isPostgres {
            let (facts, subjects, singles, concurrent, erasures) =
                options.isQuick ? (5_000, 500, 100, 320, 5) : (100_000, 10_000, 1_000, 4_000, 20)
            if !explicit.contains("--facts") { options.facts = facts }
            if !explicit.contains("--subjects") { options.subjects = subjects }
            if !explicit.contains("--single-appends") { options.singleAppends = singles }
            if !explicit.contains("--concurrent-appends") { options.concurrentAppends = concurrent }
            if !explicit.contains("--erasures") { options.erasures = erasures }
            if options.isQuick && !explicit.contains("--reports") { options.reports = 200 }
        } else if options.isQuick {
            if !explicit.contains("--facts") { options.facts = 20_000 }
            if !explicit.contains("--subjects") { options.subjects = 2_000 }
            if !explicit.contains("--single-appends") { options.singleAppends = 300 }
            if !explicit.contains("--concurrent-appends") { options.concurrentAppends = 640 }
            if !explicit.contains("--erasures") { options.erasures = 10 }
        }
        guard options.subjects > 0, options.facts >= options.subjects else {
            throw BenchError("--facts must be at least --subjects, and --subjects at least 1")
        }
        guard options.profile != nil || options.importedFacts > 0 else {
            throw BenchError("--single-appends and --concurrent-appends must leave facts to import")
        }
        options.reports = max(1, options.reports)
        options.erasures = min(max(1, options.erasures), options.subjects)
        return options
    }

    /// The curve's caps, the same at every size: the defaults below, or fewer appends when the
    /// smallest size cannot keep half its facts for the import; caps given explicitly are kept
    /// and checked.
    private func curveCaps() throws -> Options {
        var options = self
        let smallest = curveSizes[0]
        if !explicitCaps.contains("--single-appends") { options.singleAppends = min(1_000, smallest / 10) }
        if !explicitCaps.contains("--concurrent-appends") {
            options.concurrentAppends = min(4_000, smallest * 4 / 10)
        }
        options.reports = max(1, options.reports)
        guard options.singleAppends >= 1, options.concurrentAppends >= options.writers,
            options.singleAppends + options.concurrentAppends <= smallest / 2
        else {
            throw BenchError(
                "--curve: the smallest size (\(smallest) facts) must hold at least twice the appends (\(options.singleAppends) single + \(options.concurrentAppends) concurrent, at least 1 and \(options.writers)): lower --single-appends or --concurrent-appends, or raise the smallest size"
            )
        }
        guard options.erasures >= 1, options.erasures <= smallest / 10 else {
            throw BenchError(
                "--curve: --erasures must be between 1 and the smallest size's subjects (\(smallest / 10))")
        }
        return options
    }

    /// This run's options at one size of the curve: `facts` facts about `facts / 10` subjects.
    func atCurveSize(_ facts: Int) -> Options {
        var options = self
        options.facts = facts
        options.subjects = facts / 10
        options.json = nil
        return options
    }

    /// Whether the curve runs SQLite at `facts` facts.
    func curveIncludesSQLite(at facts: Int) -> Bool { facts < Self.ledgerOnlyFrom || curveSQLiteAt10M }

    /// The facts imported in batches: what the appends leave (the PostgreSQL run has two
    /// concurrent figures, each with `concurrentAppends`).
    var importedFacts: Int { facts - singleAppends - concurrentAppends * (isPostgres ? 2 : 1) }
}
