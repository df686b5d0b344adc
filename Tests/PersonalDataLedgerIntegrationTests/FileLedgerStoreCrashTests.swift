import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// The kill loop (DESIGN §5): two child processes append to one ledger and erase and report
/// every acknowledgement; the parent kills each with SIGKILL at a random moment, reopens the store and
/// checks that every acknowledged fact is there and whole, no unacknowledged batch is half
/// there, the chain verifies and there is no hole. Thirty rounds on one directory, so each
/// round also recovers from the previous kill.
@Suite struct FileLedgerStoreCrashTests {
    static let writer = BuiltProducts.executable("ledger-crash-writer")

    @Test func killLoop() async throws {
        let directory = TemporaryDirectory()
        var generator = SplitMix(seed: 2025)
        var acknowledged: [(first: UInt64, count: Int, tag: String)] = []
        var erased: Set<UInt64> = []
        var secondWriterAcknowledgements = 0
        for round in 0..<30 {
            // Two writer processes on one ledger: the first is killed in the middle of a commit
            // while the second goes on and takes the lock next, so the second tidies what the first
            // left; then the second is killed too.
            let children = try [round, round + 10_000].map { seed in
                let output = Pipe()
                let process = try SpawnedProcess.start(
                    Self.writer.path, [directory.ledger, String(seed)],
                    standardOutput: output.fileHandleForWriting.fileDescriptor)
                // Only the child writes to the pipe: its end of file is the child's end.
                try output.fileHandleForWriting.close()
                return (process, output)
            }
            var texts = ["", ""]
            // Kill after a random number of acknowledgements: the child is somewhere random in its
            // next group commit, vault write, erasure or snapshot by then.
            for (index, killAfter) in [
                Int.random(in: 1...40, using: &generator), Int.random(in: 1...8, using: &generator),
            ]
            .enumerated() {
                let (process, output) = children[index]
                var lines = 0
                while lines < killAfter {
                    let data = output.fileHandleForReading.availableData
                    if data.isEmpty { break }
                    texts[index] += String(decoding: data, as: UTF8.self)
                    lines = texts[index].filter { $0 == "\n" }.count
                }
                kill(process.pid, SIGKILL)
                let termination = process.wait()
                texts[index] += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(termination == .signalled(SIGKILL), "round \(round): writer \(index) stopped by itself")
            }
            secondWriterAcknowledgements += texts[1].split(separator: "\n").filter { $0.hasPrefix("ack ") }.count
            for line in texts.joined().split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.count == 4, fields[0] == "ack", let first = UInt64(fields[1]), let count = Int(fields[2]) {
                    acknowledged.append((first, count, String(fields[3])))
                } else if fields.count == 2, fields[0] == "erased", let sequence = UInt64(fields[1]) {
                    erased.insert(sequence)
                }
            }
            try await check(directory.ledger, acknowledged: acknowledged, erased: erased, round: round)
        }
        #expect(acknowledged.count > 30)
        #expect(secondWriterAcknowledgements >= 30, "the second writer acknowledged too little to be tested")
    }

    private func check(
        _ path: String, acknowledged: [(first: UInt64, count: Int, tag: String)], erased: Set<UInt64>, round: Int
    ) async throws {
        let store = try FileStoreTesting.open(path)
        defer { store.abandon() }
        let head = try await store.verify()
        let facts = try await store.facts(from: 1, limit: Int.max)
        #expect(facts.map(\.sequence) == Array(1..<(UInt64(facts.count) + 1)), "round \(round): a hole")
        #expect(UInt64(facts.count) == head.count)
        for batch in acknowledged {
            guard batch.first + UInt64(batch.count) - 1 <= UInt64(facts.count) else {
                Issue.record("round \(round): acknowledged facts \(batch.first)+\(batch.count) are lost")
                continue
            }
            for index in 0..<batch.count {
                let fact = facts[Int(batch.first) - 1 + index]
                guard case .holding(let holding) = fact.body else {
                    Issue.record("round \(round): fact \(fact.sequence) is not the acknowledged holding")
                    continue
                }
                #expect(holding.reference?.rawValue == "\(batch.tag)/\(index)/\(batch.count)", "round \(round)")
                if !erased.contains(fact.sequence) && holding.value != .erased {
                    #expect(holding.value == PersonalValue("value-\(batch.tag)/\(index)"), "round \(round)")
                }
            }
        }
        // Every batch present is whole, acknowledged or not.
        var index = 0
        while index < facts.count {
            if case .holding(let holding) = facts[index].body, let reference = holding.reference?.rawValue {
                let parts = reference.split(separator: "/")
                let count = Int(parts.last!)!
                #expect(Int(parts[1]) == 0, "round \(round): a batch starts in the middle")
                for offset in 0..<count {
                    guard index + offset < facts.count, case .holding(let next) = facts[index + offset].body else {
                        Issue.record("round \(round): a batch is cut short at fact \(index + offset + 1)")
                        break
                    }
                    #expect(next.reference?.rawValue == "\(parts[0])/\(offset)/\(count)", "round \(round)")
                }
                index += count
            } else {
                // An erasure: the value it names reads as erased.
                if case .erasure(let erasure) = facts[index].body {
                    for sequence in erasure.erased {
                        #expect(
                            facts[Int(sequence) - 1].body.personalValues.allSatisfy { $0.isErased }, "round \(round)")
                    }
                }
                index += 1
            }
        }
        for sequence in erased {
            #expect(
                facts[Int(sequence) - 1].body.personalValues.allSatisfy { $0.isErased },
                "round \(round): erasure \(sequence) lost")
        }
    }
}
