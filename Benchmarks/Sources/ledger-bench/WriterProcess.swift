import Foundation

/// A running writer process of the multi-process figure, as the parent sees it.
final class WriterProcess {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()

    /// Starts this executable with `flag` (`--child-append`, `--child-pg-append`) and `arguments`.
    init(_ flag: String, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executablePath())
        process.arguments = [flag] + arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    /// The next line the process prints; an error when it exits first.
    func line() throws -> String {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else {
                process.waitUntilExit()
                throw BenchError(
                    "a writer process exited with status \(process.terminationStatus) before answering")
            }
            buffer.append(data)
        }
    }

    func start() throws { try input.fileHandleForWriting.write(contentsOf: Data("go\n".utf8)) }

    /// Waits for the process to end; an error unless it succeeded.
    func finish() throws {
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("a writer process exited with status \(process.terminationStatus)")
        }
    }
}

/// Appends from `processes` writer processes of `tasks` tasks each, started together once all
/// are open (each prints `ready`); facts per second from the first start to the last end.
/// `arguments(number)` gives process `number`'s arguments after `flag`, and `count` facts are
/// appended in all.
func acrossProcessesRate(
    _ flag: String, processes: Int, count: Int, arguments: (_ number: Int) -> [String]
) throws -> Double {
    var children: [WriterProcess] = []
    for number in 0..<processes { children.append(try WriterProcess(flag, arguments(number))) }
    for child in children {
        guard try child.line() == "ready" else { throw BenchError("a writer process did not get ready") }
    }
    for child in children { try child.start() }
    var starts: [UInt64] = []
    var ends: [UInt64] = []
    for child in children {
        let fields = try child.line().split(separator: " ").compactMap { UInt64($0) }
        guard fields.count == 2 else { throw BenchError("a writer process answered no times") }
        starts.append(fields[0])
        ends.append(fields[1])
        try child.finish()
    }
    return Double(count) / (Double(ends.max()! - starts.min()!) / 1e9)
}
