import LedgerCrypto
import PersonalDataLedger

/// The file store's decoders, each called on bytes from anywhere: the entry points the fuzz
/// targets (`Tests/Fuzz`) drive, so every reader of a file in the ledger directory is tried on
/// arbitrary input through the code open and verify run.
///
/// Each function throws when the bytes do not decode (that is fine) and must never trap. None
/// touches a file: what a reader would take from the vaults or the directory is given.
package enum FileFormatProbe {
    /// Subject identifiers at every offset a small vault could place one, so a definition of a
    /// subject in a fuzzed batch finds its identifier and the replay goes on.
    private static let identities: [UInt64: String?] = Dictionary(
        uniqueKeysWithValues: (0..<UInt64(4096)).map { ($0, $0 % 7 == 0 ? nil : "subject:\($0)") })

    /// A whole segment file, as open scans and replays it: header, frames, each batch applied —
    /// once as it is, once with the header's and every frame's CRC-32C made to match, so
    /// mutations reach the header and batch decoders.
    package static func segment(_ bytes: [UInt8]) throws {
        var failure: (any Error)?
        do { try replaySegment(bytes) } catch { failure = error }
        try replaySegment(withChecksumsMatching(bytes, headerSize: SegmentHeader.size, headerChecksumAt: 64))
        if let failure { throw failure }
    }

    private static func replaySegment(_ bytes: [UInt8]) throws {
        let header = try SegmentHeader.decode(bytes)
        let scanner = SegmentScanner(bytes: bytes, expectedSequence: header?.firstSequence ?? 1)
        let (frames, _) = scanner.scan(from: min(SegmentHeader.size, bytes.count))
        try replay(bytes, frames: frames, segment: header?.number ?? 1)
    }

    /// One frame's payload — a batch — framed with its length and CRC-32C, so every mutation of
    /// the payload reaches the batch decoder instead of stopping at the checksum. It is applied
    /// to tables that already hold strings and subjects, as a batch deep in a log would be.
    package static func batch(_ payload: [UInt8]) throws {
        guard !payload.isEmpty, payload.count <= LogFrame.maximumPayload else { return }
        let framed = LogFrame.frame(payload)
        let (frames, _) = SegmentScanner(bytes: framed, expectedSequence: 1).scan(from: 0)
        guard !frames.isEmpty else { throw CodecError.malformed("the batch header does not decode") }
        try replay(framed, frames: frames, segment: 1, onto: earlierBatches)
    }

    /// Tables as earlier batches would leave them: strings and subjects to refer to.
    private static let earlierBatches: StoreTables = {
        var tables = StoreTables()
        for number in 0..<256 { tables.define(string: "term-\(number)") }
        for number in 0..<UInt64(256) {
            tables.define(
                subject: SubjectRecord(
                    identityOffset: VaultFile.headerSize + number * 64,
                    commitment: [UInt8](repeating: UInt8(number), count: Commitment.length),
                    id: number % 7 == 0 ? nil : SubjectID(rawValue: "subject:\(number)")))
        }
        return tables
    }()

    private static func replay(
        _ bytes: [UInt8], frames: [SegmentScanner.Frame], segment: UInt64, onto start: StoreTables = StoreTables()
    ) throws {
        var tables = start
        let replayer = BatchReplayer(identities: identities, values: nil)
        for frame in frames {
            _ = try replayer.apply(bytes, frame: frame, segment: segment, to: &tables)
        }
        // What close would write next: the tables the replay built must encode and read back.
        try decodeWholeIndex(try IndexSnapshot.encode(tables))
    }

    /// A vault file: its header, then every entry — once as it is, once with the header's and
    /// every entry's CRC-32C made to match, so mutations reach the entry decoder.
    package static func vault(_ bytes: [UInt8]) throws {
        var failure: CodecError?
        do { try decodeVault(bytes) } catch { failure = error }
        try decodeVault(withChecksumsMatching(bytes, headerSize: Int(VaultFile.headerSize), headerChecksumAt: 24))
        if let failure { throw failure }
    }

    private static func decodeVault(_ bytes: [UInt8]) throws(CodecError) {
        let kind: VaultKind = bytes.count > 12 && bytes[12] == VaultKind.identities.rawValue ? .identities : .values
        try VaultFile.validate(header: bytes, kind: kind)
        _ = try VaultFile.entries(in: bytes, from: Int(VaultFile.headerSize), to: bytes.count)
    }

    /// `bytes` — a header whose CRC-32C of the bytes before it is at `headerChecksumAt`, then
    /// frames of `u32 LE length`, `u32 LE CRC-32C`, payload (a segment, a vault) — with every
    /// checksum made to match, as far as the lengths lead.
    private static func withChecksumsMatching(_ bytes: [UInt8], headerSize: Int, headerChecksumAt: Int) -> [UInt8] {
        var bytes = bytes
        func setChecksum(at offset: Int, of range: Range<Int>) {
            let checksum = CRC32C.checksum(bytes[range])
            for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: checksum >> (8 * index)) }
        }
        guard bytes.count >= headerSize else { return bytes }
        setChecksum(at: headerChecksumAt, of: 0..<headerChecksumAt)
        var offset = headerSize
        while bytes.count - offset >= LogFrame.headerSize {
            let length = Int(bytes.uint32LE(at: offset))
            guard length <= bytes.count - offset - LogFrame.headerSize else { break }
            setChecksum(at: offset + 4, of: (offset + LogFrame.headerSize)..<(offset + LogFrame.headerSize + length))
            offset += LogFrame.headerSize + length
        }
        return bytes
    }

    /// The small files beside the log, told apart by how they start: an `INDEX` snapshot (as it
    /// is, and with its CRC-32C made to match, so mutations reach the snapshot decoder), a
    /// `SUBJECTS`, `CHECKPOINT`, or a `KEY-FINGERPRINT`.
    package static func index(_ bytes: [UInt8]) throws {
        if bytes.starts(with: IndexSnapshot.magic) {
            var failure: (any Error)?
            do {
                try decodeWholeIndex(bytes)
            } catch { failure = error }
            if bytes.count >= 16 {
                var fixed = Array(bytes[0..<(bytes.count - 4)])
                let checksum = CRC32C.checksum(fixed)
                for index in 0..<4 { fixed.append(UInt8(truncatingIfNeeded: checksum >> (8 * index))) }
                try decodeWholeIndex(fixed)
            }
            if let failure { throw failure }
        } else if bytes.starts(with: SubjectHash.magic) {
            try subjectHash(bytes)
        } else if bytes.starts(with: Array("PersonalDataLedger checkpoint".utf8)) {
            guard CheckpointFile.decode(bytes) != nil else { throw CodecError.malformed("not a checkpoint") }
        } else {
            guard KeyFingerprintFile.decode(bytes) != nil else { throw CodecError.malformed("not a key fingerprint") }
        }
    }

    /// Reads a `SUBJECTS` table whole (its checksum aside, which the store checks first): the
    /// probe runs of a few identifiers, and a scan of every entry.
    private static func subjectHash(_ bytes: [UInt8]) throws {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        copy.copyBytes(from: bytes)
        let hash = try SubjectHash(bytes: UnsafeRawBufferPointer(copy)) { $0.deallocate() }
        var listed: Set<UInt64> = []
        for text in ["customer:1", "customer:10001", "b2b:contact:7", ""] {
            listed.formUnion(hash.candidates(for: SubjectID(rawValue: text)))
        }
        _ = hash.holdsAny(of: listed.isEmpty ? [0] : listed)
    }

    /// Decodes a snapshot and then reads every subject record, position, every slot's postings
    /// and every frame entry (in order, and each looked up by its first fact), which the store
    /// reads only when a query needs them.
    private static func decodeWholeIndex(_ bytes: [UInt8]) throws {
        let tables = try IndexSnapshot.decode(bytes, identities: identities)
        try tables.subjects.forEachRecord { _ in }
        try tables.positions.forEach { _ in }
        try tables.index.forEachSlot { _, _ in }
        try tables.frames.forEach { _ in }
        for index in 0..<tables.frames.count {
            _ = try tables.frames.frame(holding: try tables.frames.frame(index).firstSequence)
        }
    }

    /// A `KEY-FINGERPRINT` file, as a ledger writes it, for the seed corpus.
    package static var keyFingerprintSample: [UInt8] {
        KeyFingerprintFile.encode("3f2a9c0d51e47b86a0c2d9e1f4b7a563")
    }

    /// The pieces of a valid segment the seed corpora start from: each frame's payload (a
    /// batch) and each fact's record.
    package static func pieces(ofSegment bytes: [UInt8]) throws -> (batches: [[UInt8]], records: [[UInt8]]) {
        let (frames, _) = SegmentScanner(bytes: bytes, expectedSequence: 1).scan()
        var tables = StoreTables()
        let replayer = BatchReplayer(identities: identities, values: nil)
        for frame in frames { _ = try replayer.apply(bytes, frame: frame, segment: 1, to: &tables) }
        let batches = frames.map { frame in
            Array(bytes[(frame.offset + LogFrame.headerSize)..<frame.end])
        }
        var records: [[UInt8]] = []
        try tables.positions.forEach { position in
            records.append(Array(bytes[Int(position.offset)..<Int(position.offset + position.length)]))
        }
        return (batches, records)
    }
}
