import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// Injected system-call faults (DESIGN §3.4.1, §5): a failed write or sync acknowledges nothing
/// and fails the store closed for good; short writes and `EINTR` are continued or retried.
@Suite(.timeLimit(.minutes(1))) struct FileLedgerStoreFaultTests {
    static let log = "log-0000000001.seg"

    @Test(arguments: [
        (FaultInjector.Call.pwrite, log, Errno.noSpace),
        (.fdatasync, log, .ioError),
        (.pwrite, "values.vault", .noSpace),
        (.fdatasync, "values.vault", .ioError),
        (.pwrite, "identities.vault", .noSpace),
        (.fdatasync, "identities.vault", .ioError),
    ])
    func aFailedWriteOrSyncFailsTheStoreClosed(call: FaultInjector.Call, file: String, error: Errno) async throws {
        let directory = TemporaryDirectory()
        let faults = FaultInjector()
        let store = try FileStoreTesting.open(directory.ledger, calls: faults.calls)
        let acknowledged = try await store.append([FileStoreTesting.holding("customer:1", value: "first")])
        faults.add(call, file, .fail(error))
        let failed = await failure {
            _ = try await store.append([FileStoreTesting.holding("customer:2", value: "second")])
        }
        #expect(isStoreError(failed, .failedClosed, mentioning: file, "\(error)", "not acknowledged"))
        // Never retried, never acknowledged again — even though the fault is gone.
        faults.clear()
        #expect(
            isStoreError(
                await failure { _ = try await store.append([FileStoreTesting.holding("customer:3")]) }, .failedClosed))
        #expect(
            isStoreError(
                await failure {
                    _ = try await store.erase(
                        ErasureScope(subject: "customer:1", values: [1], erasesIdentifier: false),
                        recording: FileStoreTesting.erasure("customer:1", erased: [1], identifier: false))
                }, .failedClosed))
        // Readers still see what was acknowledged, and nothing else.
        #expect(try await store.facts(from: 1, limit: 10) == acknowledged)
        store.abandon()

        // Issue 13, item 12 (fsyncgate): the failed batch's bytes may still be in the page cache
        // although the kernel may have dropped them from the disk; it was never acknowledged, so
        // nothing past the last acknowledged sequence is trusted — a reader ignores it and the
        // next writer cuts it, values included.
        let reader = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        #expect(try await reader.facts(from: 1, limit: 10) == acknowledged)
        try await reader.close()
        let reopened = try FileStoreTesting.open(directory.ledger)
        let facts = try await reopened.facts(from: 1, limit: 10)
        #expect(facts == acknowledged)
        #expect(FileStoreTesting.filesContaining("second", in: directory.ledger).isEmpty)
        #expect(try await reopened.verify().count == 1)
        #expect(try await reopened.append([FileStoreTesting.holding("customer:4")]).map(\.sequence) == [2])
    }

    /// Issue 13, item 10: an idle writer records the count, so a damaged newest frame is damage,
    /// not a torn write to cut — without a sync per commit.
    @Test func anIdleWriterRecordsTheAcknowledgedCount() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        let path = directory.ledger + "/" + AcknowledgedFile.name
        #expect(AcknowledgedFile.decode(FileStoreTesting.bytes(of: path)) == .recorded(0, isSealed: false))
        _ = try await store.append([FileStoreTesting.holding("customer:1")])
        _ = try await store.append([FileStoreTesting.holding("customer:2"), FileStoreTesting.holding("customer:3")])
        // The suite's time limit bounds the wait.
        await FileStoreTesting.until {
            AcknowledgedFile.decode(FileStoreTesting.bytes(of: path)) == .recorded(3, isSealed: false)
        }
        store.abandon()
        var log = FileStoreTesting.bytes(of: directory.ledger + "/" + Self.log)
        log[log.count - 3] ^= 0x01
        FileStoreTesting.write(log, to: directory.ledger + "/" + Self.log)
        #expect(isStoreError(openFailure(directory.ledger), .corrupted, mentioning: AcknowledgedFile.name, Self.log))
    }

    /// After a failed sync the writer seals the count it had acknowledged.
    @Test func aFailedSyncSealsTheAcknowledgedCount() async throws {
        let directory = TemporaryDirectory()
        let faults = FaultInjector()
        let store = try FileStoreTesting.open(directory.ledger, calls: faults.calls)
        _ = try await store.append([FileStoreTesting.holding("customer:1")])
        faults.add(.fdatasync, Self.log, .fail(.ioError))
        _ = await failure { _ = try await store.append([FileStoreTesting.holding("customer:2")]) }
        #expect(
            AcknowledgedFile.decode(FileStoreTesting.bytes(of: directory.ledger + "/" + AcknowledgedFile.name))
                == .recorded(1, isSealed: true))
        store.abandon()
        let reopened = try FileStoreTesting.open(directory.ledger)
        #expect(try await reopened.integrityHead().count == 1)
        #expect(
            AcknowledgedFile.decode(FileStoreTesting.bytes(of: directory.ledger + "/" + AcknowledgedFile.name))
                == .recorded(1, isSealed: false))
        try await reopened.close()
    }

    @Test func shortWritesAreContinued() async throws {
        let directory = TemporaryDirectory()
        let faults = FaultInjector()
        let store = try FileStoreTesting.open(directory.ledger, calls: faults.calls)
        faults.add(.pwrite, Self.log, .shortWrite, times: 6)
        faults.add(.pwrite, "values.vault", .shortWrite, times: 6)
        faults.add(.pread, "values.vault", .shortWrite, times: 6)
        let written = try await store.append(
            (0..<20).map { FileStoreTesting.holding("customer:\($0 % 4)", value: "value \($0)") })
        #expect(faults.fired >= 12)
        #expect(try await store.facts(from: 1, limit: 100) == written)
        store.abandon()
        let reopened = try FileStoreTesting.open(directory.ledger)
        #expect(try await reopened.facts(from: 1, limit: 100) == written)
        #expect(try await reopened.verify().count == 20)
    }

    @Test func interruptedCallsAreRetried() async throws {
        let directory = TemporaryDirectory()
        let faults = FaultInjector()
        let store = try FileStoreTesting.open(directory.ledger, calls: faults.calls)
        for file in [Self.log, "values.vault", "identities.vault"] {
            faults.add(.pwrite, file, .interrupt, times: 3)
            faults.add(.fdatasync, file, .interrupt, times: 3)
            faults.add(.pread, file, .interrupt, times: 3)
        }
        let written = try await store.append([FileStoreTesting.holding("customer:1", value: "interrupted")])
        #expect(try await store.facts(about: "customer:1") == written)
        #expect(faults.fired >= 7)
        _ = try await store.append([FileStoreTesting.holding("customer:1", value: "again")])
        try await store.close()
    }

    @Test func aFailedSyncIsNeverRetriedByConcurrentAppenders() async throws {
        let directory = TemporaryDirectory()
        let faults = FaultInjector()
        let store = try FileStoreTesting.open(directory.ledger, calls: faults.calls)
        faults.add(.fdatasync, Self.log, .fail(.ioError))
        let results = await withTaskGroup(of: Bool.self) { group in
            for writer in 0..<16 {
                group.addTask {
                    (try? await store.append([FileStoreTesting.holding("customer:\(writer)")])) != nil
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        // The first group fails; everything after it fails closed without touching the disk.
        #expect(!results.contains(true) || results.filter { $0 }.count < 16)
        #expect(
            isStoreError(await failure { _ = try await store.append([FileStoreTesting.holding("x:1")]) }, .failedClosed)
        )
    }
}
