import Synchronization
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// `verify(against:progress:)`: the file store reports each batch it verified, counting up to the
/// whole chain; a store without its own reports once, at the end.
@Suite struct FileLedgerStoreVerifyProgressTests {
    @Test func theFileStoreReportsEveryBatchUpToTheCount() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        for batch in 0..<4 {
            _ = try await store.append((0..<(batch + 1)).map { _ in FileStoreTesting.holding("customer:\(batch)") })
        }
        let reports = Mutex<[(UInt64, UInt64)]>([])
        let head = try await store.verify(against: nil) { verified, total in
            reports.withLock { $0.append((verified, total)) }
        }
        #expect(head.count == 10)
        let seen = reports.withLock { $0 }
        #expect(seen.map(\.0) == [1, 3, 6, 10])
        #expect(seen.allSatisfy { $0.1 == 10 })
        try await store.close()
    }

    @Test func aStoreWithoutItsOwnReportsOnceAtTheEnd() async throws {
        let store = InMemoryLedgerStore()
        _ = try await store.append([FileStoreTesting.holding("customer:1"), FileStoreTesting.holding("customer:2")])
        let reports = Mutex<[(UInt64, UInt64)]>([])
        let head = try await store.verify(against: nil) { verified, total in
            reports.withLock { $0.append((verified, total)) }
        }
        #expect(head.count == 2)
        #expect(reports.withLock { $0.map { [$0.0, $0.1] } } == [[2, 2]])
    }
}
