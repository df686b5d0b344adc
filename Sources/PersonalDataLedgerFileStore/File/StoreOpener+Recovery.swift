import PersonalDataLedger

/// Carrying out recovery: gather the ``RecoveryInput`` from the files, make the
/// ``RecoveryPlan``, and perform its actions with the system-call layer.
extension StoreOpener {
    func recover(identities: VaultFile, values: VaultFile) throws -> (
        StoreState, leftovers: [String], acknowledged: AcknowledgedFile?
    ) {
        var segments: [UInt64: FileDescriptor] = [:]
        var succeeded = false
        defer { if !succeeded { for fd in segments.values { fd.close() } } }

        // Before the segments: a writer records a sequence only once its frame is on disk, so
        // what is read here is never ahead of the log read next.
        let acknowledgedBytes = try directory.readIfReadable(AcknowledgedFile.name)
        let acknowledged = AcknowledgedFile.decode(acknowledgedBytes)
        let checkpoint = try CheckpointFile.read(in: directory)
        let identitiesSize: UInt64
        do { identitiesSize = UInt64(try identities.descriptor.size()) } catch {
            throw LedgerStoreError.io(error, "reading", VaultKind.identities.fileName)
        }
        var snapshot = try IndexSnapshot.open(in: directory, identities: identities) { header in
            try SubjectHash.map(in: directory).flatMap { $0.belongs(to: header) ? $0 : nil }
        }
        // Identifiers the snapshot covers are read when asked for; only those after it, which
        // replay defines, are read now.
        var identitiesRead =
            snapshot.map { $0.identitiesEnd <= identitiesSize ? $0.identitiesEnd : VaultFile.headerSize }
            ?? VaultFile.headerSize
        var (identityMap, damagedIdentities, identitiesValidEnd) = try readIdentities(
            identities, from: identitiesRead, to: identitiesSize)
        let numbers = try segmentNumbers()
        for number in numbers { segments[number] = try openSegment(number) }
        let covered = try coveredScan(numbers, segments: segments, snapshot: snapshot)
        let valuesSize: Int64
        do { valuesSize = try values.descriptor.size() } catch {
            throw LedgerStoreError.io(error, "reading", VaultKind.values.fileName)
        }

        let scannedSegments = segments
        func input(_ scanned: [RecoveryInput.Segment]) -> RecoveryInput {
            RecoveryInput(
                directoryPath: directory.path, isWriter: !plansAsReader, segments: scanned,
                identitiesSize: identitiesSize, identitiesValidEnd: identitiesValidEnd,
                valuesSize: UInt64(valuesSize),
                snapshot: snapshot.map { .init(count: $0.count, head: $0.head, logEnd: $0.logEnd) },
                checkpointCount: checkpoint?.count, acknowledged: acknowledged,
                vaultEntriesAreIntact: { kind, from, to in
                    let vault = kind == .identities ? identities : values
                    guard let bytes = try? vault.descriptor.read(count: Int(to - from), at: Int64(from)) else {
                        return false
                    }
                    return (try? VaultFile.entries(in: bytes, from: 0, to: bytes.count)) != nil
                },
                frameErasesVaultEntries: { segment, frame in
                    Self.erasesVaultEntries(scannedSegments[segment], frame: frame)
                })
        }
        // Where the snapshot's frame table does not hold against the log, the log is read whole
        // and planned as if there were no frame table: the same refusals, the same repairs.
        var frameChecks = FrameChecks.none
        let plan: RecoveryPlan
        if let covered, let lazy = try RecoveryPlan.planning(input(covered)) {
            plan = lazy
            frameChecks = FrameChecks(frames: snapshot?.frames.count ?? 0, facts: snapshot?.count ?? 0)
        } else {
            var scanned: [RecoveryInput.Segment] = []
            for number in numbers {
                let bytes = try readAll(segments[number]!, name: LedgerDirectory.segmentName(number))
                scanned.append(.scan(number: number, bytes: bytes))
            }
            plan = try RecoveryPlan(input(scanned))
        }
        if !plan.usesSnapshot, snapshot != nil {
            snapshot = nil
            if identitiesRead > VaultFile.headerSize {
                // Replay from the start defines every subject: read every identifier after all.
                identitiesRead = VaultFile.headerSize
                (identityMap, damagedIdentities, _) = try readIdentities(
                    identities, from: identitiesRead, to: identitiesSize)
            }
        }
        if var tables = snapshot, !tables.subjects.isHashed, tables.subjects.count > 0 {
            // No `SUBJECTS` belongs to the snapshot: find its subjects by reading their identifiers.
            let (covered, damaged, _) = try readIdentities(identities, from: VaultFile.headerSize, to: identitiesRead)
            try tables.subjects.lookUp(through: covered)
            damagedIdentities.formUnion(damaged)
            snapshot = tables
        }

        // Replay reads only (up to the torn tail, never past it), so it runs before any action
        // that writes: whatever it refuses, it refuses in a directory nothing was written to.
        var tables = StoreTables()
        var replayed = 0
        var droppedLookups = false
        for action in plan.actions {
            guard case .replayLog(let start) = action else { continue }
            tables = snapshot ?? StoreTables(identities: .vault(identities))
            (replayed, droppedLookups) = try replay(
                plan, from: start, segments: segments, identities: identityMap, values: values, into: &tables)
            try checkIdentities(tables, damaged: damagedIdentities)
        }
        for action in plan.actions {
            switch action {
            case .createFirstSegment:
                do {
                    segments[1] = try Self.createSegment(
                        SegmentHeader(number: 1, firstSequence: 1, previousHead: HashChain.empty), in: directory)
                } catch {
                    throw LedgerStoreError.io(error, "creating", LedgerDirectory.segmentName(1))
                }
            case .discardHalfCreatedSegment(let number):
                try discardHalfCreatedSegment(number, segments: &segments)
            case .truncateSegment(let number, let length):
                guard let fd = segments[number] else { continue }
                do {
                    try fd.truncate(to: Int64(length))
                    try fd.dataSync()
                } catch {
                    throw LedgerStoreError.io(
                        error, "truncating the torn tail of", LedgerDirectory.segmentName(number))
                }
            case .cutVault(let kind, let size, let end):
                try cutVault(kind == .identities ? identities : values, to: end, size: Int64(size))
            case .replayLog: continue
            case .reapplyErasures:
                try reapplyErasures(tables, identities: identities, values: values)
                do {
                    if !tables.subjects.isHashed, try directory.remove(LedgerDirectory.subjectsName) {
                        // Not this snapshot's: it may list subjects erased since it was made.
                        try directory.sync()
                    } else if tables.subjects.hashMayListErased {
                        try FileLedgerStore.removeSubjectsListingErased(
                            from: directory, erasedCount: tables.erasedSubjects.count)
                    }
                } catch {
                    throw LedgerStoreError.io(error, "removing", LedgerDirectory.subjectsName)
                }
                // A snapshot older than an erasure that dropped a lookup token (a crash before the
                // snapshot was deleted) would bring the token back.
                if droppedLookups, snapshot != nil {
                    do {
                        try directory.remove(LedgerDirectory.indexName)
                        try directory.sync()
                    } catch { throw LedgerStoreError.io(error, "removing", LedgerDirectory.indexName) }
                }
            }
        }

        var leftovers = plan.leftovers
        let hasUnappliedErasures =
            plansAsReader && Self.hasUnappliedErasures(tables, identities: identities, values: values)
        if hasUnappliedErasures {
            leftovers.append("erasures the log records whose values are still in the vaults")
        }
        var state = StoreState(tables: tables, segments: segments, identitiesLoaded: plan.identitiesEnd)
        if snapshot != nil { state.frameChecks = frameChecks }
        if plansAsReader, isWriter {
            // A writer's lock-free attempt leaves recovery's work to its first tidying under the
            // lock, which cuts what lies after the last frame by itself; these two it is told.
            if hasUnappliedErasures {
                state.foreignErasures =
                    tables.erasedValues.sorted().map { .value(offset: $0) }
                    + tables.erasedSubjects.sorted().map { .subject(number: $0) }
            }
            // An index snapshot older than an erasure of a lookup token still holds the token.
            state.foreignDroppedLookups = droppedLookups && snapshot != nil
            state.subjectsMayListErased = tables.subjects.hashMayListErased
        }
        state.factsSinceSnapshot =
            snapshot == nil ? max(replayed, plan.count > 0 ? options.snapshotInterval : 0) : replayed
        // Without a snapshot to use — or without a `SUBJECTS` for it, or one this open removes —
        // closing takes one, so that later opens need not read as much.
        state.isSnapshotDue =
            snapshot == nil || !tables.subjects.isHashed || tables.subjects.hashMayListErased || droppedLookups
        let acknowledgedFile: AcknowledgedFile? =
            if !isWriter {
                nil
            } else if plansAsReader {
                try openAcknowledgedAsFound(acknowledged, bytes: acknowledgedBytes)
            } else {
                try openAcknowledged(acknowledged, bytes: acknowledgedBytes, count: plan.count)
            }
        succeeded = true
        return (state, leftovers, acknowledgedFile)
    }

    /// Opens `ACKNOWLEDGED` for the writer, creating it (a ledger made before it existed) and
    /// recording the recovered count (unsealed) when it records another.
    private func openAcknowledged(
        _ record: AcknowledgedFile.Record, bytes: [UInt8]?, count: UInt64
    ) throws -> AcknowledgedFile {
        let name = AcknowledgedFile.name
        do {
            if case .absent = record {
                try directory.replace(name, with: AcknowledgedFile.encode(count))
            }
            let fd = try FileDescriptor.open(directory.file(name), .readWrite, calls: directory.calls)
            var file = AcknowledgedFile(
                descriptor: fd, recorded: 0, generation: AcknowledgedFile.nextGeneration(after: bytes))
            do {
                if case .recorded(let recorded, isSealed: false) = record, recorded == count {
                    file.recorded = count
                } else {
                    // Recovered: every fact the log now holds is acknowledged from here on.
                    try file.record(count)
                }
            } catch {
                fd.close()
                throw error
            }
            return file
        } catch {
            throw LedgerStoreError.io(error, "writing", name)
        }
    }

    /// Opens `ACKNOWLEDGED` for a writer's lock-free open, writing nothing; `nil` when there is
    /// none (that open then recovers under the lock, which creates it).
    private func openAcknowledgedAsFound(_ record: AcknowledgedFile.Record, bytes: [UInt8]?) throws
        -> AcknowledgedFile?
    {
        guard case .recorded(let count, _) = record else { return nil }
        do {
            let fd = try FileDescriptor.open(
                directory.file(AcknowledgedFile.name), .readWrite, calls: directory.calls)
            return AcknowledgedFile(
                descriptor: fd, recorded: count, generation: AcknowledgedFile.nextGeneration(after: bytes))
        } catch {
            throw LedgerStoreError.io(error, "opening", AcknowledgedFile.name)
        }
    }

    /// Whether an erasure the log records has not reached the vaults yet (a crash between the
    /// erasure's frame and its overwrite). A reader answers `.erased` for them all the same; the
    /// writer's recovery overwrites them.
    static func hasUnappliedErasures(_ tables: StoreTables, identities: VaultFile, values: VaultFile) -> Bool {
        for offset in tables.erasedValues where offset < tables.valuesEnd {
            if (try? values.read(at: offset))?.isLive != false { return true }
        }
        for number in tables.erasedSubjects where Int(number) < tables.subjects.count {
            guard let offset = try? tables.subjects.record(number).identityOffset else { return true }
            if offset < tables.identitiesEnd, (try? identities.read(at: offset))?.isLive != false { return true }
        }
        return false
    }

    /// Replays the frames after `start` into `tables`; returns how many facts it replayed and
    /// whether an erasure dropped a lookup token.
    private func replay(
        _ plan: RecoveryPlan, from start: LogPosition, segments: [UInt64: FileDescriptor],
        identities: [UInt64: String?], values: VaultFile, into tables: inout StoreTables
    ) throws -> (replayed: Int, droppedLookups: Bool) {
        let replayer = BatchReplayer(identities: identities, values: values)
        var droppedLookups = false
        var replayed = 0
        for number in plan.segments where number >= start.segment {
            guard let fd = segments[number] else { continue }
            let name = LedgerDirectory.segmentName(number)
            // The bytes from `base` on: after the snapshot, or the whole segment.
            let base = number == start.segment ? Int(start.offset) : 0
            let bytes = try read(fd, from: base, name: name)
            let from = number == start.segment ? 0 : SegmentHeader.size
            let limit =
                plan.tornTail.map { $0.segment == number ? max(Int($0.offset) - base, 0) : bytes.count } ?? bytes.count
            let expected = tables.count + 1
            let (frames, _) = SegmentScanner(
                bytes: Array(bytes[0..<min(limit, bytes.count)]), expectedSequence: expected
            )
            .scan(from: from)
            for frame in frames where frame.end <= limit && frame.batch.nextSequence - 1 <= plan.count {
                do {
                    droppedLookups =
                        try replayer.apply(bytes, frame: frame, segment: number, base: base, to: &tables)
                        .droppedLookups
                        || droppedLookups
                } catch {
                    throw (error as? CodecError)?.storeError(file: name, offset: UInt64(base + frame.offset)) ?? error
                }
                replayed += Int(frame.batch.count)
            }
        }
        tables.logEnd = plan.logEnd
        tables.identitiesEnd = plan.identitiesEnd
        tables.valuesEnd = plan.valuesEnd
        guard tables.count == plan.count else {
            throw LedgerStoreError.corrupted(
                "Replaying the log in \(directory.path) found \(tables.count) facts where the frames hold \(plan.count)."
            )
        }
        return (replayed, droppedLookups)
    }

    /// The bytes of a segment from `offset` on.
    private func read(_ fd: FileDescriptor, from offset: Int, name: String) throws -> [UInt8] {
        do {
            let size = try fd.size()
            guard size > Int64(offset) else { return [] }
            return try fd.read(count: Int(size - Int64(offset)), at: Int64(offset))
        } catch {
            throw LedgerStoreError.io(error, "reading", name)
        }
    }

    /// The segments as far as the snapshot covers them — segments before the one it ends in
    /// read only for their header and size, that one from where the snapshot ends, its last
    /// covered frame and each earlier segment's last frame read to check the frame table — and
    /// those after it scanned whole. `nil` when the snapshot does not end in a segment there is,
    /// or its frame table does not describe segments 1 to that one: the log is then read whole.
    private func coveredScan(
        _ numbers: [UInt64], segments: [UInt64: FileDescriptor], snapshot: StoreTables?
    ) throws -> [RecoveryInput.Segment]? {
        guard let snapshot, snapshot.count > 0, let end = UInt32(exactly: snapshot.logEnd.segment),
            numbers.contains(UInt64(end)), numbers.first == 1
        else { return nil }
        let table = snapshot.frames
        var scanned: [RecoveryInput.Segment] = []
        do {
            guard table.count > 0, try table.frame(table.count - 1).end == snapshot.logEnd.offset else { return nil }
            var start = 0
            for number in numbers {
                let fd = segments[number]!
                let name = LedgerDirectory.segmentName(number)
                guard number <= UInt64(end) else {
                    scanned.append(.scan(number: number, bytes: try readAll(fd, name: name)))
                    continue
                }
                let stop = try table.firstIndex(after: UInt32(number))
                guard stop > start else { return nil }
                let first = try table.frame(start)
                let last = try table.frame(stop - 1)
                start = stop
                guard first.segment == UInt32(number) else { return nil }
                let size: Int64
                let headerBytes: [UInt8]
                var lastBytes: [UInt8] = []
                do {
                    size = try fd.size()
                    headerBytes = try fd.read(count: SegmentHeader.size, at: 0)
                    // A frame the segment cannot hold is not read: the claim fails without it.
                    if last.end <= UInt64(max(size, 0)), Int(last.payloadLength) <= LogFrame.maximumPayload {
                        lastBytes = try fd.read(count: Int(last.end) - Int(last.offset), at: Int64(last.offset))
                    }
                } catch { throw LedgerStoreError.io(error, "reading", name) }
                let coverage = RecoveryInput.Segment.Coverage(
                    size: UInt64(max(size, 0)), firstSequence: first.firstSequence, last: last,
                    lastRead: RecoveryInput.Segment.frame(
                        lastBytes, at: Int(last.offset), expectedSequence: last.firstSequence))
                if number < UInt64(end) {
                    scanned.append(.covered(number: number, headerBytes: headerBytes, coverage: coverage))
                } else {
                    let tail = size > Int64(last.end) ? try read(fd, from: Int(last.end), name: name) : []
                    scanned.append(
                        .covered(
                            number: number, headerBytes: headerBytes, coverage: coverage, tail: tail,
                            tailStart: Int(last.end), expectedSequence: snapshot.count + 1))
                }
            }
        } catch is CodecError {
            return nil
        }
        return scanned
    }

    /// Refuses a damaged identifier that no recorded erasure explains.
    private func checkIdentities(_ tables: StoreTables, damaged: Set<UInt64>) throws {
        guard !damaged.isEmpty else { return }
        for number in 0..<UInt64(tables.subjects.count) where !tables.erasedSubjects.contains(number) {
            let offset = try tables.subjects.record(number).identityOffset
            guard damaged.contains(offset) else { continue }
            throw LedgerStoreError.corrupted(
                VaultKind.identities.fileName, offset: offset,
                "the identifier of subject number \(number) is damaged and no erasure explains it")
        }
    }

    /// Whether the frame records erase operations (read back from its segment; only ever asked
    /// of the newest frame).
    static func erasesVaultEntries(_ fd: FileDescriptor?, frame: SegmentScanner.Frame) -> Bool {
        guard let fd, let bytes = try? fd.read(count: frame.end - frame.offset, at: Int64(frame.offset)),
            bytes.count == frame.end - frame.offset
        else { return false }
        var reader = ByteReader(bytes, from: LogFrame.headerSize, to: bytes.count)
        do {
            let header = try BatchHeader.decode(&reader)
            for _ in 0..<(try reader.count(limit: reader.remaining)) {
                switch try reader.byte() {
                case 1: try reader.skip(try reader.count(limit: reader.remaining))
                case 2:
                    _ = try reader.varint()
                    try reader.skip(Commitment.length)
                default: return false
                }
            }
            for _ in 0..<header.count { try reader.skip(try reader.count(limit: reader.remaining)) }
            return try reader.count(limit: reader.remaining) > 0
        } catch { return false }
    }

    /// Zeroes and cuts vault bytes no acknowledged batch refers to.
    private func cutVault(_ vault: VaultFile, to end: UInt64, size: Int64) throws {
        guard size > Int64(end) else { return }
        do {
            try vault.descriptor.write([UInt8](repeating: 0, count: Int(size - Int64(end))), at: Int64(end))
            try vault.descriptor.truncate(to: Int64(end))
            try vault.descriptor.dataSync()
        } catch {
            throw LedgerStoreError.io(error, "cutting the unacknowledged tail of", vault.kind.fileName)
        }
    }

    /// Discards a newest segment a crash left half-created (see
    /// ``RecoveryPlan/Action/discardHalfCreatedSegment(_:)``).
    private func discardHalfCreatedSegment(_ number: UInt64, segments: inout [UInt64: FileDescriptor]) throws {
        guard let fd = segments[number] else { return }
        guard !plansAsReader else {
            fd.close()
            segments[number] = nil
            return
        }
        do {
            if number == 1 {
                try fd.truncate(to: 0)
                try fd.write(
                    SegmentHeader(number: 1, firstSequence: 1, previousHead: HashChain.empty).encoded(), at: 0)
                try fd.dataSync()
            } else {
                fd.close()
                segments[number] = nil
                try directory.remove(LedgerDirectory.segmentName(number))
                try directory.sync()
            }
        } catch {
            throw LedgerStoreError.io(error, "discarding the half-created", LedgerDirectory.segmentName(number))
        }
    }

    private func reapplyErasures(_ tables: StoreTables, identities: VaultFile, values: VaultFile) throws {
        do {
            var wroteValues = false
            for offset in tables.erasedValues.sorted() where offset < tables.valuesEnd {
                if try values.erase(at: offset, fileEnd: tables.valuesEnd) { wroteValues = true }
            }
            if wroteValues { try values.descriptor.dataSync() }
            var wroteIdentities = false
            for number in tables.erasedSubjects.sorted() where Int(number) < tables.subjects.count {
                let offset = try tables.subjects.record(number).identityOffset
                if try identities.erase(at: offset, fileEnd: tables.identitiesEnd) { wroteIdentities = true }
            }
            if wroteIdentities { try identities.descriptor.dataSync() }
        } catch {
            throw LedgerStoreError.io(error, "re-applying recorded erasures to", "the vaults")
        }
    }

    /// The identifier entries from `start` (an entry boundary) to `end` of the identities vault:
    /// see ``identityEntries(_:from:)``.
    private func readIdentities(_ identities: VaultFile, from start: UInt64, to end: UInt64) throws -> (
        [UInt64: String?], Set<UInt64>, UInt64
    ) {
        guard end > start else { return ([:], [], start) }
        do {
            let bytes = try identities.descriptor.read(count: Int(end - start), at: Int64(start))
            return Self.identityEntries(bytes, from: start)
        } catch {
            throw LedgerStoreError.io(error, "reading", VaultKind.identities.fileName)
        }
    }

    /// Identifier entries by offset (`nil` text for erased ones), the offsets of damaged entries,
    /// and where the walkable prefix ends, for `bytes` read from offset `start` of the vault
    /// (after its header; an entry boundary).
    ///
    /// An entry whose length is sane but whose checksum fails is an in-place erasure a crash
    /// interrupted: the walk steps over it, and recovery erases it again if the log says so (and
    /// refuses to open if it does not). A bad length ends the walk: that is a torn append.
    static func identityEntries(_ bytes: [UInt8], from start: UInt64) -> ([UInt64: String?], Set<UInt64>, UInt64) {
        var map: [UInt64: String?] = [:]
        var damaged: Set<UInt64> = []
        var offset = 0
        while offset + LogFrame.headerSize < bytes.count {
            if let entry = try? VaultFile.decodeEntry(bytes, at: offset) {
                map[start + UInt64(offset)] = entry.isLive ? entry.text : nil
                offset += entry.length
                continue
            }
            let length = Int(bytes.uint32LE(at: offset))
            guard length > VaultFile.entryOverhead - LogFrame.headerSize,
                length <= bytes.count - offset - LogFrame.headerSize
            else { break }
            map[start + UInt64(offset)] = .some(nil)
            damaged.insert(start + UInt64(offset))
            offset += LogFrame.headerSize + length
        }
        return (map, damaged, start + UInt64(min(offset, bytes.count)))
    }
}
