// ledger-crash-writer: the child process of the kill-loop test.
//
// Usage: ledger-crash-writer DIRECTORY SEED
//
// Appends batches from four concurrent writers (and now and then an erasure) for ever, and
// prints one line per acknowledgement, flushed before anything else happens:
//
//   ack FIRST COUNT TAG      a batch of COUNT facts from FIRST was acknowledged; every fact's
//                            reference is "TAG/i/COUNT" and its value "value-TAG/i"
//   erased SEQUENCE          the value of fact SEQUENCE was erased and the erasure acknowledged
//
// The parent kills it with SIGKILL at a random moment and checks the store.
import Foundation

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore

let arguments = CommandLine.arguments
guard arguments.count == 3, let seed = UInt64(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: ledger-crash-writer DIRECTORY SEED\n".utf8))
    exit(2)
}
let directory = URL(fileURLWithPath: arguments[1])

/// Writes a line straight to the pipe (no buffer), so the parent sees it before anything else.
func report(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

let store: FileLedgerStore
do {
    store = try FileLedgerStore(directory: directory, options: .init(segmentSize: 16 << 10, snapshotInterval: 50))
} catch {
    FileHandle.standardError.write(Data("open failed: \(error)\n".utf8))
    exit(3)
}

func fact(tag: String, index: Int, count: Int, subject: Int) -> NewFact {
    NewFact(
        recordedAt: Date(timeIntervalSince1970: 1_764_000_000), actor: "crash-writer",
        body: .holding(
            Holding(
                subject: SubjectID("customer:\(subject)"), category: .email, system: "webshop.orders",
                purpose: .customerAccountAndOrders, basis: .contract, source: .dataSubject,
                reference: BusinessReference(rawValue: "\(tag)/\(index)/\(count)"),
                value: PersonalValue("value-\(tag)/\(index)"))))
}

await withTaskGroup(of: Void.self) { group in
    for writer in 0..<4 {
        group.addTask {
            var state = seed &* 31 &+ UInt64(writer) &* 7919
            func next(_ bound: Int) -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((state >> 33) % UInt64(bound))
            }
            var batch = 0
            while true {
                batch += 1
                let tag = "s\(seed)w\(writer)b\(batch)"
                if next(10) == 0 {
                    // Erase the value of one of this subject's facts, if it has any.
                    let subject = SubjectID("customer:\(writer)")
                    guard
                        let target = try? await store.facts(about: subject).first(where: {
                            $0.body.personalValues.contains { !$0.isErased }
                        })
                    else { continue }
                    let erasure = NewFact(
                        recordedAt: Date(timeIntervalSince1970: 1_764_000_000), actor: "crash-writer",
                        body: .erasure(
                            Erasure(
                                subject: subject, reason: .subjectRequest, erased: [target.sequence],
                                identifierErased: false)))
                    do {
                        _ = try await store.erase(
                            ErasureScope(subject: subject, values: [target.sequence], erasesIdentifier: false),
                            recording: erasure)
                        report("erased \(target.sequence)")
                    } catch {
                        FileHandle.standardError.write(Data("erase failed: \(error)\n".utf8))
                        exit(4)
                    }
                    continue
                }
                let count = 1 + next(5)
                let facts = (0..<count).map { fact(tag: tag, index: $0, count: count, subject: writer) }
                do {
                    let recorded = try await store.append(facts)
                    report("ack \(recorded[0].sequence) \(count) \(tag)")
                } catch {
                    FileHandle.standardError.write(Data("append failed: \(error)\n".utf8))
                    exit(4)
                }
            }
        }
    }
}
