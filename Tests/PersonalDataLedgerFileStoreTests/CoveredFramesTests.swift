import Foundation
import LedgerCrypto
import Synchronization
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// Opening after an index snapshot reads only what the snapshot does not cover (issue 12, item
/// 2): the segments before the one it ends in by their headers, sizes and last frames. A frame
/// it covers is checked the first time a fact in it is read, and by `verify`.
@Suite struct CoveredFramesTests {
    /// A closed ledger of ``factCount`` one-fact batches over small segments, with its snapshot.
    static func ledger() async throws -> (TemporaryDirectory, [Fact], [FrameEntry]) {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger, options: options)
        var written: [Fact] = []
        for number in 0..<factCount {
            written += try await store.append([FileStoreTesting.holding("customer:\(number % 7)", value: "v\(number)")])
        }
        let frames = store.framesForTesting
        try await store.close()
        #expect(FileManager.default.fileExists(atPath: directory.ledger + "/INDEX"))
        return (directory, written, frames)
    }

    static let factCount = 60
    static let options = FileLedgerStore.Options(segmentSize: 2048)

    static func segment(_ number: UInt32) -> String { LedgerDirectory.segmentName(UInt64(number)) }

    /// Records how many bytes `pread` returned from each file.
    final class ReadCounter: Sendable {
        private let bytes = Mutex<[String: Int]>([:])
        private let opened = OpenedPaths()

        func bytesRead(from name: String) -> Int {
            bytes.withLock { $0.filter { $0.key.hasSuffix("/" + name) }.values.reduce(0, +) }
        }

        var calls: SystemCalls {
            var calls = opened.noting(.live)
            let live = SystemCalls.live
            calls.pread = { [self] fd, buffer, offset in
                let result = live.pread(fd, buffer, offset)
                if case .success(let count) = result, let path = opened.path(of: fd) {
                    bytes.withLock { $0[path, default: 0] += count }
                }
                return result
            }
            return calls
        }
    }

    @Test(arguments: [1, 2] as [UInt32])
    func openReadsACoveredSegmentOnlyForItsHeaderAndLastFrame(segment: UInt32) async throws {
        let (directory, _, frames) = try await Self.ledger()
        let last = try #require(frames.last { $0.segment == segment })
        #expect(frames.last!.segment > 2)
        let counter = ReadCounter()
        let store = try FileStoreTesting.open(directory.ledger, options: Self.options, calls: counter.calls)
        #expect(
            counter.bytesRead(from: Self.segment(segment))
                <= 2 * (SegmentHeader.size + LogFrame.headerSize + Int(last.payloadLength)))
        try await store.close()
    }

    /// Damage in a frame of segment 1 (payload bytes, not its last frame, so open reads none of it).
    static func damagedLedger() async throws -> (TemporaryDirectory, [Fact], FrameEntry) {
        let (directory, written, frames) = try await ledger()
        let frame = frames[1]
        #expect(frame.segment == 1 && frames[2].segment == 1)
        let path = directory.ledger + "/" + segment(1)
        var bytes = FileStoreTesting.bytes(of: path)
        bytes[Int(frame.offset) + LogFrame.headerSize + Int(frame.payloadLength) / 2] ^= 0x20
        FileStoreTesting.write(bytes, to: path)
        return (directory, written, frame)
    }

    @Test(arguments: [FileLedgerStore.AccessMode.readWrite, .readOnly])
    func aLedgerWithADamagedCoveredFrameOpens(mode: FileLedgerStore.AccessMode) async throws {
        let (directory, _, _) = try await Self.damagedLedger()
        let store = try FileStoreTesting.open(directory.ledger, mode: mode, options: Self.options)
        #expect(try await store.integrityHead().count == UInt64(Self.factCount))
        try await store.close()
    }

    @Test func aReadOfAFactInTheDamagedFrameIsRefusedNamingItsSegmentAndOffset() async throws {
        let (directory, _, frame) = try await Self.damagedLedger()
        let store = try FileStoreTesting.open(directory.ledger, options: Self.options)
        let error = await failure { _ = try await store.facts(from: frame.firstSequence, limit: 1) }
        #expect(
            isStoreError(
                error, .corrupted, mentioning: Self.segment(1), "offset \(frame.offset)", "CRC-32C", "pdl verify"))
        try await store.close()
    }

    @Test func aReadOfTheDamagedFrameAmongOthersIsRefusedNotShortened() async throws {
        let (directory, _, _) = try await Self.damagedLedger()
        let store = try FileStoreTesting.open(directory.ledger, options: Self.options)
        let error = await failure { _ = try await store.facts(for: .subject("customer:1")) }
        #expect(isStoreError(error, .corrupted, mentioning: Self.segment(1)))
        try await store.close()
    }

    @Test func aReadOfTheDamagedFrameIsRefusedEveryTime() async throws {
        let (directory, _, frame) = try await Self.damagedLedger()
        let store = try FileStoreTesting.open(directory.ledger, options: Self.options)
        _ = await failure { _ = try await store.facts(from: frame.firstSequence, limit: 1) }
        let again = await failure { _ = try await store.facts(from: frame.firstSequence, limit: 1) }
        #expect(isStoreError(again, .corrupted, mentioning: Self.segment(1)))
        try await store.close()
    }

    @Test func factsInUndamagedFramesAreRead() async throws {
        let (directory, written, frame) = try await Self.damagedLedger()
        let store = try FileStoreTesting.open(directory.ledger, options: Self.options)
        let after = frame.nextSequence
        #expect(try await store.facts(from: after, limit: 100) == Array(written[Int(after - 1)...]))
        try await store.close()
    }

    @Test func verifyReportsTheDamagedCoveredFrame() async throws {
        let (directory, _, frame) = try await Self.damagedLedger()
        let store = try FileStoreTesting.open(directory.ledger, options: Self.options)
        let error = await failure { _ = try await store.verify(against: nil) }
        #expect(isStoreError(error, .integrityViolation, mentioning: Self.segment(1), "offset \(frame.offset)"))
        try await store.close()
    }

    enum HeaderDamage: String, CaseIterable, Sendable {
        case flippedByte, renumbered
    }

    /// A covered segment whose header does not hold is refused exactly as without a snapshot:
    /// open then reads the whole log and plans as before.
    @Test(arguments: HeaderDamage.allCases)
    func aCoveredSegmentWithADamagedHeaderIsRefusedAsBefore(damage: HeaderDamage) async throws {
        let (directory, _, _) = try await Self.ledger()
        let path = directory.ledger + "/" + Self.segment(1)
        var bytes = FileStoreTesting.bytes(of: path)
        switch damage {
        case .flippedByte: bytes[20] ^= 1
        case .renumbered:
            let header = try #require(try SegmentHeader.decode(bytes))
            bytes.replaceSubrange(
                0..<SegmentHeader.size,
                with: SegmentHeader(number: 2, firstSequence: header.firstSequence, previousHead: header.previousHead)
                    .encoded())
        }
        FileStoreTesting.write(bytes, to: path)
        #expect(
            isStoreError(openFailure(directory.ledger, options: Self.options), .corrupted, mentioning: Self.segment(1)))
    }

    /// The header and sections of the `INDEX` in `directory`.
    static func index(in directory: TemporaryDirectory) throws -> (bytes: [UInt8], header: IndexSnapshot.Header) {
        let bytes = FileStoreTesting.bytes(of: directory.ledger + "/INDEX")
        return (bytes, try bytes.withUnsafeBytes { try IndexSnapshot.Header($0) })
    }

    @Test func anIndexWithADamagedFrameTableIsRebuiltFromTheLog() async throws {
        let (directory, written, _) = try await Self.ledger()
        var (bytes, header) = try Self.index(in: directory)
        bytes[Int(header.framesOffset) + 1] ^= 0x01
        FileStoreTesting.write(bytes, to: directory.ledger + "/INDEX")
        let store = try FileStoreTesting.open(directory.ledger, options: Self.options)
        #expect(try await store.facts(from: 1, limit: 100) == written)
        try await store.close()
    }

    @Test func aVersion4IndexIsIgnoredAndTheIndexRebuiltFromTheLog() async throws {
        let (directory, _, _) = try await Self.ledger()
        var (bytes, _) = try Self.index(in: directory)
        bytes[8] = 4
        bytes.removeLast(4)
        let checksum = CRC32C.checksum(bytes)
        for index in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: checksum >> (8 * index))) }
        FileStoreTesting.write(bytes, to: directory.ledger + "/INDEX")
        let store = try FileStoreTesting.open(directory.ledger, options: Self.options)
        #expect(store.positionsInMemoryForTesting == Self.factCount)
        try await store.close()
    }

    @Test func closingWritesAVersion5IndexWithEveryFrame() async throws {
        let (directory, _, frames) = try await Self.ledger()
        let (_, header) = try Self.index(in: directory)
        #expect(Int(header.frameCount) == frames.count)
    }
}
