import Foundation
import Synchronization
import Testing

/// A value several tasks add to.
final class Locked<Value: Sendable>: Sendable {
    private let state: Mutex<Value>

    init(_ value: Value) { state = Mutex(value) }

    var value: Value { state.withLock { $0 } }

    func update<T: Sendable>(_ body: @Sendable (inout Value) -> T) -> T { state.withLock { body(&$0) } }
}

/// A process the tests run and wait for, with its output and a time limit.
enum ChildProcess {
    struct Outcome: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
        let timedOut: Bool

        /// The sequence numbers of the `ack SEQ` lines a writer printed.
        var acknowledged: [UInt64] {
            stdout.split(separator: "\n").compactMap { $0.hasPrefix("ack ") ? UInt64($0.dropFirst(4)) : nil }
        }
    }

    struct NotFound: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `executable` to its end — killed with SIGKILL after `timeout` — and returns its status
    /// and output.
    ///
    /// Input and output go through temporary files, not pipes: a child that starts a daemon (`pg_ctl
    /// start`) would hand the daemon a pipe's end, and reading to its end would never finish.
    static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, input: String? = nil,
        timeout: Duration = .seconds(120)
    ) async throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory.appending(path: "pdl-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputFile = directory.appending(path: "stdin")
        let outputFile = directory.appending(path: "stdout")
        let errorFile = directory.appending(path: "stderr")
        try Data((input ?? "").utf8).write(to: inputFile)
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let (status, timedOut) = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<(Int32, Bool), any Error>) in
            Thread.detachNewThread {
                do {
                    let process = Process()
                    process.executableURL = executable
                    process.arguments = arguments
                    if let environment { process.environment = environment }
                    process.standardInput = try FileHandle(forReadingFrom: inputFile)
                    process.standardOutput = try FileHandle(forWritingTo: outputFile)
                    process.standardError = try FileHandle(forWritingTo: errorFile)
                    try process.run()
                    let pid = process.processIdentifier
                    let timedOut = Locked(false)
                    let timer = DispatchWorkItem {
                        timedOut.update { $0 = true }
                        kill(pid, SIGKILL)
                    }
                    DispatchQueue.global().asyncAfter(
                        deadline: .now() + .milliseconds(Int(timeout.components.seconds * 1_000)), execute: timer)
                    process.waitUntilExit()
                    timer.cancel()
                    continuation.resume(returning: (process.terminationStatus, timedOut.value))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        return Outcome(
            status: status, stdout: String(decoding: try Data(contentsOf: outputFile), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self), timedOut: timedOut)
    }

    /// Runs `executable` as ``run(_:_:environment:input:timeout:)`` does, but through Python's
    /// `subprocess` with `close_fds`: a daemon it starts (`pg_ctl start`) then inherits no
    /// descriptor of this process, such as the one Foundation watches to learn that a child
    /// ended — which would make waiting for the child never end.
    static func runDaemonSafe(
        _ executable: URL, _ arguments: [String], timeout: Duration = .seconds(120)
    ) async throws -> Outcome {
        try await run(
            URL(filePath: "/usr/bin/env"),
            [
                "python3", "-c", "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:], close_fds=True))",
                executable.path,
            ] + arguments, timeout: timeout)
    }

    /// An executable of this package, built beside the test binary: the directory of
    /// `CommandLine.arguments[0]`, beside the `.xctest` bundle, or `.build/debug` of the package.
    static func builtExecutable(named name: String, filePath: String = #filePath) throws -> URL {
        var directories = [URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        let package = URL(filePath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        directories.append(package.appending(path: ".build/debug"))
        for directory in directories {
            let file = directory.appending(path: name)
            if FileManager.default.isExecutableFile(atPath: file.path) { return file }
        }
        throw NotFound(
            description:
                "No \(name) beside the tests (looked in \(directories.map(\.path))): run 'swift build --build-tests' first."
        )
    }
}

extension TestServer {
    /// `pdl-postgres` and the environment that points it at a new schema (`PDL_STORE`,
    /// `PDL_KEY_FILE`, no `PGPASSWORD`, `PDL_NOW` fixed), after `pdl-postgres init` there.
    static func initialisedPDL(schema name: String) async throws -> (pdl: URL, environment: [String: String]) {
        let pdl = try ChildProcess.builtExecutable(named: "pdl-postgres")
        var environment = ProcessInfo.processInfo.environment
        environment["PDL_STORE"] = storeURL(schema: uniqueSchema(name))
        environment["PDL_KEY_FILE"] = try keyFile().path
        environment.removeValue(forKey: "PGPASSWORD")
        environment["PDL_NOW"] = "2026-03-02T10:00:00Z"
        let initialised = try await ChildProcess.run(pdl, ["init"], environment: environment)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        return (pdl, environment)
    }
}
