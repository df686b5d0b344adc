// The fuzz targets of `LedgerFuzzTargets` as one program (see Documentation/Fuzzing.md).
//
// Built with `--sanitize=fuzzer --sanitize=address -Xswiftc -DFUZZING`, it is a libFuzzer binary:
// the target is chosen by the environment variable PDL_FUZZ_TARGET, and libFuzzer's own options
// and corpus directories follow on the command line. Built plainly, it replays files:
//
//     ledger-fuzz TARGET FILE_OR_DIRECTORY...   runs every file through TARGET
//     ledger-fuzz seeds DIRECTORY                writes the seed corpora (Tests/Fuzz/Corpus)
import Foundation
import LedgerFuzzTargets

#if FUZZING
    /// Runs `target` on `bytes` to the end, the async import target included, on the calling thread.
    func runBlocking(_ target: FuzzTarget, _ bytes: [UInt8]) -> (any Error)? {
        let done = DispatchSemaphore(value: 0)
        let outcome = FuzzOutcome()
        Task {
            do { try await target.run(bytes) } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        return outcome.error
    }

    /// Where the task leaves its error for the thread that waits for it (the semaphore orders it).
    final class FuzzOutcome: @unchecked Sendable {
        var error: (any Error)?
    }

    let selectedTarget: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["PDL_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("Set PDL_FUZZ_TARGET to one of: \(names).\n".utf8))
            exit(2)
        }
        return target
    }()

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
        let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
        _ = runBlocking(selectedTarget, bytes)
        return 0
    }
#else
    /// Replays files through a target, or writes the seed corpora.
    @main enum LedgerFuzz {
        static func main() async throws {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if arguments.first == "seeds", arguments.count == 2 {
                try await SeedCorpus.write(to: URL(filePath: arguments[1]))
            } else if let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count >= 2 {
                var files: [URL] = []
                for path in arguments.dropFirst() {
                    let url = URL(filePath: path)
                    if let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
                        files += names.sorted().map { url.appending(path: $0) }
                    } else {
                        files.append(url)
                    }
                }
                var refused = 0
                for file in files {
                    do { try await target.run(Array(try Data(contentsOf: file))) } catch { refused += 1 }
                }
                print("\(target.rawValue): \(files.count) inputs ran, \(refused) refused, none trapped.")
            } else {
                let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
                FileHandle.standardError.write(
                    Data(
                        "usage: ledger-fuzz (\(names)) FILE_OR_DIRECTORY...\n       ledger-fuzz seeds DIRECTORY\n".utf8)
                )
                exit(2)
            }
        }
    }
#endif
