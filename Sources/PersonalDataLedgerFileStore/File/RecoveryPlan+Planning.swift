import PersonalDataLedger

extension RecoveryPlan {
    /// Decides what recovery does, or refuses: the procedure `Documentation/FileFormat.md` calls
    /// "Recovery", steps 2 to 4.
    ///
    /// - Sequences and chain heads must continue from one frame and one segment to the next.
    ///   Damage followed by intact data refuses to open; damage with nothing after it, in the
    ///   last segment, is a torn tail.
    /// - The last batch's vault entries must be on disk; if not, that batch was never
    ///   acknowledged and is cut off with the torn tail — unless the snapshot or the checkpoint
    ///   covers it, or it is not the only one.
    /// - Vault bytes after the last acknowledged batch's are cut.
    /// - A snapshot or checkpoint that covers more than the log refuses to open.
    ///
    /// Every segment of `input` must be scanned whole (none with a ``RecoveryInput/Segment/coverage``).
    init(_ input: RecoveryInput) throws(LedgerStoreError) {
        guard let plan = try Self.planning(input) else {
            // Only `planning(_:)` is given covered segments; this is a caller's mistake, not damage.
            throw LedgerStoreError.corrupted(
                "Planning the recovery of \(input.directoryPath) was given segments the index snapshot covers, "
                    + "whose claims do not hold; they must be scanned whole.")
        }
        self = plan
    }

    /// The plan, as ``init(_:)`` makes it, for an input whose segments the index snapshot may
    /// cover (``RecoveryInput/Segment/coverage``): those are checked by their headers, sizes and
    /// last covered frames against the snapshot's frame table instead of frame by frame.
    ///
    /// `nil` when what the snapshot claims of them does not hold (a header damaged, renumbered or
    /// out of order, a segment shorter or longer than its frames, a last frame that is not there):
    /// the caller then scans every segment whole and plans again, so that whatever it refuses
    /// or repairs is decided exactly as without the snapshot.
    static func planning(_ input: RecoveryInput) throws(LedgerStoreError) -> RecoveryPlan? {
        var planner = Planner(input: input)
        return try planner.plan()
    }
}

/// The state of one planning walk over the segments.
private struct Planner {
    /// The newest frames seen, for the vault check; only the last batch can have been in flight.
    struct FrameSummary {
        var segment: UInt64
        var frame: SegmentScanner.Frame
        /// A snapshot's last frame in its segment: the frame before it was not read.
        var isCovered = false
        var batch: BatchHeader { frame.batch }
    }

    let input: RecoveryInput
    var actions: [RecoveryPlan.Action] = []
    var numbers: [UInt64] = []
    var sequence: UInt64 = 1
    var head = HashChain.empty
    var recent: [FrameSummary] = []
    var tornTail: LogPosition?
    var snapshotMatched = false
    var lastSegmentEnd = SegmentHeader.size
    var halfCreated: [UInt64] = []
    /// Whether the walk stopped at the first frame above the acknowledged sequence.
    var cutAboveAcknowledged = false
    /// Set when what the snapshot claims of a covered segment does not hold.
    var coverageFails = false

    var acknowledgedCount: UInt64? {
        if case .recorded(let sequence, _) = input.acknowledged { return sequence }
        return nil
    }

    init(input: RecoveryInput) { self.input = input }

    mutating func plan() throws(LedgerStoreError) -> RecoveryPlan? {
        var segments = input.segments
        for (index, segment) in segments.enumerated() where segment.number != UInt64(index + 1) {
            throw LedgerStoreError.corrupted(
                "Log segment \(LedgerDirectory.segmentName(UInt64(index + 1))) is missing from "
                    + "\(input.directoryPath) (the next present is \(LedgerDirectory.segmentName(segment.number))). "
                    + "The store refuses to open with a hole in its history; restore the segment from a backup.")
        }
        if segments.isEmpty {
            let acknowledged = acknowledgedCount ?? 0
            if acknowledged > 0 || input.identitiesSize > VaultFile.headerSize
                || input.valuesSize > VaultFile.headerSize
                || (input.checkpointCount ?? 0) > 0 || (input.snapshot?.count ?? 0) > 0
            {
                throw LedgerStoreError.corrupted(
                    "Log segment \(LedgerDirectory.segmentName(1)) is missing from \(input.directoryPath), but the "
                        + "ledger has history (\(acknowledged > 0 ? "\(AcknowledgedFile.name) records \(acknowledged) acknowledged facts" : "its vaults hold entries")): its facts are gone. The store refuses "
                        + "to open and created nothing; restore the log segments from the backup taken with this ledger."
                )
            }
            guard input.isWriter else {
                throw LedgerStoreError.invalidRequest(
                    "There is no ledger at \(input.directoryPath) yet; open it for writing first.")
            }
            actions.append(.createFirstSegment)
            let header = SegmentHeader(number: 1, firstSequence: 1, previousHead: HashChain.empty)
            segments = [.init(number: 1, header: .intact(header), frames: [], ending: .clean)]
        }
        numbers = segments.map(\.number)
        if case .damaged = input.acknowledged {
            throw LedgerStoreError.corrupted(
                AcknowledgedFile.name, offset: 0,
                "neither of its two records of the last acknowledged fact is intact, so a damaged last frame "
                    + "could not be told from a torn write")
        }
        for segment in segments {
            guard try walk(segment) else { break }
        }
        if coverageFails { return nil }
        let snapshot = try matchedSnapshot()
        try dropUnsyncedBatch(
            protecting: max(snapshot?.count ?? 0, input.checkpointCount ?? 0, acknowledgedCount ?? 0))
        let committed = recent.last?.batch
        let identitiesEnd = committed?.identitiesEnd ?? VaultFile.headerSize
        let valuesEnd = committed?.valuesEnd ?? VaultFile.headerSize
        let count = sequence - 1
        if let checkpoint = input.checkpointCount, checkpoint > count {
            throw LedgerStoreError.corrupted(
                "The log in \(input.directoryPath) holds \(count) facts but its CHECKPOINT records "
                    + "\(checkpoint): facts were removed from the end of the log. Restore it from a backup.")
        }
        if let acknowledgedCount, acknowledgedCount > sequence - 1 {
            let place =
                tornTail.map {
                    "\(LedgerDirectory.segmentName($0.segment)) is damaged at byte offset \($0.offset)"
                } ?? "\(LedgerDirectory.segmentName(numbers.last ?? 1)) ends at byte offset \(lastSegmentEnd)"
            throw LedgerStoreError.corrupted(
                "\(AcknowledgedFile.name) in \(input.directoryPath) records that facts up to \(acknowledgedCount) "
                    + "were acknowledged, but the log holds only \(sequence - 1) intact facts: \(place). This is "
                    + "damage, not a torn write, and cutting it would lose acknowledged facts; the store refuses "
                    + "to open. Restore the directory from a backup, or keep it for inspection.")
        }
        var leftovers = halfCreated.map { "a half-created \(LedgerDirectory.segmentName($0))" }
        if let tornTail, cutAboveAcknowledged {
            leftovers.append(
                "a batch above the last acknowledged fact in \(LedgerDirectory.segmentName(tornTail.segment)) at byte offset \(tornTail.offset)"
            )
        } else if let tornTail {
            leftovers.append(
                "a torn last frame in \(LedgerDirectory.segmentName(tornTail.segment)) at byte offset \(tornTail.offset)"
            )
        }
        if input.identitiesSize > identitiesEnd || input.valuesSize > valuesEnd {
            leftovers.append("vault bytes after the last acknowledged batch")
        }
        if input.isWriter {
            if let tornTail { actions.append(.truncateSegment(tornTail.segment, to: Int(tornTail.offset))) }
            if input.identitiesSize > identitiesEnd {
                actions.append(.cutVault(.identities, from: input.identitiesSize, to: identitiesEnd))
            }
            if input.valuesSize > valuesEnd {
                actions.append(.cutVault(.values, from: input.valuesSize, to: valuesEnd))
            }
        }
        actions.append(
            .replayLog(from: snapshot?.logEnd ?? LogPosition(segment: 1, offset: UInt64(SegmentHeader.size))))
        if input.isWriter { actions.append(.reapplyErasures) }
        return RecoveryPlan(
            actions: actions, segments: numbers, count: count,
            logEnd: LogPosition(segment: numbers.last ?? 1, offset: UInt64(lastSegmentEnd)), tornTail: tornTail,
            identitiesEnd: identitiesEnd, valuesEnd: valuesEnd, usesSnapshot: snapshot != nil, leftovers: leftovers)
    }

    /// Checks one segment's header and frames against what came before; `false` when the walk
    /// ends here (a half-created newest segment).
    private mutating func walk(_ segment: RecoveryInput.Segment) throws(LedgerStoreError) -> Bool {
        let number = segment.number
        let name = LedgerDirectory.segmentName(number)
        if let coverage = segment.coverage {
            guard case .intact(let header) = segment.header, walkCovered(coverage, header: header, number: number)
            else {
                coverageFails = true
                return false
            }
        }
        let header: SegmentHeader
        switch segment.header {
        case .unsupported(let error): throw error.storeError(file: name, offset: 0)
        case .damaged(let isOtherwiseEmpty):
            guard number == numbers.last, isOtherwiseEmpty else {
                throw LedgerStoreError.corrupted(name, offset: 0, "its segment header is damaged")
            }
            actions.append(.discardHalfCreatedSegment(number))
            halfCreated.append(number)
            if number == 1 { lastSegmentEnd = SegmentHeader.size } else { numbers.removeLast() }
            return false
        case .intact(let intact): header = intact
        }
        guard header.number == number else {
            throw LedgerStoreError.corrupted(
                name, offset: 0,
                "it holds segment \(header.number): segment files were renamed, copied or reordered")
        }
        guard segment.coverage != nil || (header.firstSequence == sequence && header.previousHead == head) else {
            throw LedgerStoreError.corrupted(
                name, offset: 0,
                "it starts at fact \(header.firstSequence) but the log before it ends at fact \(sequence - 1) "
                    + (header.firstSequence == sequence ? "with another chain head" : "")
                    + ": a segment is missing, duplicated or out of order")
        }
        for frame in segment.frames {
            if case .recorded(let acknowledged, isSealed: true) = input.acknowledged,
                frame.batch.nextSequence - 1 > acknowledged
            {
                // Never acknowledged: the batch whose write or sync failed. Whatever the page cache
                // still shows of it is not trusted.
                guard number == numbers.last else {
                    throw LedgerStoreError.corrupted(
                        name, offset: UInt64(frame.offset),
                        "facts \(frame.batch.firstSequence)... lie above the last acknowledged fact "
                            + "\(acknowledged) (\(AcknowledgedFile.name)), yet later segments follow")
                }
                cutAboveAcknowledged = true
                tornTail = LogPosition(segment: number, offset: UInt64(frame.offset))
                lastSegmentEnd = frame.offset
                return true
            }
            guard frame.batch.firstSequence == sequence, frame.batch.count > 0 else {
                throw LedgerStoreError.corrupted(
                    name, offset: UInt64(frame.offset),
                    "a batch of facts \(frame.batch.firstSequence)... stands where fact \(sequence) belongs: "
                        + "a batch was duplicated, removed or reordered")
            }
            sequence = frame.batch.nextSequence
            head = frame.batch.head
            recent.append(FrameSummary(segment: number, frame: frame))
            if recent.count > 3 { recent.removeFirst() }
            if let snapshot = input.snapshot, snapshot.logEnd == LogPosition(segment: number, offset: UInt64(frame.end))
            {
                snapshotMatched = snapshot.count == frame.batch.nextSequence - 1 && snapshot.head == head
            }
        }
        switch segment.ending {
        case .clean:
            lastSegmentEnd = segment.frames.last?.end ?? segment.coverage?.lastRead?.end ?? SegmentHeader.size
        case .corrupted(let offset, let reason):
            throw LedgerStoreError.corrupted(name, offset: UInt64(offset), reason)
        case .tornTail(let offset):
            guard number == numbers.last else {
                throw LedgerStoreError.corrupted(
                    name, offset: UInt64(offset), "a damaged frame ends it, yet later segments follow")
            }
            tornTail = LogPosition(segment: number, offset: UInt64(offset))
            lastSegmentEnd = offset
        }
        return true
    }

    /// Checks a segment the snapshot covers against its frame table, and moves past its covered
    /// frames: its header continues the log, its first frame starts where the header says, its
    /// last covered frame is intact where the table puts it — at the segment's end, or where the
    /// snapshot ends with the snapshot's count and head. `false` when any of that does not hold.
    private mutating func walkCovered(
        _ coverage: RecoveryInput.Segment.Coverage, header: SegmentHeader, number: UInt64
    ) -> Bool {
        guard let snapshot = input.snapshot, header.number == number, header.firstSequence == sequence,
            header.previousHead == head, coverage.firstSequence == header.firstSequence,
            coverage.last.segment == UInt32(truncatingIfNeeded: number),
            let last = coverage.lastRead, last.offset == Int(coverage.last.offset),
            last.payloadLength == Int(coverage.last.payloadLength),
            last.batch.firstSequence == coverage.last.firstSequence, last.batch.count == UInt64(coverage.last.count),
            last.batch.count > 0, last.batch.firstSequence >= sequence
        else { return false }
        if case .recorded(let acknowledged, isSealed: true) = input.acknowledged,
            last.batch.nextSequence - 1 > acknowledged
        {
            return false
        }
        sequence = last.batch.nextSequence
        head = last.batch.head
        recent.append(FrameSummary(segment: number, frame: last, isCovered: true))
        if recent.count > 3 { recent.removeFirst() }
        if snapshot.logEnd == LogPosition(segment: number, offset: UInt64(last.end)) {
            snapshotMatched = snapshot.count == sequence - 1 && snapshot.head == head
            return snapshotMatched && coverage.size >= UInt64(last.end)
        }
        return number < snapshot.logEnd.segment && coverage.size == UInt64(last.end)
    }

    /// The snapshot, if it matches a frame boundary of the log; refuses one that covers more.
    private func matchedSnapshot() throws(LedgerStoreError) -> RecoveryInput.Snapshot? {
        guard let snapshot = input.snapshot else { return nil }
        if snapshotMatched { return snapshot }
        if snapshot.count > sequence - 1 {
            throw LedgerStoreError.corrupted(
                "The log in \(input.directoryPath) holds \(sequence - 1) facts but its index snapshot covers "
                    + "\(snapshot.count): log data was lost (a segment truncated or removed). Restore the log "
                    + "from a backup; the store refuses to open without it.")
        }
        return nil
    }

    /// Cuts off the newest batch if its vault entries did not all reach the disk.
    private mutating func dropUnsyncedBatch(protecting protectedCount: UInt64) throws(LedgerStoreError) {
        var dropped = false
        while let last = recent.last, !vaultHolds(last, after: recent.dropLast().last?.batch) {
            guard !dropped, last.segment == numbers.last, last.batch.nextSequence - 1 > protectedCount else {
                throw LedgerStoreError.corrupted(
                    VaultKind.values.fileName, offset: last.batch.valuesEnd,
                    "the vaults end before the entries of facts \(last.batch.firstSequence)... that are "
                        + "acknowledged; a vault was truncated or restored from an older backup")
            }
            dropped = true
            tornTail = LogPosition(segment: last.segment, offset: UInt64(last.frame.offset))
            lastSegmentEnd = last.frame.offset
            sequence = last.batch.firstSequence
            recent.removeLast()
        }
    }

    /// Whether the vault entries the batch added are all on disk and intact.
    ///
    /// The log and the vaults are synced at the same time, so the newest frame may be on disk
    /// while entries it adds are not. The one exception is an identity entry the frame's own
    /// erasure overwrote in place (an erasure's new entries are synced before its frame, so a
    /// damaged one there is a torn overwrite, which recovery re-applies).
    private func vaultHolds(_ last: FrameSummary, after previous: BatchHeader?) -> Bool {
        let batch = last.batch
        guard input.identitiesValidEnd >= batch.identitiesEnd, input.valuesSize >= batch.valuesEnd else {
            return false
        }
        // A snapshot's last frame: its entries were synced before the snapshot was written, and
        // where the previous batch's end is not known (its frame was not read).
        if last.isCovered { return true }
        let identityStart = previous?.identitiesEnd ?? VaultFile.headerSize
        if batch.identitiesEnd > identityStart, batch.identitiesEnd <= input.identitiesSize,
            !input.vaultEntriesAreIntact(.identities, identityStart, batch.identitiesEnd),
            !input.frameErasesVaultEntries(last.segment, last.frame)
        {
            return false
        }
        let valueStart = previous?.valuesEnd ?? VaultFile.headerSize
        guard batch.valuesEnd > valueStart else { return true }
        return input.vaultEntriesAreIntact(.values, valueStart, batch.valuesEnd)
    }
}
