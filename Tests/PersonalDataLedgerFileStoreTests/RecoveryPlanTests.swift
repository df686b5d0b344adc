import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// The pure half of recovery: segment bytes, vault sizes and snapshot claims in, actions or a
/// refusal out. No file is touched; the open/crash tests cover carrying the plans out.
@Suite struct RecoveryPlanTests {
    // MARK: Torn tails

    enum Tail: String, CaseIterable, Sendable {
        case cutFrame, zeros, garbage, hugeLength, cutFrameHeader

        func append(to log: inout LogImage) {
            switch self {
            case .cutFrame:
                var whole = log
                whole.append()
                let frame = whole.segments[0][log.segments[0].count...]
                log.segments[0] += frame.dropLast(5)
            case .zeros: log.segments[0] += [UInt8](repeating: 0, count: 200)
            case .garbage: log.segments[0] += (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            case .hugeLength:
                var writer = ByteWriter()
                writer.uint32LE(0x7FFF_FFF0)
                writer.uint32LE(0x1234_5678)
                log.segments[0] += writer.bytes + [UInt8](repeating: 0x55, count: 100)
            case .cutFrameHeader: log.segments[0] += [9, 0, 0, 0, 1]
            }
        }
    }

    @Test(arguments: Tail.allCases)
    func aTornTailIsCut(tail: Tail) throws {
        var log = LogImage(batches: 3)
        let end = log.segments[0].count
        tail.append(to: &log)
        let plan = try RecoveryPlan(log.input())
        #expect(
            plan.actions == [
                .truncateSegment(1, to: end), .replayLog(from: LogPosition(segment: 1, offset: 72)), .reapplyErasures,
            ])
        #expect(plan.count == 6)
        #expect(plan.logEnd == LogPosition(segment: 1, offset: UInt64(end)))
        #expect(plan.tornTail == LogPosition(segment: 1, offset: UInt64(end)))

        // A reader plans the same log but changes nothing.
        let read = try RecoveryPlan(log.input(isWriter: false))
        #expect(read.actions == [.replayLog(from: LogPosition(segment: 1, offset: 72))])
        #expect(read.count == 6 && read.tornTail == plan.tornTail)
    }

    // MARK: The acknowledged count (issue 13, items 10 and 12)

    /// The torn-tail rule applies only above the count; below it the same bytes are damage.
    @Test(arguments: [(4, true), (6, true), (8, false)])
    func aTornTailIsCutOnlyAboveTheAcknowledgedCount(acknowledged: UInt64, isCut: Bool) throws {
        var log = LogImage(batches: 4)
        let end = log.frames[2].end
        log.segments[0] = Array(log.segments[0].dropLast(5))
        let input = log.input(acknowledged: .recorded(acknowledged, isSealed: false))
        if isCut {
            let plan = try RecoveryPlan(input)
            #expect(plan.count == 6 && plan.tornTail == LogPosition(segment: 1, offset: UInt64(end)))
        } else {
            var refusal: LedgerStoreError?
            do { _ = try RecoveryPlan(input) } catch { refusal = error }
            #expect(isStoreError(refusal, .corrupted, mentioning: "ACKNOWLEDGED", "up to 8", "offset \(end)"))
        }
    }

    /// Above a sealed count even whole frames are cut (what a failed sync left in the page cache).
    @Test func wholeFramesAboveASealedCountAreCut() throws {
        let log = LogImage(batches: 4)
        for isWriter in [true, false] {
            let plan = try RecoveryPlan(log.input(isWriter: isWriter, acknowledged: .recorded(4, isSealed: true)))
            #expect(plan.count == 4)
            #expect(plan.tornTail == LogPosition(segment: 1, offset: UInt64(log.frames[2].offset)))
            #expect(plan.actions.contains(.truncateSegment(1, to: log.frames[2].offset)) == isWriter)
            #expect(plan.leftovers.contains { $0.contains("above the last acknowledged fact") })
        }
        // Unsealed, they are the acknowledged facts of a busy moment: kept.
        #expect(try RecoveryPlan(log.input(acknowledged: .recorded(4, isSealed: false))).count == 8)
    }

    @Test func aDamagedAcknowledgedFileIsRefused() {
        var refusal: LedgerStoreError?
        do { _ = try RecoveryPlan(LogImage(batches: 2).input(acknowledged: .damaged)) } catch { refusal = error }
        #expect(isStoreError(refusal, .corrupted, mentioning: "ACKNOWLEDGED", "offset 0"))
    }

    @Test func anEmptyDirectoryWithAnAcknowledgedCountHasLostItsLog() {
        var refusal: LedgerStoreError?
        do {
            _ = try RecoveryPlan(LogImage(batches: 0, segments: 0).input(acknowledged: .recorded(3, isSealed: false)))
        } catch { refusal = error }
        #expect(isStoreError(refusal, .corrupted, mentioning: "log-0000000001.seg", "missing", "3"))
    }

    // MARK: Refusals

    enum Damage: String, CaseIterable, Sendable {
        case midLog, endOfEarlierSegment, missingSegment, duplicatedSegment, duplicatedBatch, snapshotAhead
        case checkpointAhead, vaultLost, damagedHeader

        /// The input, and words the refusal must mention (segment and offset where there is one).
        func input() -> (RecoveryInput, [String]) {
            var log = LogImage(batches: 3, segments: 2)
            var input: RecoveryInput
            var words: [String]
            switch self {
            case .midLog:
                let second = log.frames[1]
                log.segments[0][second.offset + 20] ^= 0xFF
                input = log.input()
                words = ["log-0000000001.seg", "offset \(second.offset)", "intact frame follows"]
            case .endOfEarlierSegment:
                log.segments[0] += [UInt8](repeating: 0, count: 16)
                input = log.input()
                words = ["log-0000000001.seg", "offset \(log.frames[2].end)", "later segments follow"]
            case .missingSegment:
                log.startSegment()
                log.append()
                input = log.input()
                input.segments.remove(at: 1)
                words = ["log-0000000002.seg", "missing"]
            case .duplicatedSegment:
                log.segments[1] = log.segments[0]
                input = log.input()
                words = ["log-0000000002.seg", "offset 0", "holds segment 1"]
            case .duplicatedBatch:
                let first = log.frames[0]
                log.segments[1] += log.segments[0][first.offset..<first.end]
                input = log.input()
                words = ["log-0000000002.seg", "offset \(log.frames[5].end)", "stands where fact 13 belongs"]
            case .snapshotAhead:
                input = log.input()
                input.snapshot = .init(count: 100, head: log.head, logEnd: LogPosition(segment: 2, offset: 9_999))
                words = ["12 facts", "snapshot covers 100"]
            case .checkpointAhead:
                input = log.input()
                input.checkpointCount = 13
                words = ["12 facts", "CHECKPOINT records 13"]
            case .vaultLost:
                input = log.input()
                input.valuesSize = VaultFile.headerSize
                words = ["values.vault", "offset \(log.frames[4].valuesEnd)", "acknowledged"]
            case .damagedHeader:
                log.segments[0][30] ^= 1
                input = log.input()
                words = ["log-0000000001.seg", "offset 0", "segment header is damaged"]
            }
            return (input, words)
        }
    }

    @Test(arguments: Damage.allCases)
    func damageIsRefusedNamingFileAndOffset(damage: Damage) {
        let (input, words) = damage.input()
        var refusal: LedgerStoreError?
        do { _ = try RecoveryPlan(input) } catch { refusal = error }
        #expect(refusal?.code == .corrupted, "\(damage)")
        for word in words {
            #expect(refusal?.message.contains(word) == true, "\(damage): \(word) in \(refusal?.message ?? "-")")
        }
    }

    // MARK: Vaults

    @Test func vaultBytesAheadOfTheLastFrameAreCut() throws {
        let log = LogImage(batches: 2)
        var input = log.input()
        input.identitiesSize = log.identitiesEnd + 10
        input.valuesSize = log.valuesEnd + 77
        input.identitiesValidEnd = log.identitiesEnd
        let plan = try RecoveryPlan(input)
        #expect(
            plan.actions == [
                .cutVault(.identities, from: log.identitiesEnd + 10, to: log.identitiesEnd),
                .cutVault(.values, from: log.valuesEnd + 77, to: log.valuesEnd),
                .replayLog(from: LogPosition(segment: 1, offset: 72)), .reapplyErasures,
            ])
        #expect(plan.identitiesEnd == log.identitiesEnd && plan.valuesEnd == log.valuesEnd && plan.count == 4)
    }

    @Test(arguments: [false, true])
    func aLastBatchWhoseValuesNeverReachedTheDiskIsDropped(entriesDamaged: Bool) throws {
        let log = LogImage(batches: 3)
        let last = log.frames[2]
        var input = log.input()
        if entriesDamaged {
            input.vaultEntriesAreIntact = { kind, _, to in kind == .identities || to < last.valuesEnd }
        } else {
            input.valuesSize = log.frames[1].valuesEnd + 3
        }
        let plan = try RecoveryPlan(input)
        #expect(plan.count == 4)
        #expect(plan.tornTail == LogPosition(segment: 1, offset: UInt64(last.offset)))
        #expect(plan.valuesEnd == log.frames[1].valuesEnd)
        #expect(plan.actions.first == .truncateSegment(1, to: last.offset))
        #expect(plan.actions.contains(.cutVault(.values, from: input.valuesSize, to: log.frames[1].valuesEnd)))

        // Not when the checkpoint says those facts were acknowledged.
        input.checkpointCount = 6
        #expect(throws: LedgerStoreError.self) { _ = try RecoveryPlan(input) }
    }

    @Test func aTornIdentityOverwriteByTheLastErasureIsNotALostBatch() throws {
        let log = LogImage(batches: 2)
        var input = log.input()
        input.vaultEntriesAreIntact = { kind, from, _ in kind == .values || from == VaultFile.headerSize }
        #expect(try RecoveryPlan(input).count == 2)
        input.frameErasesVaultEntries = { segment, frame in segment == 1 && frame.offset == log.frames[1].offset }
        #expect(try RecoveryPlan(input).count == 4)
    }

    // MARK: Segments and snapshots

    @Test func aHalfCreatedNewestSegmentIsDiscarded() throws {
        var log = LogImage(batches: 2)
        let end = log.segments[0].count
        log.segments.append([UInt8](repeating: 0, count: 40))
        let plan = try RecoveryPlan(log.input())
        #expect(plan.actions.first == .discardHalfCreatedSegment(2))
        #expect(plan.segments == [1] && plan.count == 4)
        #expect(plan.logEnd == LogPosition(segment: 1, offset: UInt64(end)))
    }

    @Test func anEmptyDirectoryGetsItsFirstSegmentFromWritersOnly() throws {
        let plan = try RecoveryPlan(LogImage(batches: 0, segments: 0).input())
        #expect(
            plan.actions == [
                .createFirstSegment, .replayLog(from: LogPosition(segment: 1, offset: 72)), .reapplyErasures,
            ])
        #expect(plan.count == 0 && plan.segments == [1])
        var refusal: LedgerStoreError?
        do { _ = try RecoveryPlan(LogImage(batches: 0, segments: 0).input(isWriter: false)) } catch { refusal = error }
        #expect(refusal?.code == .invalidRequest)
    }

    @Test func aMatchingSnapshotIsReplayedFrom() throws {
        let log = LogImage(batches: 3)
        let second = log.frames[1]
        var input = log.input()
        input.snapshot = .init(count: 4, head: second.head, logEnd: LogPosition(segment: 1, offset: UInt64(second.end)))
        let plan = try RecoveryPlan(input)
        #expect(plan.usesSnapshot)
        #expect(
            plan.actions == [.replayLog(from: LogPosition(segment: 1, offset: UInt64(second.end))), .reapplyErasures])

        // One from another history (same place, other head) is ignored and the log replayed.
        input.snapshot?.head = HashChain.empty
        let other = try RecoveryPlan(input)
        #expect(!other.usesSnapshot)
        #expect(other.actions.first == .replayLog(from: LogPosition(segment: 1, offset: 72)))
    }

    // MARK: Open without reading what the snapshot covers (issue 12, item 2)

    /// Logs with a snapshot after some frame: the plan made from the headers, sizes and last
    /// covered frames is the plan made from every frame.
    enum Covered: String, CaseIterable, Sendable {
        case inTheOnlySegment, atTheEndOfTheOnlySegment, inALaterSegment, atTheStartOfALaterSegment, withATornTail
        case atTheEndOfASegmentBeforeAnother, withAHalfCreatedSegmentAfter

        var log: (LogImage, covered: Int) {
            switch self {
            case .inTheOnlySegment: return (LogImage(batches: 4), 2)
            case .atTheEndOfTheOnlySegment: return (LogImage(batches: 4), 4)
            case .inALaterSegment: return (LogImage(batches: 3, segments: 3), 7)
            case .atTheStartOfALaterSegment: return (LogImage(batches: 3, segments: 3), 4)
            case .atTheEndOfASegmentBeforeAnother: return (LogImage(batches: 3, segments: 3), 3)
            case .withAHalfCreatedSegmentAfter:
                var log = LogImage(batches: 3, segments: 2)
                log.segments.append([UInt8](repeating: 0, count: 40))
                return (log, 5)
            case .withATornTail:
                var log = LogImage(batches: 3, segments: 2)
                log.segments[1] += [9, 0, 0, 0, 1]
                return (log, 4)
            }
        }
    }

    @Test(arguments: Covered.allCases)
    func aCoveredLogPlansAsTheWholeLog(covered: Covered) throws {
        let (log, count) = covered.log
        let whole = try RecoveryPlan(log.input(snapshotAfter: count))
        #expect(try RecoveryPlan.planning(log.coveredInput(snapshotAfter: count)) == whole)
    }

    /// What the snapshot's frame table claims of a covered segment, made not to hold.
    enum FalseClaim: String, CaseIterable, Sendable {
        case headerDamaged, headerRenumbered, segmentsSwapped, segmentLongerThanItsFrames, segmentShorterThanTheSnapshot
        case lastFrameDamaged, lastFrameElsewhere, lastFrameOfOtherLength, firstSequenceOther, factCountOther
        case snapshotHeadOther, snapshotCountOther
    }

    @Test(arguments: FalseClaim.allCases)
    func aClaimThatDoesNotHoldFallsBackToTheWholeLog(claim: FalseClaim) throws {
        var log = LogImage(batches: 3, segments: 3)
        let covered = 7
        var table = log.frameTable(covered: covered)
        var snapshot = log.snapshot(after: covered)
        switch claim {
        case .headerDamaged: log.segments[0][30] ^= 1
        case .headerRenumbered:
            log.segments[0].replaceSubrange(
                0..<SegmentHeader.size,
                with: SegmentHeader(number: 2, firstSequence: 1, previousHead: HashChain.empty).encoded())
        case .segmentsSwapped: log.segments.swapAt(0, 1)
        case .segmentLongerThanItsFrames: log.segments[0] += [0, 0, 0, 0]
        case .segmentShorterThanTheSnapshot: log.segments[2] = Array(log.segments[2].prefix(log.frames[6].end - 1))
        case .lastFrameDamaged: log.segments[1][log.frames[5].end - 1] ^= 1
        case .lastFrameElsewhere: table[5].offset -= 1
        case .lastFrameOfOtherLength: table[5].payloadLength += 1
        case .firstSequenceOther: table[3].firstSequence += 1
        case .factCountOther: table[5].count = 1
        case .snapshotHeadOther: snapshot.head = HashChain.empty
        case .snapshotCountOther: snapshot.count -= 1
        }
        #expect(try RecoveryPlan.planning(log.coveredInput(snapshot: snapshot, table: table)) == nil)
    }

    /// A covered frame that is not the last of its segment is not read: open does not see its
    /// damage (the first read of a fact in it does, and `verify`).
    @Test func damageInsideCoveredFramesIsLeftForTheirFirstRead() throws {
        var log = LogImage(batches: 3, segments: 2)
        log.segments[0][log.frames[1].end - 1] ^= 1
        let plan = try RecoveryPlan.planning(log.coveredInput(snapshotAfter: 5))
        #expect(plan?.usesSnapshot == true && plan?.count == 12)
    }

    /// After the snapshot every frame is scanned: damage followed by an intact frame refuses.
    @Test func damageAfterTheSnapshotIsRefused() throws {
        var log = LogImage(batches: 3, segments: 2)
        log.segments[1][log.frames[4].end - 1] ^= 1
        var refusal: LedgerStoreError?
        do { _ = try RecoveryPlan.planning(log.coveredInput(snapshotAfter: 4)) } catch { refusal = error }
        #expect(isStoreError(refusal, .corrupted, mentioning: "log-0000000002.seg", "offset \(log.frames[4].offset)"))
    }

    @Test func segmentsContinueOneAnother() throws {
        let log = LogImage(batches: 2, segments: 3)
        let plan = try RecoveryPlan(log.input())
        #expect(plan.segments == [1, 2, 3] && plan.count == 12 && plan.tornTail == nil)
        #expect(plan.logEnd == LogPosition(segment: 3, offset: UInt64(log.segments[2].count)))
    }
}

/// Log segments made of batch headers only: all the scanner and the plan read.
struct LogImage {
    struct FrameInfo {
        var segment: UInt64
        var offset: Int
        var end: Int
        var head: [UInt8]
        var valuesEnd: UInt64
    }

    var segments: [[UInt8]] = []
    var frames: [FrameInfo] = []
    var sequence: UInt64 = 1
    var head = HashChain.empty
    var identitiesEnd = VaultFile.headerSize
    var valuesEnd = VaultFile.headerSize

    init(batches: Int, segments count: Int = 1) {
        for _ in 0..<count {
            startSegment()
            for _ in 0..<batches { append() }
        }
    }

    mutating func startSegment() {
        segments.append(
            SegmentHeader(number: UInt64(segments.count + 1), firstSequence: sequence, previousHead: head).encoded())
    }

    /// Appends a batch of two facts that adds 30 bytes to the identities vault and 50 to the values vault.
    mutating func append() {
        identitiesEnd += 30
        valuesEnd += 50
        head = SHA256.hash(head + [UInt8(truncatingIfNeeded: sequence)])
        var payload = ByteWriter()
        BatchHeader(firstSequence: sequence, count: 2, identitiesEnd: identitiesEnd, valuesEnd: valuesEnd, head: head)
            .encode(into: &payload)
        payload.varint(0)
        sequence += 2
        let offset = segments[segments.count - 1].count
        segments[segments.count - 1] += LogFrame.frame(payload.bytes)
        frames.append(
            FrameInfo(
                segment: UInt64(segments.count), offset: offset, end: segments[segments.count - 1].count, head: head,
                valuesEnd: valuesEnd))
    }

    /// The frame table of a snapshot of the first `covered` frames.
    func frameTable(covered: Int) -> [FrameEntry] {
        frames.prefix(covered).enumerated().map { index, frame in
            FrameEntry(
                segment: UInt32(frame.segment), offset: UInt32(frame.offset),
                payloadLength: UInt32(frame.end - frame.offset - LogFrame.headerSize),
                firstSequence: UInt64(2 * index + 1), count: 2)
        }
    }

    /// What a snapshot of the first `covered` frames claims.
    func snapshot(after covered: Int) -> RecoveryInput.Snapshot {
        let last = frames[covered - 1]
        return .init(
            count: UInt64(2 * covered), head: last.head,
            logEnd: LogPosition(segment: last.segment, offset: UInt64(last.end)))
    }

    /// Every segment scanned whole, with a snapshot of the first `covered` frames.
    func input(snapshotAfter covered: Int) -> RecoveryInput {
        var input = input()
        input.snapshot = snapshot(after: covered)
        return input
    }

    /// The input open gathers with a snapshot of the first `covered` frames: segments before the
    /// one it ends in by header, size and last frame, that one from where it ends, later ones whole.
    func coveredInput(snapshotAfter covered: Int) -> RecoveryInput {
        coveredInput(snapshot: snapshot(after: covered), table: frameTable(covered: covered))
    }

    /// The same, for a snapshot and frame table that may not be the log's.
    func coveredInput(snapshot: RecoveryInput.Snapshot, table: [FrameEntry]) -> RecoveryInput {
        var input = input()
        input.snapshot = snapshot
        input.segments = segments.enumerated().map { index, bytes in
            let number = UInt64(index + 1)
            let inSegment = table.filter { UInt64($0.segment) == number }
            guard number <= snapshot.logEnd.segment, let first = inSegment.first, let last = inSegment.last else {
                return .scan(number: number, bytes: bytes)
            }
            let lastBytes = Array(bytes.dropFirst(Int(last.offset)).prefix(Int(last.end) - Int(last.offset)))
            let coverage = RecoveryInput.Segment.Coverage(
                size: UInt64(bytes.count), firstSequence: first.firstSequence, last: last,
                lastRead: RecoveryInput.Segment.frame(
                    lastBytes, at: Int(last.offset), expectedSequence: last.firstSequence))
            let header = Array(bytes.prefix(SegmentHeader.size))
            guard number == snapshot.logEnd.segment else {
                return .covered(number: number, headerBytes: header, coverage: coverage)
            }
            return .covered(
                number: number, headerBytes: header, coverage: coverage, tail: Array(bytes.dropFirst(Int(last.end))),
                tailStart: Int(last.end), expectedSequence: snapshot.count + 1)
        }
        return input
    }

    func input(isWriter: Bool = true, acknowledged: AcknowledgedFile.Record = .absent) -> RecoveryInput {
        RecoveryInput(
            directoryPath: "/ledger", isWriter: isWriter,
            segments: segments.enumerated().map { .scan(number: UInt64($0.offset + 1), bytes: $0.element) },
            identitiesSize: identitiesEnd, identitiesValidEnd: identitiesEnd, valuesSize: valuesEnd, snapshot: nil,
            checkpointCount: nil, acknowledged: acknowledged, vaultEntriesAreIntact: { _, _, _ in true },
            frameErasesVaultEntries: { _, _ in false }
        )
    }
}
