import PersonalDataLedger

/// Reading facts back: positions from the tables, records from the segments, values from the
/// vault. Every read first catches up with what other processes appended.
extension FileLedgerStore {
    /// Runs `body` under the state lock after catching up with other processes' frames (not
    /// while this process's own commit is between the writers' lock and its publication: the
    /// files already hold that batch).
    func read<T>(_ body: (inout StoreState) throws -> T) throws -> T {
        do {
            return try state.withLock { state in
                try state.checkUsable(for: mode, writing: false)
                if !state.isCommitting { try catchUp(&state) }
                return try body(&state)
            }
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            // Every error a caller sees names the store and what to do, never only a type.
            throw LedgerStoreError.corrupted(
                "Reading the ledger in \(directory.path) failed: \(error). Run 'pdl verify' to find the damaged "
                    + "file; restore the directory from a backup, or keep it for inspection.")
        }
    }

    /// Where the record of the fact at `sequence` lies.
    func position(of sequence: UInt64, in state: StoreState) throws -> FactPosition {
        do { return try state.tables.position(of: sequence) } catch { throw indexDamaged(error) }
    }

    /// Positions or postings of the mapped snapshot that do not decode: damage in `INDEX` alone
    /// (every fact is still in the log, and the next open without the file rebuilds it).
    func indexDamaged(_ error: CodecError) -> LedgerStoreError {
        .corrupted(
            "\(LedgerDirectory.indexName) in \(directory.path) is damaged (\(error)). Every fact is still in the log: "
                + "close the ledger, remove \(LedgerDirectory.indexName), and the next open rebuilds it.")
    }

    /// Reads the index, naming `INDEX` when what it holds does not decode.
    func readIndex<T>(_ state: StoreState, _ body: (PostingsTable) throws(CodecError) -> T) throws -> T {
        do { return try body(state.tables.index) } catch {
            throw indexDamaged(error)
        }
    }

    /// The raw record of the fact at `sequence`.
    func recordBytes(_ sequence: UInt64, in state: StoreState) throws -> ([UInt8], FactPosition) {
        var bytes: [UInt8] = []
        let position = try recordBytes(sequence, in: state, into: &bytes)
        return (bytes, position)
    }

    /// Puts the raw record of the fact at `sequence` into `bytes`, replacing what it held (in the
    /// same storage when it is large enough and not shared: a reader of many facts allocates once),
    /// and returns where the record lies. `segment` keeps the last segment's file from one call
    /// to the next.
    func recordBytes(
        _ sequence: UInt64, at known: FactPosition? = nil, in state: StoreState, into bytes: inout [UInt8],
        segment: inout SegmentFile?
    ) throws -> FactPosition {
        let position = try known ?? self.position(of: sequence, in: state)
        let file: SegmentFile
        if let last = segment, last.number == position.segment {
            file = last
        } else {
            file = try segmentFile(position.segment, in: state)
            segment = file
        }
        if state.frameChecks.mayNeedCheck(sequence) {
            try checkFrame(holding: sequence, at: position, in: file, state: state)
        }
        // The segment's name is made only for an error: formatting it cost 2–6% of a report.
        do {
            // A read, not a mapping: see `FileDescriptor.withBytes(count:at:_:)`.
            try file.descriptor.read(into: &bytes, count: Int(position.length), at: Int64(position.offset))
        } catch {
            throw LedgerStoreError.io(error, "reading", LedgerDirectory.segmentName(UInt64(position.segment)))
        }
        guard bytes.count == Int(position.length) else {
            throw LedgerStoreError.corrupted(
                LedgerDirectory.segmentName(UInt64(position.segment)), offset: UInt64(position.offset),
                "the file ends inside the record of fact \(sequence)")
        }
        return position
    }

    /// The raw record of the fact at `sequence`, put into `bytes`.
    func recordBytes(_ sequence: UInt64, in state: StoreState, into bytes: inout [UInt8]) throws -> FactPosition {
        var segment: SegmentFile?
        return try recordBytes(sequence, in: state, into: &bytes, segment: &segment)
    }

    /// Checks the CRC-32C of the frame that holds the fact at `sequence`, unless this process
    /// already did: open did not read the frames the index snapshot covers.
    private func checkFrame(
        holding sequence: UInt64, at position: FactPosition, in file: SegmentFile, state: StoreState
    ) throws {
        let found: (index: Int, frame: FrameEntry)?
        do { found = try state.tables.frames.frame(holding: sequence) } catch { throw indexDamaged(error) }
        guard let (index, frame) = found.map({ ($0.index, $0.frame) }), index < state.frameChecks.uncheckedFrames,
            frame.segment == position.segment,
            UInt64(position.offset) >= UInt64(frame.offset) + UInt64(LogFrame.headerSize),
            UInt64(position.offset) + UInt64(position.length) <= frame.end
        else { throw indexDamaged(.malformed("the frame table does not hold the record of fact \(sequence)")) }
        guard !state.frameChecks.isChecked(index) else { return }
        let length = LogFrame.headerSize + Int(frame.payloadLength)
        let payloadLength = Int(frame.payloadLength)
        let name = LedgerDirectory.segmentName(UInt64(frame.segment))
        // Read, not mapped: a frame of a bulk import is tens of kilobytes of which a report needs
        // one record, and mapped pages would stay resident.
        let isIntact: Bool
        do {
            let bytes = try file.descriptor.read(count: length, at: Int64(frame.offset))
            isIntact = bytes.withUnsafeBytes { FrameChecks.isIntact($0, payloadLength: payloadLength) }
        } catch { throw LedgerStoreError.io(error, "reading", name) }
        guard isIntact else {
            throw LedgerStoreError.corrupted(
                "\(name) in \(directory.path) is damaged at byte offset \(frame.offset): the frame holding facts "
                    + "\(frame.firstSequence)–\(frame.nextSequence - 1) fails its CRC-32C check, so none of them is "
                    + "read. Run 'pdl verify' to find all the damage; restore the directory from a backup, or keep "
                    + "it for inspection.")
        }
        state.frameChecks.markChecked(index)
    }

    /// An open segment.
    struct SegmentFile {
        let number: UInt32
        let descriptor: FileDescriptor
    }

    /// The open segment `number`.
    private func segmentFile(_ number: UInt32, in state: StoreState) throws -> SegmentFile {
        guard let segment = state.segments[UInt64(number)] else {
            throw LedgerStoreError.corrupted("Log segment \(LedgerDirectory.segmentName(UInt64(number))) is not open.")
        }
        return SegmentFile(number: number, descriptor: segment)
    }

    /// The fact at `sequence`, with its values read from the vault (or erased).
    func fact(_ sequence: UInt64, in state: inout StoreState) throws -> Fact {
        var buffer: [UInt8] = []
        var segment: SegmentFile?
        return try fact(
            sequence, in: state, context: ReadContext(tables: state.tables, values: values), buffer: &buffer,
            segment: &segment)
    }

    /// The fact at `sequence`, decoded with a context made once for many facts; `buffer` holds
    /// the record while it is decoded and `segment` the last segment read (give the same ones
    /// for every fact of a read).
    func fact(
        _ sequence: UInt64, at known: FactPosition? = nil, in state: StoreState, context: ReadContext,
        buffer: inout [UInt8], segment: inout SegmentFile?
    ) throws -> Fact {
        let position = try recordBytes(sequence, at: known, in: state, into: &buffer, segment: &segment)
        do {
            var decoder = FactRecordDecoder(
                context: context, bytes: buffer, from: 0, to: buffer.count, canonicalFor: nil, listsFields: false)
            return Fact(sequence: sequence, try decoder.decode())
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw LedgerStoreError.corrupted(
                LedgerDirectory.segmentName(UInt64(position.segment)), offset: UInt64(position.offset),
                "the record of fact \(sequence) does not decode (\(error))")
        }
    }

    /// The facts at `sequences`, in that order, read with one context and one record buffer.
    func facts(_ sequences: some Collection<UInt64>, in state: StoreState) throws -> [Fact] {
        let context = ReadContext(tables: state.tables, values: values)
        var buffer: [UInt8] = []
        var segment: SegmentFile?
        var facts: [Fact] = []
        facts.reserveCapacity(sequences.count)
        for sequence in sequences {
            facts.append(try fact(sequence, in: state, context: context, buffer: &buffer, segment: &segment))
        }
        return facts
    }

    /// Loads frames other processes appended since this store last looked: new bytes of the
    /// current segment, then any segment after it. Only whole, intact frames are taken, so a
    /// reader never sees part of a batch; a frame still being written is simply left for the next
    /// look. A writer also notes what it took for ``tidyUnderLock(_:)``.
    func catchUp(_ state: inout StoreState) throws {
        while true {
            let end = state.tables.logEnd
            guard let segment = state.segments[end.segment] else { return }
            var name: String { LedgerDirectory.segmentName(end.segment) }  // for errors only
            let size: Int64
            do { size = try segment.size() } catch { throw LedgerStoreError.io(error, "reading", name) }
            if size > Int64(end.offset) {
                let bytes: [UInt8]
                do {
                    bytes = try segment.read(count: Int(size - Int64(end.offset)), at: Int64(end.offset))
                } catch { throw LedgerStoreError.io(error, "reading", name) }
                // Frame offsets are relative to `bytes`; the scanner starts at 0 here.
                let (frames, _) = SegmentScanner(bytes: bytes, expectedSequence: state.tables.count + 1)
                    .scan(from: 0)
                let sealed = sealedCount()
                for frame in frames {
                    guard frame.batch.firstSequence == state.tables.count + 1 else { return }
                    // A frame above a sealed count (its write or sync failed), or whose vault entries
                    // are not all there (a crash's leftover), is what recovery cuts: never shown.
                    if let sealed, frame.batch.nextSequence - 1 > sealed { return }
                    if !vaultsHold(frame.batch, after: state.tables) { return }
                    let identities = try loadIdentities(upTo: frame.batch.identitiesEnd, &state)
                    do {
                        let applied = try BatchReplayer(identities: identities, values: values).apply(
                            bytes, frame: frame, segment: end.segment, base: Int(end.offset), to: &state.tables)
                        if mode == .readWrite {
                            state.hasUnsyncedForeignFrames = true
                            state.foreignErasures += applied.erasures
                            state.foreignDroppedLookups = state.foreignDroppedLookups || applied.droppedLookups
                            state.factsSinceSnapshot += Int(frame.batch.count)
                        }
                    } catch let error as CodecError {
                        throw error.storeError(file: name, offset: end.offset + UInt64(frame.offset))
                    }
                }
                if !frames.isEmpty { continue }
            }
            // The current segment has nothing new; has the writer moved on to the next?
            let next = end.segment + 1
            let nextName = LedgerDirectory.segmentName(next)
            guard
                let fd = try? FileDescriptor.open(
                    directory.file(nextName), mode == .readWrite ? .readWrite : .readOnly, calls: directory.calls)
            else { return }
            let header = (try? fd.read(count: SegmentHeader.size, at: 0)).flatMap { try? SegmentHeader.decode($0) }
            guard let header, header.number == next, header.firstSequence == state.tables.count + 1 else {
                fd.close()
                return
            }
            state.segments[next] = fd
            state.tables.logEnd = LogPosition(segment: next, offset: UInt64(SegmentHeader.size))
        }
    }

    /// The count `ACKNOWLEDGED` records when the writer sealed it after a failed write or sync;
    /// a damaged file acknowledges nothing new.
    func sealedCount() -> UInt64? {
        switch AcknowledgedFile.decode(try? directory.read(AcknowledgedFile.name)) {
        case .absent, .recorded(_, isSealed: false): return nil
        case .damaged: return 0
        case .recorded(let count, isSealed: true): return count
        }
    }

    /// Whether the vault entries a batch adds are on disk and intact (what recovery asks of the
    /// newest frame). A live writer writes them before the frame, so only a crash's leftover fails.
    private func vaultsHold(_ batch: BatchHeader, after tables: StoreTables) -> Bool {
        for (vault, start, end) in [
            (identities, tables.identitiesEnd, batch.identitiesEnd), (values, tables.valuesEnd, batch.valuesEnd),
        ] where end > start {
            guard let bytes = try? vault.descriptor.read(count: Int(end - start), at: Int64(start)),
                bytes.count == Int(end - start), (try? VaultFile.entries(in: bytes, from: 0, to: bytes.count)) != nil
            else { return false }
        }
        return true
    }

    /// Identity entries the writer added, up to `end`, merged into what was loaded before.
    private func loadIdentities(upTo end: UInt64, _ state: inout StoreState) throws -> [UInt64: String?] {
        var map: [UInt64: String?] = [:]
        guard end > state.identitiesLoaded else { return map }
        let start = state.identitiesLoaded
        do {
            let bytes = try identities.descriptor.read(count: Int(end - start), at: Int64(start))
            for (offset, entry) in try VaultFile.entries(in: bytes, from: 0, to: bytes.count) {
                map[start + offset] = entry.isLive ? entry.text : nil
            }
        } catch {
            throw LedgerStoreError.corrupted(identities.kind.fileName, offset: start, "\(error)")
        }
        state.identitiesLoaded = end
        return map
    }
}

/// Decodes records for callers: subjects from the tables, values from the values vault.
///
/// A class, made once per read: each record's decoder holds it by one reference instead of a
/// copy of its tables and vault.
final class ReadContext: FactDecodingContext, Sendable {
    let replay: ReplayContext
    let erasedValues: Set<UInt64>
    let values: VaultFile

    init(tables: StoreTables, values: VaultFile) {
        self.replay = ReplayContext(tables: tables)
        self.erasedValues = tables.erasedValues
        self.values = values
    }

    func string(_ number: UInt64) throws -> String { try replay.string(number) }

    func subject(_ number: UInt64) throws -> (id: SubjectID, commitment: [UInt8]) {
        try replay.subject(number)
    }

    func value(_ stored: StoredValue) throws -> PersonalValue {
        guard case .vault(let offset, _) = stored, !erasedValues.contains(offset) else {
            return .erased
        }
        let text: String?
        do { text = try values.text(at: offset) } catch {
            throw LedgerStoreError.corrupted(
                values.kind.fileName, offset: offset, "a value entry does not decode (\(error))")
        }
        return text.map(PersonalValue.init) ?? .erased
    }
}
