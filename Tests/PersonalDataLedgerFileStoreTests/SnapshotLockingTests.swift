import Synchronization
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// A writer encodes its index snapshot outside the store's state lock, so the process's reads are
/// not held up by it (half a second at a million facts, every 100,000 facts).
@Suite struct SnapshotLockingTests {
    /// Notes, at every read of `identities.vault` while a store is watched, whether its state
    /// lock was free.
    final class LockProbe: Sendable {
        private let watched = Mutex<FileLedgerStore?>(nil)
        private let paths = Mutex<[Int32: String]>([:])
        private let observed = Mutex<[Bool]>([])

        func watch(_ store: FileLedgerStore?) { watched.withLock { $0 = store } }

        var lockWasFree: [Bool] { observed.withLock { $0 } }

        var calls: SystemCalls {
            var calls = SystemCalls.live
            let live = SystemCalls.live
            calls.open = { [self] path, flags, mode in
                let result = live.open(path, flags, mode)
                if case .success(let fd) = result { paths.withLock { $0[fd] = path } }
                return result
            }
            calls.pread = { [self] fd, buffer, offset in
                let path = paths.withLock { $0[fd] } ?? ""
                if path.hasSuffix("/" + VaultKind.identities.fileName), let store = watched.withLock({ $0 }) {
                    let isFree = store.state.withLockIfAvailable { _ in true } ?? false
                    observed.withLock { $0.append(isFree) }
                }
                return live.pread(fd, buffer, offset)
            }
            return calls
        }
    }

    /// The snapshot after a reopen reads the earlier subjects' identifiers from the vault to
    /// place them in `SUBJECTS`; the appends before it name only new subjects, so they read none.
    @Test func theSnapshotIsEncodedWithTheStateLockFree() async throws {
        let directory = TemporaryDirectory()
        let first = try FileStoreTesting.open(directory.ledger)
        for number in 0..<20 {
            _ = try await first.append([FileStoreTesting.holding("customer:\(number)", value: "v\(number)")])
        }
        try await first.close()
        let probe = LockProbe()
        let store = try FileStoreTesting.open(
            directory.ledger, options: .init(snapshotInterval: 10), calls: probe.calls)
        probe.watch(store)
        for number in 100..<110 {
            _ = try await store.append([FileStoreTesting.holding("customer:\(number)", value: "v\(number)")])
        }
        // The snapshot follows the tenth append on the writer, after its caller is answered: closing
        // comes after it on the same writer.
        try await store.close()
        probe.watch(nil)
        #expect(!probe.lockWasFree.isEmpty && probe.lockWasFree.allSatisfy { $0 })
    }
}
