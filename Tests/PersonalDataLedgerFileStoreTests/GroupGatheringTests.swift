import Dispatch
import Foundation
import Synchronization
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// Callers a group commit answered come back one after another; the writer waits for them
/// (``FileLedgerStore/gather(expecting:)``), so their next appends share a group and a sync.
@Suite(.timeLimit(.minutes(1))) struct GroupGatheringTests {
    @Test func writersAnsweredTogetherAppendTogetherAgain() async throws {
        let directory = TemporaryDirectory()
        let observer = RecordingObserver()
        let held = HeldSystemCall(.fdatasync, ofFileEndingIn: ".seg")
        // A wait no machine's scheduling outlasts, and longer than the suite's time limit: the
        // group starts when four callers are queued, and the close ends the last wait.
        let store = try FileLedgerStore(
            path: directory.ledger, mode: .readWrite, options: .init(), calls: held.calls, observer: observer,
            gatherWait: .seconds(600))
        func append(_ subject: String, offset: Double = 0) async throws {
            _ = try await store.append([FileStoreTesting.holding(subject, offset: offset)])
        }
        var queued: Int { store.jobs.withLock { $0.jobs.count } }
        var groups: [Int] {
            observer.events.compactMap { event in
                guard case .storeAppended(let facts, _, _) = event else { return nil }
                return facts
            }
        }
        held.arm()
        let first = Task { try await append("customer:0") }
        await FileStoreTesting.until { held.holds == 1 }
        // Four writers queue behind the held commit; each appends again a moment after it is answered.
        let writers = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 1...4 {
                    group.addTask {
                        try await append("customer:\(writer)")
                        usleep(20_000)  // not Task.sleep: see FileStoreTesting.until
                        try await append("customer:\(writer)", offset: 1)
                    }
                }
                try await group.waitForAll()
            }
        }
        await FileStoreTesting.until { queued == 4 }
        held.arm()
        held.release()
        _ = try await first.value
        // While the four writers' group is held, another caller queues: the next group starts
        // with it, and would start without the four if nothing waited for them to come back.
        await FileStoreTesting.until { held.holds == 2 }
        let other = Task { try await append("customer:9") }
        await FileStoreTesting.until { queued == 1 }
        held.release()
        try await other.value
        // The last writer's append waits for callers that do not come back, until the close.
        await FileStoreTesting.until { queued == 1 || groups.reduce(0, +) == 10 }
        try await store.close()
        try await writers.value
        #expect(groups.prefix(2) == [1, 4])
        #expect(groups.dropFirst(2).first.map { $0 >= 4 } == true)
        #expect(groups.reduce(0, +) == 10)
    }
}
