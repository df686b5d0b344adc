import Foundation
import LedgerFuzzTargets
import Testing

/// Every seed and every input a fuzz run ever found in `Tests/Fuzz/Corpus/<target>/` goes through
/// its target as the fuzzer ran it: a refusal is fine, a trap fails the whole run. A crash the
/// fuzzer finds is fixed and its input saved there (`Documentation/Fuzzing.md`), so it stays a
/// regression test.
@Suite struct FuzzCorpusTests {
    struct Input: CustomTestStringConvertible, Sendable {
        var target: FuzzTarget
        var file: URL
        var testDescription: String { "\(target.rawValue)/\(file.lastPathComponent)" }
    }

    static let inputs: [Input] = FuzzTarget.allCases.flatMap { target in
        let directory = target.corpusDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map { Input(target: target, file: directory.appending(path: $0)) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyTargetHasASeedCorpus(_ target: FuzzTarget) {
        #expect(Self.inputs.contains { $0.target == target })
    }

    @Test(arguments: inputs)
    func anInputRunsWithoutATrap(_ input: Input) async throws {
        let bytes = Array(try Data(contentsOf: input.file))
        do { try await input.target.run(bytes) } catch {}
    }

    /// The seeds are valid files: each decodes whole, so a fuzz run starts deep in the decoders.
    @Test(arguments: inputs.filter { !$0.file.lastPathComponent.hasPrefix("crash-") })
    func aSeedDecodes(_ input: Input) async throws {
        try await input.target.run(Array(try Data(contentsOf: input.file)))
    }
}
