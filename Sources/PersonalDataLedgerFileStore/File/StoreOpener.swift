import PersonalDataLedger

/// Opens and recovers a ledger directory: the procedure `Documentation/FileFormat.md` calls
/// "Recovery", step by step.
///
/// 1. Lock (writers only), open or create the vaults and the first segment.
/// 2. Scan every segment: header, then every frame's length and CRC-32C, and that sequences and
///    chain heads continue from one frame and segment to the next. Damage followed by intact
///    data refuses to open; damage with nothing after it is a torn tail.
/// 3. Check the last batch's vault entries reached the disk; if not, that batch was never
///    acknowledged and is cut off with the torn tail.
/// 4. Cut the torn tail and any unreferenced vault tail (zeroed first: it may hold personal
///    values of the batch that was lost).
/// 5. Load the index snapshot if it matches the log, and replay the log after it.
/// 6. Re-apply every recorded erasure to the vaults (an old vault restored from a backup is
///    cleaned again), and refuse a log shorter than the `CHECKPOINT`.
struct StoreOpener {
    let directory: LedgerDirectory
    let mode: FileLedgerStore.AccessMode
    let options: FileLedgerStore.Options

    struct Opened {
        var directory: LedgerDirectory
        var identities: VaultFile
        var values: VaultFile
        var lock: DirectoryLock?
        var state: StoreState
    }

    private var isWriter: Bool { mode == .readWrite }

    func open() throws -> Opened {
        if isWriter {
            do { try directory.create() } catch { throw LedgerStoreError.io(error, "creating", directory.path) }
        }
        let lock = isWriter ? try DirectoryLock.acquire(in: directory) : nil
        var descriptors: [FileDescriptor] = []
        do {
            let identities = try openVault(.identities)
            descriptors.append(identities.descriptor)
            let values = try openVault(.values)
            descriptors.append(values.descriptor)
            let state = try recover(identities: identities, values: values)
            descriptors = []
            return Opened(
                directory: directory, identities: identities, values: values, lock: lock, state: state)
        } catch {
            for descriptor in descriptors { descriptor.close() }
            lock?.release()
            throw error
        }
    }

    // MARK: Files

    private func openVault(_ kind: VaultKind) throws -> VaultFile {
        let name = kind.fileName
        do {
            let fd = try FileDescriptor.open(
                directory.file(name), isWriter ? .readWrite : .readOnly, options: isWriter ? .create : [],
                calls: directory.calls)
            let size = try fd.size()
            if size < Int64(VaultFile.headerSize) {
                guard isWriter else {
                    fd.close()
                    throw LedgerStoreError.invalidRequest(
                        "There is no ledger at \(directory.path) yet (\(name) is missing); open it for writing first.")
                }
                // A new vault, or one whose creation a crash interrupted before any entry was written.
                try fd.truncate(to: 0)
                try fd.write(VaultFile.header(kind), at: 0)
                try fd.dataSync()
                try directory.sync()
            } else {
                do {
                    try VaultFile.validate(
                        header: try fd.read(count: Int(VaultFile.headerSize), at: 0), kind: kind)
                } catch let error as CodecError {
                    fd.close()
                    throw error.storeError(file: name, offset: 0)
                }
            }
            return VaultFile(kind: kind, descriptor: fd)
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw LedgerStoreError.io(error, "opening", name)
        }
    }

    private func openSegment(_ number: UInt64) throws -> FileDescriptor {
        let name = LedgerDirectory.segmentName(number)
        do {
            return try FileDescriptor.open(
                directory.file(name), isWriter ? .readWrite : .readOnly, calls: directory.calls)
        } catch {
            throw LedgerStoreError.io(error, "opening", name)
        }
    }

    private func readAll(_ fd: FileDescriptor, name: String) throws -> [UInt8] {
        do {
            return try fd.read(count: Int(try fd.size()), at: 0)
        } catch {
            throw LedgerStoreError.io(error, "reading", name)
        }
    }

    private func segmentNumbers() throws -> [UInt64] {
        let names: [String]
        do { names = try directory.list() } catch {
            throw LedgerStoreError.io(error, "listing", directory.path)
        }
        let numbers = names.compactMap(LedgerDirectory.segmentNumber(of:)).sorted()
        for (index, number) in numbers.enumerated() where number != UInt64(index + 1) {
            throw LedgerStoreError.corrupted(
                "Log segment \(LedgerDirectory.segmentName(UInt64(index + 1))) is missing from "
                    + "\(directory.path) (the next present is \(LedgerDirectory.segmentName(number))). The "
                    + "store refuses to open with a hole in its history; restore the segment from a backup.")
        }
        return numbers
    }

    /// Creates a segment: header written and synced, then the directory synced, before any frame
    /// goes in.
    static func createSegment(
        _ header: SegmentHeader, in directory: LedgerDirectory
    ) throws(Errno) -> FileDescriptor {
        let fd = try FileDescriptor.open(
            directory.file(LedgerDirectory.segmentName(header.number)), .readWrite,
            options: [.create, .truncate],
            calls: directory.calls)
        do {
            try fd.write(header.encoded(), at: 0)
            try fd.dataSync()
            try directory.sync()
        } catch {
            fd.close()
            throw error
        }
        return fd
    }

    // MARK: Recovery

    /// What the scan learned about one frame, kept for the last few frames only.
    private struct FrameSummary {
        var segment: UInt64
        var offset: Int
        var end: Int
        var batch: BatchHeader
    }

    private func recover(identities: VaultFile, values: VaultFile) throws -> StoreState {
        var numbers = try segmentNumbers()
        var segments: [UInt64: FileDescriptor] = [:]
        var succeeded = false
        defer { if !succeeded { for fd in segments.values { fd.close() } } }

        if numbers.isEmpty {
            guard isWriter else {
                throw LedgerStoreError.invalidRequest(
                    "There is no ledger at \(directory.path) yet; open it for writing first.")
            }
            do {
                segments[1] = try Self.createSegment(
                    SegmentHeader(number: 1, firstSequence: 1, previousHead: HashChain.empty), in: directory)
            } catch {
                throw LedgerStoreError.io(error, "creating", LedgerDirectory.segmentName(1))
            }
            numbers = [1]
        }

        let identityBytes = try readAll(identities.descriptor, name: VaultKind.identities.fileName)
        let (identityMap, damagedIdentities, identitiesValidEnd) = Self.identityEntries(identityBytes)
        let checkpoint = (try? directory.read(LedgerDirectory.checkpointName)).flatMap { $0 }.flatMap(
            CheckpointFile.decode)
        var snapshot: StoreTables? = (try? directory.read(LedgerDirectory.indexName)).flatMap { $0 }
            .flatMap { try? IndexSnapshot.decode($0, identities: identityMap) }

        // Pass 1: frame walk with continuity checks.
        var sequence: UInt64 = 1
        var head = HashChain.empty
        var recent: [FrameSummary] = []
        var tornTail: (segment: UInt64, offset: Int)?
        var snapshotMatched = false
        var lastSegmentEnd = SegmentHeader.size
        for number in numbers {
            let name = LedgerDirectory.segmentName(number)
            let fd = try openSegment(number)
            segments[number] = fd
            let bytes = try readAll(fd, name: name)
            let isLast = number == numbers.last
            let header: SegmentHeader?
            do { header = try SegmentHeader.decode(bytes) } catch {
                throw error.storeError(file: name, offset: 0)
            }
            guard let header else {
                // A crash while creating the newest segment leaves it without an intact header and
                // without frames: nothing acknowledged lives there.
                if isLast, bytes.count <= SegmentHeader.size || bytes[SegmentHeader.size...].allSatisfy({ $0 == 0 }) {
                    try discardTornSegment(number, fd: fd, previous: (sequence, head), segments: &segments)
                    if number == 1 { lastSegmentEnd = SegmentHeader.size }
                    numbers.removeLast(number == 1 ? 0 : 1)
                    break
                }
                throw LedgerStoreError.corrupted(name, offset: 0, "its segment header is damaged")
            }
            guard header.number == number else {
                throw LedgerStoreError.corrupted(
                    name, offset: 0,
                    "it holds segment \(header.number): segment files were renamed, copied or reordered")
            }
            guard header.firstSequence == sequence, header.previousHead == head else {
                throw LedgerStoreError.corrupted(
                    name, offset: 0,
                    "it starts at fact \(header.firstSequence) but the log before it ends at fact \(sequence - 1) "
                        + (header.firstSequence == sequence ? "with another chain head" : "")
                        + ": a segment is missing, duplicated or out of order")
            }
            let (frames, ending) = SegmentScanner(bytes: bytes, expectedSequence: sequence).scan()
            for frame in frames {
                guard frame.batch.firstSequence == sequence, frame.batch.count > 0 else {
                    throw LedgerStoreError.corrupted(
                        name, offset: UInt64(frame.offset),
                        "a batch of facts \(frame.batch.firstSequence)... stands where fact \(sequence) belongs: "
                            + "a batch was duplicated, removed or reordered")
                }
                sequence = frame.batch.nextSequence
                head = frame.batch.head
                recent.append(FrameSummary(segment: number, offset: frame.offset, end: frame.end, batch: frame.batch))
                if recent.count > 3 { recent.removeFirst() }
                if let tables = snapshot, tables.logEnd == LogPosition(segment: number, offset: UInt64(frame.end)) {
                    snapshotMatched = tables.count == frame.batch.nextSequence - 1 && tables.head == head
                }
            }
            switch ending {
            case .clean: lastSegmentEnd = bytes.count
            case .corrupted(let offset, let reason):
                throw LedgerStoreError.corrupted(name, offset: UInt64(offset), reason)
            case .tornTail(let offset):
                guard isLast else {
                    throw LedgerStoreError.corrupted(
                        name, offset: UInt64(offset), "a damaged frame ends it, yet later segments follow")
                }
                tornTail = (number, offset)
                lastSegmentEnd = offset
            }
        }
        if let tables = snapshot, !snapshotMatched {
            if tables.count > sequence - 1 {
                throw LedgerStoreError.corrupted(
                    "The log in \(directory.path) holds \(sequence - 1) facts but its index snapshot covers "
                        + "\(tables.count): log data was lost (a segment truncated or removed). Restore the log "
                        + "from a backup; the store refuses to open without it.")
            }
            snapshot = nil
        }

        // Step 3: the last batch's vault entries must be on disk, or it was never acknowledged.
        let valuesSize: Int64
        do { valuesSize = try values.descriptor.size() } catch {
            throw LedgerStoreError.io(error, "reading", VaultKind.values.fileName)
        }
        let protectedCount = max(snapshot?.count ?? 0, checkpoint?.count ?? 0)
        var droppedUnsyncedBatch = false
        while let last = recent.last,
            !vaultHolds(
                last.batch, after: recent.dropLast().last?.batch, identitiesValidEnd: identitiesValidEnd,
                identityBytes: identityBytes, values: values, valuesSize: valuesSize,
                erases: { Self.erasesVaultEntries(segments[last.segment], frame: last) })
        {
            // Only the newest batch can have been in flight when the process died.
            guard !droppedUnsyncedBatch, last.segment == numbers.last,
                last.batch.nextSequence - 1 > protectedCount
            else {
                throw LedgerStoreError.corrupted(
                    VaultKind.values.fileName, offset: last.batch.valuesEnd,
                    "the vaults end before the entries of facts \(last.batch.firstSequence)... that are "
                        + "acknowledged; a vault was truncated or restored from an older backup")
            }
            droppedUnsyncedBatch = true
            tornTail = (last.segment, last.offset)
            lastSegmentEnd = last.offset
            sequence = last.batch.firstSequence
            recent.removeLast()
        }
        let committed = recent.last?.batch
        let identitiesEnd = committed?.identitiesEnd ?? VaultFile.headerSize
        let valuesEnd = committed?.valuesEnd ?? VaultFile.headerSize
        let count = sequence - 1

        if let checkpoint, checkpoint.count > count {
            throw LedgerStoreError.corrupted(
                "The log in \(directory.path) holds \(count) facts but its CHECKPOINT records "
                    + "\(checkpoint.count): facts were removed from the end of the log. Restore it from a backup.")
        }

        // Step 4: cut what was never acknowledged.
        if isWriter {
            if let tornTail, let fd = segments[tornTail.segment] {
                do {
                    try fd.truncate(to: Int64(tornTail.offset))
                    try fd.dataSync()
                } catch {
                    throw LedgerStoreError.io(
                        error, "truncating the torn tail of", LedgerDirectory.segmentName(tornTail.segment))
                }
            }
            try cutVault(identities, to: identitiesEnd, size: Int64(identityBytes.count))
            try cutVault(values, to: valuesEnd, size: valuesSize)
        }

        // Step 5: tables from the snapshot, then replay.
        var tables = snapshot ?? StoreTables()
        let replayer = BatchReplayer(identities: identityMap, values: values)
        var droppedLookups = false
        let start = snapshot?.logEnd ?? LogPosition(segment: 1, offset: UInt64(SegmentHeader.size))
        var replayed = 0
        for number in numbers where number >= start.segment {
            guard let fd = segments[number] else { continue }
            let name = LedgerDirectory.segmentName(number)
            let bytes = try readAll(fd, name: name)
            let from = number == start.segment ? Int(start.offset) : SegmentHeader.size
            let limit = tornTail?.segment == number ? tornTail!.offset : bytes.count
            let expected = tables.count + 1
            let (frames, _) = SegmentScanner(bytes: Array(bytes[0..<limit]), expectedSequence: expected).scan(
                from: from)
            for frame in frames where frame.end <= limit && frame.batch.nextSequence - 1 <= count {
                do {
                    droppedLookups =
                        try replayer.apply(bytes, frame: frame, segment: number, to: &tables).droppedLookups
                        || droppedLookups
                } catch {
                    throw (error as? CodecError)?.storeError(file: name, offset: UInt64(frame.offset)) ?? error
                }
                replayed += Int(frame.batch.count)
            }
        }
        tables.logEnd = LogPosition(segment: numbers.last ?? 1, offset: UInt64(lastSegmentEnd))
        tables.identitiesEnd = identitiesEnd
        tables.valuesEnd = valuesEnd
        guard tables.count == count else {
            throw LedgerStoreError.corrupted(
                "Replaying the log in \(directory.path) found \(tables.count) facts where the frames hold \(count).")
        }

        for (number, subject) in tables.subjects.enumerated()
        where damagedIdentities.contains(subject.identityOffset) && !tables.erasedSubjects.contains(UInt64(number)) {
            throw LedgerStoreError.corrupted(
                VaultKind.identities.fileName, offset: subject.identityOffset,
                "the identifier of subject number \(number) is damaged and no erasure explains it")
        }

        // Step 6: erasures recorded in the log are re-applied to the vaults, and a snapshot older
        // than an erasure that dropped a lookup token (a crash before it was deleted) goes.
        if isWriter {
            try reapplyErasures(tables, identities: identities, values: values)
            if droppedLookups, snapshot != nil {
                do {
                    try directory.remove(LedgerDirectory.indexName)
                    try directory.sync()
                } catch { throw LedgerStoreError.io(error, "removing", LedgerDirectory.indexName) }
            }
        }

        var state = StoreState(
            tables: tables, segments: segments, identitiesLoaded: identitiesEnd)
        state.factsSinceSnapshot = snapshot == nil ? max(replayed, count > 0 ? options.snapshotInterval : 0) : replayed
        succeeded = true
        return state
    }

    /// Whether the vault entries `batch` added are all on disk and intact.
    ///
    /// The log and the vaults are synced at the same time, so the newest frame may be on disk
    /// while entries it adds are not: every one of them must be there and pass its CRC. The one
    /// exception is an entry the frame's own erasure overwrote in place (an erasure's new entries
    /// are synced before its frame, so a damaged one there is a torn overwrite, which recovery
    /// re-applies).
    private func vaultHolds(
        _ batch: BatchHeader, after previous: BatchHeader?, identitiesValidEnd: UInt64, identityBytes: [UInt8],
        values: VaultFile, valuesSize: Int64, erases: () -> Bool
    ) -> Bool {
        guard identitiesValidEnd >= batch.identitiesEnd, UInt64(valuesSize) >= batch.valuesEnd else {
            return false
        }
        let identityStart = Int(previous?.identitiesEnd ?? VaultFile.headerSize)
        if Int(batch.identitiesEnd) > identityStart, Int(batch.identitiesEnd) <= identityBytes.count,
            (try? VaultFile.entries(in: identityBytes, from: identityStart, to: Int(batch.identitiesEnd))) == nil,
            !erases()
        {
            return false
        }
        let start = previous?.valuesEnd ?? VaultFile.headerSize
        guard batch.valuesEnd > start else { return true }
        guard let bytes = try? values.descriptor.read(count: Int(batch.valuesEnd - start), at: Int64(start)),
            (try? VaultFile.entries(in: bytes, from: 0, to: bytes.count)) != nil
        else { return false }
        return true
    }

    /// Whether the frame records erase operations (read back from its segment; only ever asked
    /// of the newest frame).
    private static func erasesVaultEntries(_ fd: FileDescriptor?, frame: FrameSummary) -> Bool {
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

    private func discardTornSegment(
        _ number: UInt64, fd: FileDescriptor, previous: (sequence: UInt64, head: [UInt8]),
        segments: inout [UInt64: FileDescriptor]
    ) throws {
        guard isWriter else {
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
                let offset = tables.subjects[Int(number)].identityOffset
                if try identities.erase(at: offset, fileEnd: tables.identitiesEnd) { wroteIdentities = true }
            }
            if wroteIdentities { try identities.descriptor.dataSync() }
        } catch {
            throw LedgerStoreError.io(error, "re-applying recorded erasures to", "the vaults")
        }
    }

    /// Identifier entries by offset (`nil` text for erased ones), the offsets of damaged entries,
    /// and where the walkable prefix ends.
    ///
    /// An entry whose length is sane but whose checksum fails is an in-place erasure a crash
    /// interrupted: the walk steps over it, and recovery erases it again if the log says so (and
    /// refuses to open if it does not). A bad length ends the walk: that is a torn append.
    static func identityEntries(_ bytes: [UInt8]) -> ([UInt64: String?], Set<UInt64>, UInt64) {
        var map: [UInt64: String?] = [:]
        var damaged: Set<UInt64> = []
        var offset = Int(VaultFile.headerSize)
        while offset + LogFrame.headerSize < bytes.count {
            if let entry = try? VaultFile.decodeEntry(bytes, at: offset) {
                map[UInt64(offset)] = entry.isLive ? entry.text : nil
                offset += entry.length
                continue
            }
            let length = Int(bytes.uint32LE(at: offset))
            guard length > VaultFile.entryOverhead - LogFrame.headerSize,
                length <= bytes.count - offset - LogFrame.headerSize
            else { break }
            map[UInt64(offset)] = .some(nil)
            damaged.insert(UInt64(offset))
            offset += LogFrame.headerSize + length
        }
        return (map, damaged, UInt64(min(offset, bytes.count)))
    }
}

extension CodecError {
    func storeError(file: String, offset: UInt64) -> LedgerStoreError {
        if case .unsupportedVersion(let version) = self {
            return LedgerStoreError(
                .unsupportedFormat,
                "\(file) is in format version \(version), which this version of PersonalDataLedger cannot read.")
        }
        return .corrupted(file, offset: offset, description)
    }
}
