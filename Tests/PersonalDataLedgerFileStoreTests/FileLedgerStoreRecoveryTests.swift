import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// Recovery from what crashes and damage leave behind (DESIGN §5): torn tails are cut, damage
/// in the middle is refused with its place named, and lost history is detected.
@Suite struct FileLedgerStoreRecoveryTests {
    static let segment = "log-0000000001.seg"

    /// Three batches (5, 1 and 2 facts) in one segment, abandoned without a snapshot.
    static func threeBatches(_ directory: TemporaryDirectory) async throws -> (facts: [Fact], frames: [Int]) {
        let store = try FileStoreTesting.open(directory.ledger)
        var facts: [Fact] = []
        var frames: [Int] = []
        for (index, size) in [5, 1, 2].enumerated() {
            frames.append(FileStoreTesting.bytes(of: directory.ledger + "/" + segment).count)
            facts += try await store.append(
                (0..<size).map {
                    FileStoreTesting.holding("customer:\($0)", value: "batch\(index)-value\($0)", offset: Double($0))
                })
        }
        store.abandon()
        return (facts, frames)
    }

    @Test func truncationAtEveryByteOfTheLastRecords() async throws {
        let directory = TemporaryDirectory()
        let (facts, frames) = try await Self.threeBatches(directory)
        let image = DirectoryImage(of: directory.ledger)
        let log = image.files[Self.segment]!
        for cut in frames[1]...log.count {
            image.restore(to: directory.ledger)
            FileStoreTesting.write(Array(log[0..<cut]), to: directory.ledger + "/" + Self.segment)
            // Without ACKNOWLEDGED (a ledger older than it) a torn tail is all the store can see.
            try FileManager.default.removeItem(atPath: directory.ledger + "/" + AcknowledgedFile.name)
            let store = try FileStoreTesting.open(directory.ledger)
            let whole = cut == log.count ? 8 : cut >= frames[2] ? 6 : 5
            #expect(try await store.facts(from: 1, limit: 100) == Array(facts[0..<whole]), "cut at \(cut)")
            #expect(try await store.verify().count == UInt64(whole))
            if whole < 8 {
                // The lost batch's values were never acknowledged; recovery removed them from the vault.
                #expect(
                    FileStoreTesting.filesContaining("batch2-value1", in: directory.ledger).isEmpty, "cut at \(cut)")
            }
            let next = try await store.append([FileStoreTesting.holding("customer:9", value: "after")])
            #expect(next.map(\.sequence) == [UInt64(whole + 1)])
            store.abandon()
        }
    }

    /// Issue 13, item 10: a cut anywhere in acknowledged batches is damage, refused naming the
    /// segment and the offset — not a torn tail to cut.
    @Test func aCutIntoAcknowledgedBatchesIsRefused() async throws {
        let directory = TemporaryDirectory()
        let (_, frames) = try await Self.threeBatches(directory)
        // A writer that opened since (or fell idle) recorded the count: all 8 are acknowledged.
        try FileStoreTesting.open(directory.ledger).abandon()
        let image = DirectoryImage(of: directory.ledger)
        let log = image.files[Self.segment]!
        for cut in Set([frames[1], frames[1] + 1, frames[2] - 1, frames[2], (frames[2] + log.count) / 2, log.count - 1])
            .sorted()
        {
            image.restore(to: directory.ledger)
            FileStoreTesting.write(Array(log[0..<cut]), to: directory.ledger + "/" + Self.segment)
            for mode in [FileLedgerStore.AccessMode.readOnly, .readWrite] {
                let error: (any Error)?
                do {
                    try FileStoreTesting.open(directory.ledger, mode: mode).abandon()
                    error = nil
                } catch let caught { error = caught }
                #expect(
                    isStoreError(
                        error, .corrupted, mentioning: AcknowledgedFile.name, "up to 8", Self.segment, "offset"),
                    "cut at \(cut), \(mode)")
            }
            // Refused without writing anything.
            #expect(FileStoreTesting.bytes(of: directory.ledger + "/" + Self.segment) == Array(log[0..<cut]))
        }
    }

    /// The same damage in the newest acknowledged frame: a bit flip there is not a torn write.
    @Test func aDamagedNewestAcknowledgedFrameIsRefused() async throws {
        let directory = TemporaryDirectory()
        let (_, frames) = try await Self.threeBatches(directory)
        // A writer that opened since (or fell idle) recorded the count: all 8 are acknowledged.
        try FileStoreTesting.open(directory.ledger).abandon()
        let path = directory.ledger + "/" + Self.segment
        var log = FileStoreTesting.bytes(of: path)
        log[frames[2] + 12] ^= 0x10
        FileStoreTesting.write(log, to: path)
        #expect(
            isStoreError(
                openFailure(directory.ledger), .corrupted, mentioning: AcknowledgedFile.name, "offset \(frames[2])"))
    }

    @Test(arguments: ["zeros", "garbage", "huge length", "half header"])
    func damagedTailsAreCut(kind: String) async throws {
        let directory = TemporaryDirectory()
        let (facts, _) = try await Self.threeBatches(directory)
        let path = directory.ledger + "/" + Self.segment
        let log = FileStoreTesting.bytes(of: path)
        var generator = SplitMix(seed: 99)
        let tail: [UInt8] =
            switch kind {
            case "zeros": [UInt8](repeating: 0, count: 4096)
            case "garbage": (0..<3000).map { _ in UInt8.random(in: 0...255, using: &generator) }
            case "huge length": [0xFF, 0xFF, 0xFF, 0x0F, 1, 2, 3, 4] + [UInt8](repeating: 0x41, count: 100)
            default: [0x20, 0x00]
            }
        FileStoreTesting.write(log + tail, to: path)
        let store = try FileStoreTesting.open(directory.ledger)
        #expect(try await store.facts(from: 1, limit: 100) == facts)
        #expect(FileStoreTesting.bytes(of: path) == log, "the torn tail was cut off")
        #expect(try await store.verify().count == 8)
        try await store.close()
    }

    @Test func bitFlipsInTheMiddleRefuseToOpen() async throws {
        let directory = TemporaryDirectory()
        let (_, frames) = try await Self.threeBatches(directory)
        let image = DirectoryImage(of: directory.ledger)
        let log = image.files[Self.segment]!
        // The segment header and frame headers byte by byte; the payloads at every third byte.
        let headers = Array(0..<(SegmentHeader.size + 8)) + Array(frames[1]..<(frames[1] + 8))
        for offset in Set(headers + Array(stride(from: 0, to: frames[2], by: 3))).sorted() {
            image.restore(to: directory.ledger)
            var damaged = log
            damaged[offset] ^= UInt8(1 << (offset % 8))
            FileStoreTesting.write(damaged, to: directory.ledger + "/" + Self.segment)
            #expect(
                isStoreError(openFailure(directory.ledger), .corrupted, mentioning: Self.segment, "offset"),
                "flip at \(offset)")
        }
    }

    @Test func aRecordAlteredWithARecomputedCRCFailsVerification() async throws {
        let directory = TemporaryDirectory()
        _ = try await Self.threeBatches(directory)
        var store = try FileStoreTesting.open(directory.ledger)
        let position = store.positionsForTesting[2]
        store.abandon()
        let path = directory.ledger + "/" + Self.segment
        var log = FileStoreTesting.bytes(of: path)
        // The record starts with its date varint; bit 2 of its last byte changes the date by
        // milliseconds and keeps the record decodable.
        var last = Int(position.offset)
        while log[last] >= 0x80 { last += 1 }
        log[last] ^= 0x04
        let length = Int(log.uint32LE(at: SegmentHeader.size))
        let crc = CRC32C.checksum(log[(SegmentHeader.size + 8)..<(SegmentHeader.size + 8 + length)])
        for index in 0..<4 { log[SegmentHeader.size + 4 + index] = UInt8(truncatingIfNeeded: crc >> UInt32(8 * index)) }
        FileStoreTesting.write(log, to: path)
        store = try FileStoreTesting.open(directory.ledger)
        #expect(
            isStoreError(
                await failure { _ = try await store.verify() }, .integrityViolation, mentioning: Self.segment,
                "offset \(SegmentHeader.size)"))
    }

    @Test func removedHistoryIsDetected() async throws {
        let directory = TemporaryDirectory()
        let (facts, frames) = try await Self.threeBatches(directory)
        var store = try FileStoreTesting.open(directory.ledger)
        let checkpoint = try await store.integrityHead()
        try await store.close()  // writes CHECKPOINT
        let image = DirectoryImage(of: directory.ledger)
        let log = image.files[Self.segment]!
        let path = directory.ledger + "/" + Self.segment

        // The last batch removed cleanly at a frame boundary: CHECKPOINT refuses it.
        FileStoreTesting.write(Array(log[0..<frames[2]]), to: path)
        try? FileManager.default.removeItem(atPath: directory.ledger + "/INDEX")
        #expect(isStoreError(openFailure(directory.ledger), .corrupted, mentioning: "CHECKPOINT", "8"))
        // Without CHECKPOINT, ACKNOWLEDGED refuses it; without both it opens, and the exported
        // checkpoint catches it.
        try FileManager.default.removeItem(atPath: directory.ledger + "/CHECKPOINT")
        #expect(isStoreError(openFailure(directory.ledger), .corrupted, mentioning: AcknowledgedFile.name, "8"))
        try FileManager.default.removeItem(atPath: directory.ledger + "/" + AcknowledgedFile.name)
        store = try FileStoreTesting.open(directory.ledger)
        #expect(try await store.integrityHead().count == 6)
        #expect(
            isStoreError(
                await failure { _ = try await store.verify(against: checkpoint) }, .integrityViolation,
                mentioning: "removed"))
        store.abandon()

        // A batch cut out of the middle: the sequence numbers no longer continue.
        image.restore(to: directory.ledger)
        FileStoreTesting.write(Array(log[0..<frames[1]] + log[frames[2]...]), to: path)
        #expect(
            isStoreError(openFailure(directory.ledger), .corrupted, mentioning: Self.segment, "offset \(frames[1])"))

        // The index snapshot alone also knows how long the log was.
        image.restore(to: directory.ledger)
        FileStoreTesting.write(Array(log[0..<frames[2]]), to: path)
        try FileManager.default.removeItem(atPath: directory.ledger + "/CHECKPOINT")
        #expect(isStoreError(openFailure(directory.ledger), .corrupted, mentioning: "snapshot"))
        _ = facts
    }

    @Test func missingDuplicatedOrReorderedSegmentsAreDetected() async throws {
        let directory = TemporaryDirectory()
        let options = FileLedgerStore.Options(segmentSize: 400)
        let store = try FileStoreTesting.open(directory.ledger, options: options)
        for round in 0..<12 {
            _ = try await store.append([FileStoreTesting.holding("customer:\(round)", value: "v\(round)")])
        }
        try await store.close()
        let image = DirectoryImage(of: directory.ledger)
        let names = image.files.keys.filter { $0.hasSuffix(".seg") }.sorted()
        #expect(names.count >= 4)
        let file = { (name: String) in directory.ledger + "/" + name }

        try FileManager.default.removeItem(atPath: file(names[1]))
        #expect(isStoreError(openFailure(directory.ledger), .corrupted, mentioning: names[1], "missing"))

        image.restore(to: directory.ledger)
        FileStoreTesting.write(image.files[names[1]]!, to: file(names[2]))
        #expect(isStoreError(openFailure(directory.ledger), .corrupted, mentioning: names[2]))

        image.restore(to: directory.ledger)
        FileStoreTesting.write(image.files[names[2]]!, to: file(names[1]))
        FileStoreTesting.write(image.files[names[1]]!, to: file(names[2]))
        #expect(isStoreError(openFailure(directory.ledger), .corrupted, mentioning: names[1]))

        image.restore(to: directory.ledger)
        let extra = LedgerDirectory.segmentName(UInt64(names.count + 1))
        FileStoreTesting.write(image.files[names[names.count - 1]]!, to: file(extra))
        #expect(isStoreError(openFailure(directory.ledger), .corrupted, mentioning: extra))

        image.restore(to: directory.ledger)
        try FileManager.default.removeItem(atPath: file(names[names.count - 1]))
        #expect(isStoreError(openFailure(directory.ledger), .corrupted))
    }

    @Test func aHalfCreatedSegmentIsDiscarded() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        let facts = try await store.append([FileStoreTesting.holding("customer:1")])
        store.abandon()
        // A crash after creating segment 2 but before its header reached the disk.
        FileStoreTesting.write([0x50, 0x44], to: directory.ledger + "/" + LedgerDirectory.segmentName(2))
        let reopened = try FileStoreTesting.open(directory.ledger)
        #expect(try await reopened.facts(from: 1, limit: 10) == facts)
        #expect(!FileManager.default.fileExists(atPath: directory.ledger + "/" + LedgerDirectory.segmentName(2)))
        #expect(try await reopened.append([FileStoreTesting.holding("customer:2")]).map(\.sequence) == [2])
    }
}
