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
}
