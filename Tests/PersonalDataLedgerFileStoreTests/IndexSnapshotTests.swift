import Foundation
import LedgerCrypto
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// An `INDEX` whose checksum matches but whose contents are impossible is refused by its
/// decoder, never a trap: at open when its header or small tables are impossible (the store
/// then rebuilds its tables from the log), or when a query reads the postings (an error naming
/// the file and what to do, never a shorter answer).
@Suite struct IndexSnapshotTests {
    /// A snapshot of one fact whose one slot has a first posting at fact 1, then a step of
    /// 2^64 − 1 (found by the index fuzz target's regression input).
    static func overflowingPosting(
        logEnd: LogPosition = LogPosition(segment: 1, offset: UInt64(SegmentHeader.size) + 100),
        head: [UInt8] = [UInt8](repeating: 0, count: 32)
    ) -> [UInt8] {
        var postings = ByteWriter()
        postings.varint(1)
        postings.varint(UInt64.max)
        let small = [UInt8]([0, 0, 0])
        let positions = UInt64(IndexSnapshot.headerSize + small.count)
        let slots = positions + UInt64(IndexSnapshot.positionSize)
        let postingsStart = slots + UInt64(IndexSnapshot.slotSize)
        var writer = ByteWriter(capacity: 256)
        writer.raw(IndexSnapshot.magic)
        writer.uint32LE(IndexSnapshot.version)
        writer.uint32LE(0)
        for value: UInt64 in [logEnd.segment, logEnd.offset, 1, VaultFile.headerSize, VaultFile.headerSize] {
            writer.uint64LE(value)
        }
        writer.raw(head)
        for value in [
            UInt64(IndexSnapshot.headerSize), positions, slots, postingsStart, postingsStart + UInt64(postings.count),
        ] {
            writer.uint64LE(value)
        }
        writer.raw(small)
        for value: UInt32 in [1, UInt32(SegmentHeader.size), 10] { writer.uint32LE(value) }
        writer.raw([IndexSnapshot.SlotKind.kind.rawValue, 0, 0, 0])
        writer.uint32LE(2)
        writer.uint64LE(1)
        writer.uint64LE(0)
        writer.raw(postings.bytes)
        writer.uint32LE(CRC32C.checksum(writer.bytes))
        return writer.bytes
    }

    @Test func aPostingStepPastTheLogIsRefusedWhenRead() throws {
        let tables = try IndexSnapshot.decode(Self.overflowingPosting(), identities: [:])
        #expect(throws: CodecError.malformed("posting beyond the log")) {
            _ = try tables.index.postings(.kind(1))
        }
    }

    @Test func aStoreWithSuchAnIndexNamesTheFileAndOpensFromItsLogOnceItIsRemoved() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        let written = try await store.append([FileStoreTesting.holding("customer:1", value: "v1")])
        try await store.close()
        // The same tag as the real snapshot, so that the store opens with it.
        let real = try IndexSnapshot.decode(
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory.ledger + "/INDEX"))), identities: [:])
        FileStoreTesting.write(
            Self.overflowingPosting(logEnd: real.logEnd, head: real.head), to: directory.ledger + "/INDEX")
        let reopened = try FileStoreTesting.open(directory.ledger)
        await #expect {
            _ = try await reopened.facts(for: .kind(FactRecordFormat.kinds[1]))
        } throws: { error in
            (error as? LedgerStoreError)?.message.contains("INDEX in \(directory.ledger) is damaged") == true
        }
        // Closing cannot snapshot from damage: it says so and removes the file.
        await #expect {
            try await reopened.close()
        } throws: { error in
            (error as? LedgerStoreError)?.message.contains("INDEX, is damaged") == true
        }
        #expect(!FileManager.default.fileExists(atPath: directory.ledger + "/INDEX"))
        let rebuilt = try FileStoreTesting.open(directory.ledger)
        #expect(try await rebuilt.facts(about: "customer:1") == written)
        try await rebuilt.close()
    }

    /// Positions and postings come from the mapped snapshot and from what was published after
    /// it, and an erasure after the snapshot removes the snapshot's postings too.
    @Test func factsOfTheSnapshotAndAfterItAreFoundAndErasuresApplyToBoth() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        let before = try await store.append([
            FileStoreTesting.holding("customer:1", value: "v1"), FileStoreTesting.holding("customer:2", value: "v2"),
        ])
        try await store.close()
        let reopened = try FileStoreTesting.open(directory.ledger)
        let after = try await reopened.append([FileStoreTesting.holding("customer:1", value: "v3")])
        #expect(try await reopened.facts(about: "customer:1") == [before[0], after[0]])
        let sys = try await reopened.facts(for: .reference("order:50017")).map(\.sequence)
        #expect(sys == [1, 2, 3])
        _ = try await reopened.erase(
            ErasureScope(subject: "customer:1", values: [1, 3], erasesIdentifier: true),
            recording: FileStoreTesting.erasure("customer:1", erased: [1, 3], identifier: true))
        #expect(try await reopened.facts(about: "customer:1").isEmpty)
        try await reopened.close()
        let again = try FileStoreTesting.open(directory.ledger)
        #expect(try await again.facts(about: "customer:1").isEmpty)
        #expect(try await again.facts(about: "customer:2") == [before[1]])
        try await again.close()
    }
}
