import Foundation
import Synchronization
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// Index snapshots are encoded off the writer, from a copy of the tables
/// (`FileLedgerStore+Snapshots.swift`), and their files written there without a name: appends go
/// on meanwhile, the writer then keeps in memory only what came after the copy, and a snapshot an
/// erasure overtook is never written.
@Suite(.timeLimit(.minutes(1))) struct BackgroundSnapshotTests {
    /// Holds the next read of `identities.vault` in a whole piece, once armed: the read with
    /// which a snapshot gathers the identifiers for `SUBJECTS` (``VaultFile/forEachText(at:_:)``;
    /// a look-up reads one entry), so the snapshot is held in the middle of its encoding.
    static func heldSnapshotRead() -> HeldSystemCall {
        HeldSystemCall(.pread(atLeast: VaultFile.pieceSize), ofFileEndingIn: "/" + VaultKind.identities.fileName)
    }

    /// A ledger of 20 facts about 20 subjects, closed (its snapshot covers them all, so the next
    /// one reads their identifiers from the vault for `SUBJECTS`), reopened through `held` with
    /// a snapshot every 10 facts, and 9 facts more: the next append starts a snapshot.
    static func reopened(_ directory: TemporaryDirectory, _ held: HeldSystemCall) async throws -> (
        FileLedgerStore, [Fact]
    ) {
        let first = try FileStoreTesting.open(directory.ledger)
        var written: [Fact] = []
        for number in 0..<20 {
            written += try await first.append([FileStoreTesting.holding("customer:\(number)", value: "v\(number)")])
        }
        try await first.close()
        let store = try FileStoreTesting.open(directory.ledger, options: .init(snapshotInterval: 10), calls: held.calls)
        for number in 100..<109 {
            written += try await store.append([FileStoreTesting.holding("customer:\(number)", value: "v\(number)")])
        }
        return (store, written)
    }

    /// The tenth append since the snapshot: the next snapshot starts, and is held once encoding.
    static func startHeldSnapshot(_ store: FileLedgerStore, _ held: HeldSystemCall) async throws -> [Fact] {
        held.arm()
        let appended = try await store.append([FileStoreTesting.holding("customer:109", value: "v109")])
        await FileStoreTesting.until { held.holds == 1 }
        return appended
    }

    /// Erases subject `customer:3` (fact 4, its only one), identifier included, through `store`.
    static func eraseCustomer3(through store: FileLedgerStore) async throws {
        _ = try await store.erase(
            ErasureScope(subject: "customer:3", values: [4], erasesIdentifier: true),
            recording: FileStoreTesting.erasure("customer:3", erased: [4], identifier: true))
    }

    @Test func appendsAreAnsweredWhileASnapshotIsEncodedAndOnlyTheLaterStayInMemory() async throws {
        let directory = TemporaryDirectory()
        let held = Self.heldSnapshotRead()
        var (store, written) = try await Self.reopened(directory, held)
        written += try await Self.startHeldSnapshot(store, held)
        // On the writer, the snapshot would hold this append until the test's time limit.
        written += try await store.append([FileStoreTesting.holding("customer:110", value: "v110")])
        held.release()
        store.waitUntilSnapshotsSettle()
        let covered = try CheckpointFile.read(in: store.directory)?.count
        let inMemory = store.positionsInMemoryForTesting
        let all = try await store.facts(from: 1, limit: 100)
        let early = try await store.facts(about: "customer:3")
        let late = try await store.facts(about: "customer:110")
        try await store.close()
        #expect(covered == 30 && inMemory == 1)
        #expect(all == written && early == [written[3]] && late == [written[30]])
    }

    @Test func aSnapshotAnErasureOvertookIsNotWrittenAndTheNextIsEncodedOnTheWriter() async throws {
        let directory = TemporaryDirectory()
        let held = Self.heldSnapshotRead()
        let (store, _) = try await Self.reopened(directory, held)
        _ = try await Self.startHeldSnapshot(store, held)
        // Erased after the copy: the held snapshot still lists the subject's facts and identifier.
        try await Self.eraseCustomer3(through: store)
        held.release()
        store.waitUntilSnapshotsSettle()
        let coveredAfterErasure = try CheckpointFile.read(in: store.directory)?.count
        _ = try await store.append([FileStoreTesting.holding("customer:111", value: "v111")])
        store.waitUntilSnapshotsSettle()
        let coveredNext = try CheckpointFile.read(in: store.directory)?.count
        let erased = try await store.facts(about: "customer:3")
        try await store.close()
        #expect(coveredAfterErasure == 20)
        #expect(coveredNext == 32)
        #expect(erased.isEmpty)
    }

    @Test func aSnapshotAnotherProcessesErasureOvertookIsNotWritten() async throws {
        let directory = TemporaryDirectory()
        let held = Self.heldSnapshotRead()
        let (webshop, _) = try await Self.reopened(directory, held)
        // Beside it, a writer that does not snapshot before it closes.
        let dpo = try FileStoreTesting.open(directory.ledger, options: .init(snapshotInterval: 1_000))
        _ = try await Self.startHeldSnapshot(webshop, held)
        try await Self.eraseCustomer3(through: dpo)
        held.release()
        // The webshop's writer catches up with the erasure under the lock before it would write.
        webshop.waitUntilSnapshotsSettle()
        let covered = try CheckpointFile.read(in: webshop.directory)?.count
        let erased = try await webshop.facts(about: "customer:3")
        try await webshop.close()
        try await dpo.close()
        #expect(covered == 20)
        #expect(erased.isEmpty)
    }

    #if os(Linux)
        /// Holds the first `fdatasync` of a file opened on the ledger directory itself: only a
        /// file made there without a name is (`O_TMPFILE`; the directory is synced with `fsync`),
        /// and the snapshot writes `INDEX` first.
        static func heldSnapshotFileSync(_ directory: TemporaryDirectory) -> HeldSystemCall {
            HeldSystemCall(.fdatasync, ofFileEndingIn: directory.ledger)
        }

        @Test func aSnapshotsFilesAreWrittenOffTheWriterAndOnlyNamedByIt() async throws {
            let directory = TemporaryDirectory()
            let held = Self.heldSnapshotFileSync(directory)
            var (store, written) = try await Self.reopened(directory, held)
            written += try await Self.startHeldSnapshot(store, held)
            // Written by the writer, the snapshot's files would hold this append until the time limit.
            written += try await store.append([FileStoreTesting.holding("customer:110", value: "v110")])
            let coveredWhileHeld = try CheckpointFile.read(in: store.directory)?.count
            held.release()
            store.waitUntilSnapshotsSettle()
            let covered = try CheckpointFile.read(in: store.directory)?.count
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.ledger)
                .filter { $0.hasSuffix(".tmp") }
            try await store.close()
            let reopened = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
            let all = try await reopened.facts(from: 1, limit: 100)
            try await reopened.close()
            #expect(coveredWhileHeld == 20 && covered == 30)
            #expect(leftovers.isEmpty)
            #expect(all == written)
        }

        /// Where a file cannot be made without a name, or not named, that is to be seen.
        enum UnnamedFileFault: CaseIterable, Sendable {
            /// `O_TMPFILE` is refused, as on a file system without it.
            case cannotBeMade
            /// The link fails, as without `/proc`.
            case cannotBeNamed

            final class Strikes: Sendable {
                let count = Mutex(0)
            }

            /// `.live`, but for the fault, and how many times it struck.
            func calls() -> (SystemCalls, Strikes) {
                let struck = Strikes()
                var calls = SystemCalls.live
                switch self {
                case .cannotBeMade:
                    calls.open = { path, flags, mode in
                        guard let unnamed = _O_TMPFILE, flags & unnamed == unnamed else {
                            return SystemCalls.live.open(path, flags, mode)
                        }
                        struck.count.withLock { $0 += 1 }
                        return .failure(.notSupported)
                    }
                case .cannotBeNamed:
                    calls.linkOpenFile = { _, _ in
                        struck.count.withLock { $0 += 1 }
                        return .failure(.noSuchFile)
                    }
                }
                return (calls, struck)
            }
        }

        @Test(arguments: UnnamedFileFault.allCases)
        func aSnapshotIsWrittenFromItsBytesWhenItsFilesCannotBeWrittenAhead(_ fault: UnnamedFileFault) async throws {
            let directory = TemporaryDirectory()
            let (calls, struck) = fault.calls()
            let store = try FileStoreTesting.open(directory.ledger, options: .init(snapshotInterval: 10), calls: calls)
            var written: [Fact] = []
            for number in 0..<10 {
                written += try await store.append([FileStoreTesting.holding("customer:\(number)", value: "v\(number)")])
            }
            store.waitUntilSnapshotsSettle()
            let covered = try CheckpointFile.read(in: store.directory)?.count
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.ledger)
                .filter { $0.hasSuffix(".tmp") }
            store.abandon()
            let reopened = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
            let all = try await reopened.facts(from: 1, limit: 100)
            try await reopened.close()
            #expect(struck.count.withLock { $0 } > 0 && covered == 10)
            #expect(leftovers.isEmpty)
            #expect(all == written)
        }
    #endif
}
