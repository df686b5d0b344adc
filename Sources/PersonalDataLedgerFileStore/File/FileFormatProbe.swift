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

    /// A whole segment file, as open scans and replays it: header, frames, each batch applied.
    package static func segment(_ bytes: [UInt8]) throws {
        let header = try SegmentHeader.decode(bytes)
        let scanner = SegmentScanner(bytes: bytes, expectedSequence: header?.firstSequence ?? 1)
        let (frames, _) = scanner.scan(from: min(SegmentHeader.size, bytes.count))
        try replay(bytes, frames: frames, segment: header?.number ?? 1)
    }

    /// One frame's payload — a batch — framed with its length and CRC-32C, so every mutation of
    /// the payload reaches the batch decoder instead of stopping at the checksum.
    package static func batch(_ payload: [UInt8]) throws {
        guard !payload.isEmpty, payload.count <= LogFrame.maximumPayload else { return }
        let framed = LogFrame.frame(payload)
        let (frames, _) = SegmentScanner(bytes: framed, expectedSequence: 1).scan(from: 0)
        try replay(framed, frames: frames, segment: 1)
    }

    private static func replay(_ bytes: [UInt8], frames: [SegmentScanner.Frame], segment: UInt64) throws {
        var tables = StoreTables()
        let replayer = BatchReplayer(identities: identities, values: nil)
        for frame in frames {
            _ = try replayer.apply(bytes, frame: frame, segment: segment, to: &tables)
        }
        // What close would write next: the tables the replay built must encode and read back.
        _ = try IndexSnapshot.decode(IndexSnapshot.encode(tables), identities: identities)
    }

    /// A vault file: its header, then every entry; and the bytes as one entry's payload, framed
    /// with its CRC-32C so mutations reach the entry decoder.
    package static func vault(_ bytes: [UInt8]) throws {
        var failure: CodecError?
        do {
            try VaultFile.validate(header: bytes, kind: .identities)
        } catch { failure = error }
        do {
            try VaultFile.validate(header: bytes, kind: .values)
        } catch { failure = error }
        let start = min(Int(VaultFile.headerSize), bytes.count)
        do {
            _ = try VaultFile.entries(in: bytes, from: start, to: bytes.count)
        } catch { failure = error }
        if !bytes.isEmpty, bytes.count <= LogFrame.maximumPayload {
            _ = try VaultFile.decodeEntry(LogFrame.frame(bytes), at: 0)
        }
        if let failure { throw failure }
    }

    /// An `INDEX` file as it is, and the same bytes with their CRC-32C made to match, so
    /// mutations reach the snapshot decoder; and the small text files beside it (`CHECKPOINT`,
    /// `KEY-FINGERPRINT`).
    package static func index(_ bytes: [UInt8]) throws {
        _ = CheckpointFile.decode(bytes)
        _ = KeyFingerprintFile.decode(bytes)
        var failure: CodecError?
        do {
            _ = try IndexSnapshot.decode(bytes, identities: identities)
        } catch { failure = error }
        if bytes.count >= 16 {
            let body = Array(bytes[0..<(bytes.count - 4)])
            var writer = ByteWriter(capacity: bytes.count)
            writer.raw(body)
            writer.uint32LE(CRC32C.checksum(body))
            _ = try IndexSnapshot.decode(writer.bytes, identities: identities)
        }
        if let failure { throw failure }
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
        let records = tables.positions.map { position in
            Array(bytes[Int(position.offset)..<Int(position.offset + position.length)])
        }
        return (batches, records)
    }
}
