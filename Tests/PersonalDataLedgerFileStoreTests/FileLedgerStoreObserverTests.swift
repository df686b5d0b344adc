import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// What a file store tells its observer: each durable write once, with what it wrote and how
/// long its syncs took.
@Suite struct FileLedgerStoreObserverTests {
    /// The bytes of every file in `path`.
    static func bytes(in path: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: path).reduce(0) { total, name in
            let attributes = try FileManager.default.attributesOfItem(atPath: path + "/" + name)
            return total + ((attributes[.size] as? NSNumber)?.intValue ?? 0)
        }
    }

    @Test func aDurableWriteIsHeardWithTheBytesItAddedAndItsSyncTime() async throws {
        let directory = TemporaryDirectory()
        let observer = RecordingObserver()
        let store = try FileLedgerStore(
            path: directory.ledger, mode: .readWrite, options: .init(), calls: .live, observer: observer)
        let before = try Self.bytes(in: directory.ledger)
        _ = try await store.append([
            FileStoreTesting.holding("customer:1"),
            FileStoreTesting.holding("customer:1", .name, value: "Kari Nordmann", offset: 1),
        ])
        let added = try Self.bytes(in: directory.ledger) - before
        #expect(observer.shapes == [.storeAppended(facts: 2, bytes: 0, syncDuration: .zero)])
        guard case .storeAppended(_, let bytes, let sync)? = observer.events.first else { return }
        #expect(bytes == added)
        #expect(sync.map { $0 > .zero } == true)
        try await store.close()
    }

    @Test func concurrentAppendsAreHeardOncePerGroupCommit() async throws {
        let directory = TemporaryDirectory()
        let observer = RecordingObserver()
        let store = try FileLedgerStore(
            path: directory.ledger, mode: .readWrite, options: .init(), calls: .live, observer: observer)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<16 {
                group.addTask { _ = try await store.append([FileStoreTesting.holding("customer:\(writer)")]) }
            }
            try await group.waitForAll()
        }
        let batches = observer.events.compactMap { event -> Int? in
            guard case .storeAppended(let facts, _, _) = event else { return nil }
            return facts
        }
        #expect(batches.reduce(0, +) == 16)
        try await store.close()
    }

    @Test func aWriteTheStoreCannotDoIsHeardAsFailedWithItsCode() async throws {
        let directory = TemporaryDirectory()
        try await FileStoreTesting.open(directory.ledger).close()
        let observer = RecordingObserver()
        let store = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        let ledger = Ledger(store: store, observer: observer)
        await #expect(throws: LedgerStoreError.self) {
            try await ledger.record(
                [.email("kari@example.no")], about: "customer:1", in: "webshop.orders", for: .customerAccountAndOrders,
                reference: "order:1")
        }
        #expect(observer.shapes == [.writeFailed(kind: .holding, code: .readOnly, duration: .zero)])
    }
}
