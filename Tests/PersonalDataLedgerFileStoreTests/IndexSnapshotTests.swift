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
    /// 2^64 − 1 (found by the index fuzz target's regression input), with 8-byte offsets.
    static func overflowingPosting(
        logEnd: LogPosition = LogPosition(segment: 1, offset: UInt64(SegmentHeader.size) + 100),
        head: [UInt8] = [UInt8](repeating: 0, count: 32)
    ) -> [UInt8] {
        var postings = ByteWriter()
        postings.varint(UInt64.max)
        let small: [UInt8] = [0, 0]
        var positionBlocks = ByteWriter()
        positionBlocks.uint64LE(0)
        var positions = ByteWriter()
        for value in [1, UInt64(SegmentHeader.size), 10] { positions.varint(value) }
        var slotBlocks = ByteWriter()
        slotBlocks.raw([IndexSnapshot.SlotKind.kind.rawValue, 0, 0, 0, 0, 0, 0, 0])
        for value: UInt64 in [1, 0, 0] { slotBlocks.uint64LE(value) }
        var slots = ByteWriter()
        slots.byte(IndexSnapshot.SlotKind.kind.rawValue)
        slots.varint(1)
        // The first posting, fact 1: 1 + the ZigZag step 2 from 0.
        slots.varint(3)
        slots.varint(postings.count)
        // Sections in file order: tables, string blocks, strings, string hash (all three empty),
        // position blocks, positions, slot blocks, slots, postings, tokens, frame blocks, frames
        // (all three empty).
        let sections: [[UInt8]] = [
            small, [], [], [], positionBlocks.bytes, positions.bytes, slotBlocks.bytes, slots.bytes, postings.bytes, [],
            [], [],
        ]
        var offsets: [UInt64] = []
        var offset = UInt64(IndexSnapshot.headerSize)
        for section in sections {
            offsets.append(offset)
            offset += UInt64(section.count)
        }
        var writer = ByteWriter()
        writer.raw(IndexSnapshot.magic)
        writer.uint32LE(IndexSnapshot.version)
        writer.uint32LE(8)
        for value: UInt64 in [logEnd.segment, logEnd.offset, 1, VaultFile.headerSize, VaultFile.headerSize] {
            writer.uint64LE(value)
        }
        writer.raw(head)
        // Header order: tables, position blocks, positions, slot blocks, slots, postings, tokens,
        // slot count, string blocks, strings, string hash, string count, subject records, subject
        // count, frame blocks, frames, frame count.
        for index in [0, 4, 5, 6, 7, 8, 9] { writer.uint64LE(offsets[index]) }
        writer.uint64LE(1)
        for index in [1, 2, 3] { writer.uint64LE(offsets[index]) }
        writer.uint64LE(0)
        // Subject records (none), just after the header.
        writer.uint64LE(UInt64(IndexSnapshot.headerSize))
        writer.uint64LE(0)
        for index in [10, 11] { writer.uint64LE(offsets[index]) }
        writer.uint64LE(0)
        for section in sections { writer.raw(section) }
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

/// Positions and postings are read from blocks of 16: every one read back through the mapped
/// lookups is the one encoded, across block boundaries, segment changes, every slot kind and
/// lookup tokens sorted by their text, with 4-byte offsets and with 8-byte ones.
@Suite struct MappedIndexRoundTripTests {
    /// Records mostly right after the previous one and its varint length (as in a frame), some
    /// a few bytes further on, some right at the previous one's end; `wide` makes the
    /// identities vault larger than 4 GiB, so that every offset takes 8 bytes.
    static func tables(seed: UInt64, wide: Bool = false) -> (StoreTables, [FactPosition], [IndexSlot: [UInt64]]) {
        var random = Random(state: seed)
        var tables = StoreTables()
        if wide { tables.identitiesEnd = 5 << 30 }
        var positions: [FactPosition] = []
        var expected: [IndexSlot: [UInt64]] = [:]
        var segment: UInt32 = 1
        var offset: UInt32 = UInt32(SegmentHeader.size)
        let facts = 200 + Int(random.next() % 300)
        for sequence in 1...UInt64(facts) {
            if random.next() % 50 == 0 {
                segment += 1
                offset = UInt32(SegmentHeader.size)
            }
            let length = UInt32(20 + random.next() % 400)
            switch random.next() % 4 {
            case 0: offset += 8
            case 1: break
            default: offset += UInt32(IndexSnapshot.varintSize(UInt64(length)))
            }
            let position = FactPosition(segment: segment, offset: offset, length: length)
            offset += length
            var slots: [IndexSlot] = [.subject(random.next() % 40)]
            switch random.next() % 6 {
            case 0: slots.append(.reference(random.next() % 30))
            case 1: slots.append(.system(random.next() % 5))
            case 2: slots.append(.kind(UInt8(random.next() % 4)))
            case 3: slots.append(.lookup("token-\(random.next() % 25)"))
            case 4: slots.append(.accountability(random.next() % 40))
            default: break
            }
            tables.publish(position: position, slots: slots)
            positions.append(position)
            for slot in slots { expected[slot, default: []].append(sequence) }
        }
        return (tables, positions, expected)
    }

    /// Frames of 1 to 5 facts, most right after the previous one, some opening a later segment,
    /// some elsewhere (the step coding's three cases).
    static func framedTables(seed: UInt64) -> (StoreTables, [FrameEntry]) {
        var random = Random(state: seed)
        var tables = StoreTables()
        var frames: [FrameEntry] = []
        var segment: UInt32 = 1
        var offset = UInt64(SegmentHeader.size)
        for _ in 0..<(20 + Int(random.next() % 200)) {
            switch random.next() % 20 {
            case 0:
                segment += 1 + UInt32(random.next() % 3)
                offset = UInt64(SegmentHeader.size)
            case 1: offset += 1 + random.next() % 100
            default: break
            }
            let count = 1 + Int(random.next() % 5)
            let length = 30 + Int(random.next() % 3000)
            for index in 0..<count {
                tables.publish(
                    position: FactPosition(segment: segment, offset: UInt32(offset) + 20 + UInt32(index), length: 1),
                    slots: [])
            }
            tables.publish(frameAt: offset, in: segment, payloadLength: length, count: count)
            frames.append(
                FrameEntry(
                    segment: segment, offset: UInt32(offset), payloadLength: UInt32(length),
                    firstSequence: tables.count + 1 - UInt64(count), count: UInt32(count)))
            offset += UInt64(LogFrame.headerSize + length)
        }
        return (tables, frames)
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func everyFrameReadsBackAsEncoded(seed: UInt64) throws {
        let (tables, frames) = Self.framedTables(seed: seed)
        let decoded = try IndexSnapshot.decode(try IndexSnapshot.encode(tables), identities: [:])
        #expect(try (0..<decoded.frames.count).map { try decoded.frames.frame($0) } == frames)
    }

    /// In memory and in the mapped table.
    @Test(arguments: [1, 2, 3, 4] as [UInt64], [false, true])
    func everyFactIsFoundInItsFrame(seed: UInt64, isMapped: Bool) throws {
        let (tables, frames) = Self.framedTables(seed: seed)
        let decoded = isMapped ? try IndexSnapshot.decode(try IndexSnapshot.encode(tables), identities: [:]) : tables
        var expected: [Int?] = []
        for (index, frame) in frames.enumerated() { expected += Array(repeating: index, count: Int(frame.count)) }
        #expect(try (1...decoded.count).map { try decoded.frames.frame(holding: $0)?.index } == expected)
    }

    @Test(arguments: [false, true])
    func offsetsTakeEightBytesOnlyPastFourGiB(wide: Bool) throws {
        let bytes = try IndexSnapshot.encode(Self.tables(seed: 1, wide: wide).0)
        #expect(bytes.uint32LE(at: 12) == (wide ? 8 : 4))
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64], [false, true])
    func everyPositionAndPostingReadsBackAsEncoded(seed: UInt64, wide: Bool) throws {
        let (tables, positions, expected) = Self.tables(seed: seed, wide: wide)
        let decoded = try IndexSnapshot.decode(try IndexSnapshot.encode(tables), identities: [:])
        var read: [FactPosition] = []
        for index in 0..<decoded.positions.count { read.append(try decoded.positions.position(index)) }
        var slots: [IndexSlot: [UInt64]] = [:]
        for slot in expected.keys { slots[slot] = try decoded.index.postings(slot) }
        // A slot nothing was recorded under, of each kind, finds nothing.
        for absent: IndexSlot in [.subject(999), .reference(999), .kind(200), .lookup("token-999"), .lookup("")] {
            slots[absent] = try decoded.index.postings(absent)
        }
        var expectedWithAbsent = expected
        for absent: IndexSlot in [.subject(999), .reference(999), .kind(200), .lookup("token-999"), .lookup("")] {
            expectedWithAbsent[absent] = []
        }
        #expect(read == positions && slots == expectedWithAbsent)
    }

    /// Strings of every length class, an empty one and non-ASCII ones, past several blocks.
    static let strings =
        [""] + (0..<70).map { "purpose-\($0)" } + [
            "Kundeservice – Øst", "ånd", "順序", String(repeating: "x", count: 300),
        ]

    @Test(arguments: [0, 1, 17, strings.count])
    func everyStringAndItsNumberReadBackAsEncoded(count: Int) throws {
        var tables = StoreTables()
        for text in Self.strings.prefix(count) { tables.define(string: text) }
        let decoded = try IndexSnapshot.decode(try IndexSnapshot.encode(tables), identities: [:])
        let texts = try (0..<decoded.strings.count).map { try decoded.strings.string(UInt64($0)) }
        let numbers = Self.strings.map { decoded.strings.number(of: $0) }
        let expected = Self.strings.indices.map { $0 < count ? UInt64($0) : nil }
        #expect(
            texts == Array(Self.strings.prefix(count)) && numbers == expected
                && decoded.strings.number(of: "absent") == nil)
    }

    /// Identity offsets up to the vault's end, in 4 bytes below 4 GiB and in 8 above.
    @Test(arguments: [false, true])
    func everySubjectRecordReadsBackAsEncoded(wide: Bool) throws {
        var tables = StoreTables()
        tables.identitiesEnd = wide ? 5 << 30 : 1 << 31
        let records = (0..<40 as Range<UInt64>).map { number in
            SubjectRecord(
                identityOffset: number * (tables.identitiesEnd / 40),
                commitment: (0..<UInt8(Commitment.length)).map { $0 &+ UInt8(truncatingIfNeeded: number) }, id: nil)
        }
        for record in records { tables.define(subject: record) }
        let decoded = try IndexSnapshot.decode(try IndexSnapshot.encode(tables), identities: [:])
        let read = try (0..<UInt64(records.count)).map { try decoded.subjects.record($0) }
        #expect(
            read.map(\.identityOffset) == records.map(\.identityOffset)
                && read.map(\.commitment) == records.map(\.commitment))
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func slotsAreListedOnceEachInOrderWithTheirLookupTokens(seed: UInt64) throws {
        let (tables, _, expected) = Self.tables(seed: seed)
        let decoded = try IndexSnapshot.decode(try IndexSnapshot.encode(tables), identities: [:])
        var listed: [IndexSlot] = []
        try decoded.index.forEachSlot { slot, _ in listed.append(slot) }
        let sorted = expected.keys.sorted { IndexSnapshot.SlotKey.precedes(.init($0), .init($1)) }
        let hasTokens = expected.keys.contains(where: \.isLookup)
        let foundTokens = try decoded.index.hasLookupSlots()
        #expect(listed == sorted && foundTokens == hasTokens)
    }
}

/// A snapshot encoded over a mapped one copies the postings of the slots nothing was removed
/// from and decodes the others: every posting reads back as recorded, whether its slot was
/// untouched, appended to, new, dropped (then appended to again) or had sequences removed.
@Suite struct SnapshotOverMappedSnapshotTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func everyPostingReadsBackAfterAppendsDropsAndRemovals(seed: UInt64) throws {
        let (first, positions, recorded) = MappedIndexRoundTripTests.tables(seed: seed)
        var tables = try IndexSnapshot.decode(try IndexSnapshot.encode(first), identities: [:])
        var expected = recorded
        let keys = recorded.keys.sorted { IndexSnapshot.SlotKey.precedes(.init($0), .init($1)) }
        let subjects = keys.filter { if case .subject = $0 { true } else { false } }
        let tokens = keys.filter(\.isLookup)
        for slot in [subjects[0], tokens[0]] {
            tables.index.drop(slot)
            expected[slot] = nil
        }
        let removed: [(UInt64, IndexSlot?)] = [
            (expected[subjects[1]]!.last!, subjects[1]), (expected[tokens[1]]!.first!, tokens[1]),
            (expected[tokens[2]]!.first!, nil),
        ]
        for (sequence, slot) in removed {
            tables.index.remove(sequence, from: slot)
            for key in expected.keys where key == slot || (slot == nil && key.isLookup) {
                expected[key]!.removeAll { $0 == sequence }
            }
        }
        var random = Random(state: seed &+ 100)
        var last = positions.last!
        for _ in 0..<120 {
            last = FactPosition(segment: last.segment, offset: last.offset + last.length + 1, length: 40)
            var slots: [IndexSlot] = [.subject(random.next() % 50)]
            switch random.next() % 3 {
            case 0: slots.append(.lookup("token-\(random.next() % 30)"))
            case 1: slots.append(.accountability(random.next() % 8))
            default: slots.append(.reference(random.next() % 40))
            }
            tables.publish(position: last, slots: slots)
            for slot in slots { expected[slot, default: []].append(tables.count) }
        }
        expected = expected.filter { !$0.value.isEmpty }

        let again = try IndexSnapshot.decode(try IndexSnapshot.encode(tables), identities: [:])
        var listed: [IndexSlot: [UInt64]] = [:]
        var order: [IndexSlot] = []
        try again.index.forEachSlot { slot, sequences in
            listed[slot] = sequences
            order.append(slot)
        }
        let sorted = expected.keys.sorted { IndexSnapshot.SlotKey.precedes(.init($0), .init($1)) }
        #expect(listed == expected && order == sorted)
    }
}

/// SplitMix64: a seeded generator, so each case is the same on every run.
private struct Random {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A writer reads its positions, strings and postings from the snapshot it has just written,
/// so what it keeps in memory does not grow with the ledger; its answers stay the same.
@Suite struct SnapshotRebaseTests {
    @Test func aWriterReadsFromItsNewSnapshotAndAnswersAsBefore() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger, options: .init(snapshotInterval: 4))
        var written: [Fact] = []
        for number in 0..<10 {
            written += try await store.append([
                FileStoreTesting.holding("customer:\(number % 3)", value: "v\(number)", reference: "order:\(number)")
            ])
            store.waitUntilSnapshotsSettle()
        }
        // Two snapshots were written (after facts 4 and 8); only what came after is in memory.
        let inMemory = store.positionsInMemoryForTesting
        let all = try await store.facts(from: 1, limit: 100)
        let about = try await store.facts(about: "customer:1")
        let byReference = try await store.facts(for: .reference("order:5"))
        #expect(
            inMemory == 2 && all == written && about == written.filter { $0.sequence % 3 == 2 }
                && byReference == [written[5]])
        try await store.close()
    }
}
