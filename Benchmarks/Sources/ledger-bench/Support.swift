import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the workload asks of each engine; every engine implements it over the same `FactSpec`s.
protocol WorkloadEngine: AnyObject, Sendable {
    var name: String { get }
    /// Appends one fact durably, as its own transaction.
    func append(_ spec: FactSpec) async throws
    /// Appends facts durably, atomically, as one transaction.
    func append(batch: ArraySlice<FactSpec>) async throws
    /// Reads a subject's facts through the index and folds them into report rows.
    func report(_ subject: String) async throws -> SubjectReport
    /// Physically erases every value of a subject and its identifier.
    func erase(_ subject: String) async throws
    func close() async throws
}

/// An engine of the SQLite comparison, whose files are measured too.
protocol BenchEngine: WorkloadEngine {
    /// The bytes of every file the engine keeps.
    func bytesOnDisk() throws -> Int
}

/// Nanoseconds on the monotonic clock, which is shared by every process on the machine (the
/// fresh-process figure is timed from the parent's reading to the child's).
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Runs `body` and returns its result with the seconds it took.
func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let start = monotonicNanoseconds()
    let result = try await body()
    return (result, Double(monotonicNanoseconds() - start) / 1e9)
}

/// The value at quantile `q` (0...1) of `samples`, by the nearest-rank method.
func quantile(_ samples: [Double], _ q: Double) -> Double {
    precondition(!samples.isEmpty)
    let sorted = samples.sorted()
    let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

func median(_ samples: [Double]) -> Double { quantile(samples, 0.5) }

func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
}

/// The total size of the regular files under `directory`.
func directorySize(_ directory: URL) throws -> Int {
    let manager = FileManager.default
    guard let enumerator = manager.enumerator(atPath: directory.path) else { return 0 }
    var total = 0
    for case let relative as String in enumerator {
        let path = directory.appendingPathComponent(relative).path
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { total += Int(info.st_size) }
    }
    return total
}

/// The process's peak resident set (VmHWM), in MiB, from /proc/self/status.
func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? -1
        return kilobytes / 1024
    }
    return -1
}

/// This executable, for re-running itself as a child.
func executablePath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}

/// Runs this executable with `arguments` and returns what it printed on its last line.
func runChild(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executablePath())
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0 else {
        throw BenchError("child \(arguments.joined(separator: " ")) exited with \(process.terminationStatus): \(text)")
    }
    return text.split(separator: "\n").last.map(String.init) ?? ""
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes a line to standard error (progress), keeping standard output for the results.
func progress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs `count` iterations split over `tasks` concurrent tasks, each calling `body` with its
/// iteration numbers, one at a time.
func concurrently(tasks: Int, count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for task in 0..<tasks {
            group.addTask {
                var index = task
                while index < count {
                    try await body(index)
                    index += tasks
                }
            }
        }
        try await group.waitForAll()
    }
}

/// The 1, 5 and 15 minute load averages: other work on the machine shows in every figure.
func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
