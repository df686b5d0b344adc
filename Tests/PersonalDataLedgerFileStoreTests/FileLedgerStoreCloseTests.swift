import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// Work after the durable append — the index snapshot and checkpoint a close writes — never
/// puts an acknowledged fact in doubt.
@Suite struct FileLedgerStoreCloseTests {
    @Test(arguments: ["INDEX.tmp", "CHECKPOINT.tmp"])
    func aSnapshotThatCannotBeWrittenSaysNothingAcknowledgedIsLost(_ file: String) async throws {
        let directory = TemporaryDirectory()
        let faults = FaultInjector()
        faults.add(.pwrite, file, .fail(.noSpace), times: .max)
        let store = try FileStoreTesting.open(directory.ledger, calls: faults.calls)
        let appended = try await store.append([FileStoreTesting.holding("customer:1")])
        let error = await failure { try await store.close() }
        #expect(isStoreError(error, .io, mentioning: "ENOSPC", "Nothing acknowledged is lost"))
        #expect(faults.fired > 0)
        #expect(!FileManager.default.fileExists(atPath: directory.ledger + "/" + file))
        // The close released the lock, and the fact is there.
        let reopened = try FileStoreTesting.open(directory.ledger)
        #expect(try await reopened.facts(from: 1, limit: 10) == appended)
        try await reopened.close()
    }

    /// A close takes a snapshot once a tenth of the interval was appended since the last one
    /// (here 10 of 100); after fewer, the next open replays them instead.
    @Test(arguments: [(appended: 1, isRewritten: false), (appended: 9, isRewritten: false), (appended: 10, isRewritten: true)])
    func closingSnapshotsOnlyAfterATenthOfTheInterval(appended: Int, isRewritten: Bool) async throws {
        let directory = TemporaryDirectory()
        let options = FileLedgerStore.Options(snapshotInterval: 100)
        let store = try FileStoreTesting.open(directory.ledger, options: options)
        var facts = try await store.append([FileStoreTesting.holding("customer:1")])
        try await store.close()
        let snapshot = FileStoreTesting.bytes(of: directory.ledger + "/INDEX")
        let writer = try FileStoreTesting.open(directory.ledger, options: options)
        facts += try await writer.append((0..<appended).map { FileStoreTesting.holding("customer:\($0 + 2)") })
        try await writer.close()
        #expect((FileStoreTesting.bytes(of: directory.ledger + "/INDEX") != snapshot) == isRewritten)
        let reopened = try FileStoreTesting.open(directory.ledger, mode: .readOnly, options: options)
        #expect(try await reopened.facts(from: 1, limit: 100) == facts)
        try await reopened.close()
    }
}
