import Foundation
import LedgerCrypto
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// An `INDEX` whose checksum matches but whose contents are impossible is refused by its
/// decoder, never a trap; the store ignores it and rebuilds its tables from the log.
@Suite struct IndexSnapshotTests {
    /// A snapshot of one fact whose one slot has a first posting at fact 1, then a step of
    /// 2^64 − 1 (found by the index fuzz target's regression input).
    static func overflowingPosting() -> [UInt8] {
        var writer = ByteWriter(capacity: 128)
        writer.raw(IndexSnapshot.magic)
        writer.uint32LE(IndexSnapshot.version)
        for value: UInt64 in [1, UInt64(SegmentHeader.size), 1, VaultFile.headerSize, VaultFile.headerSize] {
            writer.varint(value)
        }
        writer.raw([UInt8](repeating: 0, count: 32))
        for value: UInt64 in [0, 0, 1, 1, 1, UInt64(SegmentHeader.size), 10, 1] { writer.varint(value) }
        writer.byte(4)
        for value: UInt64 in [0, 2, 1, UInt64.max, 0] { writer.varint(value) }
        writer.uint32LE(CRC32C.checksum(writer.bytes))
        return writer.bytes
    }

    @Test func aPostingStepPastTheLogIsRefused() {
        #expect(throws: CodecError.malformed("posting beyond the log")) {
            _ = try IndexSnapshot.decode(Self.overflowingPosting(), identities: [:])
        }
    }

    @Test func aStoreWithSuchAnIndexOpensFromItsLog() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        let written = try await store.append([FileStoreTesting.holding("customer:1", value: "v1")])
        try await store.close()
        FileStoreTesting.write(Self.overflowingPosting(), to: directory.ledger + "/INDEX")
        let reopened = try FileStoreTesting.open(directory.ledger)
        #expect(try await reopened.facts(about: "customer:1") == written)
        try await reopened.close()
    }
}
