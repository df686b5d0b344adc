import Foundation
import Synchronization
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct FileLedgerStoreTests {
    @Test(arguments: LedgerStoreConformance.checks + LedgerStoreConformance.sharedStoreChecks)
    func conformance(_ check: LedgerStoreConformance.Check) async throws {
        let root = TemporaryDirectory()
        await check.run(against: try FileStoreTesting.open(root.path + "/store"))
    }

    @Test(arguments: LedgerStoreConformance.checks + LedgerStoreConformance.sharedStoreChecks)
    func conformanceAfterReopen(_ check: LedgerStoreConformance.Check) async throws {
        // The same checks, on a store closed and reopened before it is handed over: a recovered
        // store must behave like a fresh one.
        let root = TemporaryDirectory()
        let path = root.path + "/store"
        let first = try FileStoreTesting.open(path)
        try await first.close()
        await check.run(against: try FileStoreTesting.open(path))
    }

    @Test func factsSurviveReopenWithAndWithoutSnapshot() async throws {
        let directory = TemporaryDirectory()
        var generator = SplitMix(seed: 1)
        let subjects = ["customer:1", "customer:2", "b2b:7"]
        let drafts = (0..<60).map { _ in FileStoreTesting.randomFact(using: &generator, subjects: subjects) }
        var store: FileLedgerStore? = try FileStoreTesting.open(directory.ledger)
        let written = try await store!.append(Array(drafts[0..<30])) + store!.append(Array(drafts[30...]))
        let head = try await store!.integrityHead()
        store!.abandon()  // no close: the next open replays the log without a snapshot
        store = try FileStoreTesting.open(directory.ledger)
        #expect(try await store!.facts(from: 1, limit: 100) == written)
        #expect(try await store!.integrityHead() == head)
        try await store!.close()
        #expect(FileManager.default.fileExists(atPath: directory.ledger + "/INDEX"))
        store = try FileStoreTesting.open(directory.ledger)
        #expect(try await store!.facts(from: 1, limit: 100) == written)
        for subject in subjects.map({ SubjectID($0) }) {
            // A person's own facts; the reports issued about them apart.
            for key in [IndexKey.subject(subject), .accountability(subject)] {
                #expect(try await store!.facts(for: key) == written.filter { $0.body.indexKeys.contains(key) })
            }
        }
        #expect(try await store!.verify() == head)
    }

    @Test func filesAreCreatedOwnerOnly() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        _ = try await store.append([FileStoreTesting.holding("customer:1")])
        try await store.close()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.ledger) {
            let attributes = try FileManager.default.attributesOfItem(atPath: directory.ledger + "/" + name)
            let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
            #expect(permissions & 0o077 == 0, "\(name) is readable by others: \(String(permissions, radix: 8))")
        }
    }

    @Test func readOnlyStoreRefusesWritesAndCatchesUp() async throws {
        let directory = TemporaryDirectory()
        let writer = try FileStoreTesting.open(directory.ledger, options: .init(segmentSize: 600))
        _ = try await writer.append([FileStoreTesting.holding("customer:1")])
        let reader = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        #expect(try await reader.integrityHead().count == 1)
        await #expect(throws: LedgerStoreError.self) {
            _ = try await reader.append([FileStoreTesting.holding("customer:2")])
        }
        // Enough to roll over several small segments while the reader watches.
        for round in 0..<12 {
            _ = try await writer.append([
                FileStoreTesting.holding("customer:\(round)", value: "v\(round)"),
                FileStoreTesting.holding("customer:\(round)", .name, value: "n\(round)"),
            ])
        }
        #expect(try await reader.refresh() == 25)
        #expect(try await reader.facts(from: 1, limit: 100) == writer.facts(from: 1, limit: 100))
        #expect(try await reader.facts(about: "customer:11") == writer.facts(about: "customer:11"))
        #expect(try await reader.integrityHead() == writer.integrityHead())
        _ = try await writer.erase(
            ErasureScope(subject: "customer:3", values: [8, 9], erasesIdentifier: true),
            recording: FileStoreTesting.erasure("customer:3", erased: [8, 9], identifier: true))
        #expect(try await reader.facts(from: 8, limit: 2) == writer.facts(from: 8, limit: 2))
        #expect(try await reader.facts(about: "customer:3").isEmpty)
        #expect(try await reader.verify() == writer.verify())
        try await reader.close()
        try await writer.close()
    }

    @Test func readerBesideWriterSeesOnlyWholeBatches() async throws {
        let directory = TemporaryDirectory()
        let writer = try FileStoreTesting.open(directory.ledger, options: .init(segmentSize: 4096))
        _ = try await writer.append([FileStoreTesting.holding("customer:0")])
        let reader = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for batch in 0..<40 {
                    _ = try await writer.append(
                        (0..<5).map {
                            FileStoreTesting.holding(
                                "customer:\(batch)", reference: "batch:\(batch)", offset: Double($0))
                        })
                }
            }
            group.addTask {
                for _ in 0..<200 {
                    let all = try await reader.facts(from: 2, limit: 1000)
                    #expect(all.count % 5 == 0, "a reader saw part of a batch")
                    #expect(all.map(\.sequence) == Array(2..<(2 + UInt64(all.count))))
                }
            }
            try await group.waitForAll()
        }
        #expect(try await reader.refresh() == 201)
    }

    @Test func segmentsRotateAndReopen() async throws {
        let directory = TemporaryDirectory()
        let options = FileLedgerStore.Options(segmentSize: 1024, snapshotInterval: 25)
        var store: FileLedgerStore? = try FileStoreTesting.open(directory.ledger, options: options)
        var written: [Fact] = []
        for round in 0..<40 {
            written += try await store!.append([
                FileStoreTesting.holding("customer:\(round % 7)", value: "value \(round)")
            ])
        }
        let segments = try FileManager.default.contentsOfDirectory(atPath: directory.ledger).filter {
            $0.hasSuffix(".seg")
        }
        #expect(segments.count > 3)
        store!.abandon()
        store = try FileStoreTesting.open(directory.ledger, options: options)
        #expect(try await store!.facts(from: 1, limit: 100) == written)
        #expect(try await store!.verify().count == 40)
    }

    @Test func damagedOrStaleSnapshotIsRebuilt() async throws {
        let directory = TemporaryDirectory()
        var store: FileLedgerStore? = try FileStoreTesting.open(directory.ledger)
        _ = try await store!.append((0..<10).map { FileStoreTesting.holding("customer:\($0 % 3)", value: "v\($0)") })
        try await store!.close()
        let snapshot = FileStoreTesting.bytes(of: directory.ledger + "/INDEX")
        store = try FileStoreTesting.open(directory.ledger)
        _ = try await store!.append([FileStoreTesting.holding("customer:1", value: "late")])
        let expected = try await store!.facts(from: 1, limit: 100)
        store!.abandon()
        // Stale: the old snapshot covers 10 of 11 facts.
        FileStoreTesting.write(snapshot, to: directory.ledger + "/INDEX")
        store = try FileStoreTesting.open(directory.ledger)
        #expect(try await store!.facts(from: 1, limit: 100) == expected)
        #expect(try await store!.facts(about: "customer:1") == expected.filter { $0.body.subjects == ["customer:1"] })
        store!.abandon()
        // Damaged: one flipped byte.
        var damaged = snapshot
        damaged[damaged.count / 2] ^= 0x40
        FileStoreTesting.write(damaged, to: directory.ledger + "/INDEX")
        store = try FileStoreTesting.open(directory.ledger)
        #expect(try await store!.facts(from: 1, limit: 100) == expected)
        #expect(try await store!.facts(about: "customer:2") == expected.filter { $0.body.subjects == ["customer:2"] })
    }

    @Test func closedStoreRefusesCalls() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        try await store.close()
        await #expect(throws: LedgerStoreError.self) {
            _ = try await store.append([FileStoreTesting.holding("customer:1")])
        }
        await #expect(throws: LedgerStoreError.self) { _ = try await store.facts(from: 1, limit: 1) }
    }

    @Test func publicInitializerTakesAURL() async throws {
        let directory = TemporaryDirectory()
        let store = try FileLedgerStore(directory: URL(fileURLWithPath: directory.ledger + "/"))
        #expect(store.path == directory.ledger)
        try await store.close()
    }
}

final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int {
        value.withLock {
            $0 += 1
            return $0
        }
    }
}
