import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// Several writers on one directory, as several processes have them: each store below has its
/// own descriptors, so its `flock` on `LOCK` excludes the others exactly as another process's
/// does.
@Suite struct SeveralWritersTests {
    @Test(arguments: [600, 32 << 20])
    func writersAppendingAtOnceMakeOneGaplessChain(segmentSize: Int) async throws {
        let directory = TemporaryDirectory()
        let options = FileLedgerStore.Options(segmentSize: segmentSize)
        let stores = try (0..<3).map { _ in try FileStoreTesting.open(directory.ledger, options: options) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (number, store) in stores.enumerated() {
                for task in 0..<4 {
                    group.addTask {
                        for index in 0..<10 {
                            _ = try await store.append([
                                FileStoreTesting.holding(
                                    "customer:\(number)", value: "w\(number)-t\(task)-\(index)@example.no")
                            ])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let answers = try await stores.asyncMap { store in
            (try await store.facts(from: 1, limit: Int.max), try await store.verify())
        }
        for store in stores { try await store.close() }
        let reopened = try FileStoreTesting.open(directory.ledger, options: options)
        let facts = try await reopened.facts(from: 1, limit: Int.max)
        let head = try await reopened.verify()
        try await reopened.close()

        #expect(facts.map(\.sequence) == Array(1...120))
        #expect(Set(facts.compactMap { $0.body.personalValues.first?.revealed }).count == 120)
        for (seen, verified) in answers {
            #expect(seen == facts)
            #expect(verified == head)
        }
    }

    @Test func aWriterOpenedWhileAnotherAppendsMissesNothingAndBreaksNothing() async throws {
        let directory = TemporaryDirectory()
        let options = FileLedgerStore.Options(segmentSize: 4096)
        let service = try FileStoreTesting.open(directory.ledger, options: options)
        _ = try await service.append([FileStoreTesting.holding("customer:0")])
        let appending = Task {
            var acknowledged: [UInt64] = []
            for index in 1...200 {
                let fact = try await service.append([FileStoreTesting.holding("customer:\(index % 7)")])
                acknowledged.append(fact[0].sequence)
            }
            return acknowledged
        }
        // The DPO's commands, one after another, each opening the ledger for writing beside the
        // service's appends (lock-free, then catching up under the lock) and recording one fact.
        var dpoFacts: [UInt64] = []
        for _ in 0..<10 {
            let before = try await service.integrityHead().count
            let dpo = try FileStoreTesting.open(directory.ledger, options: options)
            let seen = try await dpo.integrityHead().count
            #expect(seen >= before, "the new writer missed facts acknowledged before it opened")
            dpoFacts.append(try await dpo.append([FileStoreTesting.holding("customer:dpo")])[0].sequence)
            try await dpo.close()
        }
        let serviceFacts = try await appending.value
        let facts = try await service.facts(from: 1, limit: Int.max)
        let head = try await service.verify()
        try await service.close()
        #expect(facts.map(\.sequence) == Array(1...211))
        #expect(Set(serviceFacts + dpoFacts).count == 210)
        #expect(head.count == 211)
    }

    @Test func aWriterDoesNotSnapshotTheIndexAgainRightAfterAnotherDid() async throws {
        let directory = TemporaryDirectory()
        let options = FileLedgerStore.Options(snapshotInterval: 10)
        let first = try FileStoreTesting.open(directory.ledger, options: options)
        let second = try FileStoreTesting.open(directory.ledger, options: options)
        _ = try await second.append([FileStoreTesting.holding("customer:0")])
        _ = try await first.append((1...10).map { FileStoreTesting.holding("customer:\($0)") })
        // The snapshot is taken after the callers are answered, off the writer's thread.
        first.waitUntilSnapshotsSettle()
        let snapshot = try Self.inode(of: directory.ledger + "/INDEX")
        // The second writer has now seen 11 facts since it opened: a snapshot would be due, but
        // the first one's, one fact ago, is counted from instead.
        _ = try await second.append([FileStoreTesting.holding("customer:11")])
        second.waitUntilSnapshotsSettle()
        let after = try Self.inode(of: directory.ledger + "/INDEX")
        let pending = second.state.withLock { $0.factsSinceSnapshot }
        try await first.close()
        try await second.close()
        #expect(after == snapshot, "the second writer rewrote the index snapshot")
        #expect(pending == 1)
    }

    private static func inode(of path: String) throws -> Int {
        let number = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber
        return try #require(number).intValue
    }

    @Test func eachWriterSeesTheOthersFactsOnItsNextRead() async throws {
        let directory = TemporaryDirectory()
        let webshop = try FileStoreTesting.open(directory.ledger)
        let dpo = try FileStoreTesting.open(directory.ledger)
        let recorded = try await webshop.append([FileStoreTesting.holding("customer:1")])
        let seen = try await dpo.facts(about: SubjectID("customer:1"))
        let answer = try await dpo.append([FileStoreTesting.holding("customer:1", .phone, value: "+4791234567")])
        let both = try await webshop.facts(about: SubjectID("customer:1"))
        try await webshop.close()
        try await dpo.close()
        #expect(seen == recorded)
        #expect(both == recorded + answer)
    }

    @Test func anErasureByOneWriterIsReadAsErasedByTheOtherAndGoneFromTheFiles() async throws {
        let directory = TemporaryDirectory()
        let webshop = try FileStoreTesting.open(directory.ledger)
        let dpo = try FileStoreTesting.open(directory.ledger)
        let fact = try await webshop.append([
            FileStoreTesting.holding("customer:7", value: "marker-erased-by-the-dpo@example.no")
        ])[0]
        _ = try await dpo.erase(
            ErasureScope(subject: SubjectID("customer:7"), values: [fact.sequence], erasesIdentifier: true),
            recording: NewFact(
                recordedAt: FileStoreTesting.epoch, actor: "dpo",
                body: .erasure(
                    Erasure(
                        subject: SubjectID("customer:7"), reason: .subjectRequest, erased: [fact.sequence],
                        identifierErased: true))))
        let afterwards = try await webshop.facts(from: fact.sequence, limit: 1)
        let next = try await webshop.append([FileStoreTesting.holding("customer:8")])
        try await webshop.close()
        try await dpo.close()
        #expect(afterwards.first?.body.personalValues.allSatisfy(\.isErased) == true)
        #expect(next.first?.sequence == fact.sequence + 2)
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.ledger) {
            let bytes = FileStoreTesting.bytes(of: directory.ledger + "/" + name)
            let holdsValue = bytes.contains(Array("marker-erased-by-the-dpo".utf8))
            let holdsIdentifier = bytes.contains(Array("customer:7".utf8))
            #expect(!holdsValue, "\(name) still holds the value")
            #expect(!holdsIdentifier, "\(name) still holds the identifier")
        }
    }

    @Test func aCommitWaitingLongerThanTheTimeoutFailsNamingTheHolderAndWritesNothing() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(
            directory.ledger, options: FileLedgerStore.Options(lockTimeout: .milliseconds(200)))
        _ = try await store.append([FileStoreTesting.holding("customer:1")])
        // Another open file description of LOCK holds the lock, as a stopped writer would.
        let other = open(directory.ledger + "/LOCK", O_RDWR | O_CLOEXEC)
        #expect(flock(other, LOCK_EX) == 0)
        let refusal = await #expect(throws: LedgerStoreError.self) {
            _ = try await store.append([FileStoreTesting.holding("customer:2")])
        }
        #expect(flock(other, LOCK_UN) == 0)
        close(other)
        let after = try await store.append([FileStoreTesting.holding("customer:3")])
        try await store.close()
        #expect(refusal?.code == .locked)
        #expect(refusal?.message.contains("locked by process \(getpid()) for more than 0 s") == true)
        #expect(after.first?.sequence == 2)
    }

    @Test func aDeadWritersLeftoverIsCutByTheNextCommitUnderTheLock() async throws {
        let directory = TemporaryDirectory()
        let survivor = try FileStoreTesting.open(directory.ledger)
        let first = try await survivor.append([FileStoreTesting.holding("customer:1")])
        // What a writer killed in the middle of its commit leaves: a torn frame at the log's end
        // and vault bytes no frame refers to.
        let segment = directory.ledger + "/log-0000000001.seg"
        let vault = directory.ledger + "/values.vault"
        for (path, bytes) in [
            (segment, [UInt8](repeating: 0x5A, count: 4096)),
            (vault, Array(String(repeating: "half-written", count: 300).utf8)),
        ] {
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.seekToEnd()
            try handle.write(contentsOf: bytes)
            try handle.close()
        }
        let second = try await survivor.append([FileStoreTesting.holding("customer:2", value: "second@example.no")])
        try await survivor.close()
        let reader = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        let facts = try await reader.facts(from: 1, limit: Int.max)
        let head = try await reader.verify()
        #expect(reader.recoveryWarning == nil)
        try await reader.close()
        #expect(facts == first + second)
        #expect(head.count == 2)
        let vaultHoldsLeftover = FileStoreTesting.bytes(of: vault).contains(Array("half-written".utf8))
        #expect(!vaultHoldsLeftover)
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes.
    fileprivate func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { self[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}

extension Sequence {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
