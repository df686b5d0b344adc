import LedgerCrypto
import PersonalDataLedger

/// `verify`: re-reads the whole log from disk and recomputes the chain.
///
/// Every batch stores the chain head after it; verification recomputes each head from the
/// canonical encodings and compares — so a record altered with a recomputed CRC, or a batch
/// removed or reordered, breaks at the first batch it touches. It also checks the given
/// checkpoint and the directory's own `CHECKPOINT`, that every live vault entry still matches
/// the commitment the log holds for it, and that `identifier.key` is intact and the key whose
/// fingerprint the ledger recorded.
extension FileLedgerStore {
    /// `progress` hears after each batch how many facts are verified of how many.
    func verifyChain(
        against checkpoint: IntegrityHead?, progress: (@Sendable (UInt64, UInt64) -> Void)? = nil
    ) throws -> IntegrityHead {
        let tables = try read { $0.tables }
        let stored = try CheckpointFile.read(in: directory)
        let checkpoints = [checkpoint, stored].compactMap { $0 }
        /// Which checkpoint a message is about.
        func label(_ head: IntegrityHead) -> String {
            head == checkpoint ? "the checkpoint given" : "\(LedgerDirectory.checkpointName) in \(directory.path)"
        }
        for checkpoint in checkpoints where checkpoint.count > tables.count {
            throw LedgerStoreError.integrityViolation(
                "The store holds \(tables.count) facts but \(label(checkpoint)) covers \(checkpoint.count): facts "
                    + "were removed.")
        }
        for checkpoint in checkpoints where checkpoint.count == 0 && checkpoint.hash != IntegrityHead.empty.hash {
            throw LedgerStoreError.integrityViolation(
                "\(label(checkpoint)) is for 0 facts but has a head other than the empty one: it was altered.")
        }
        let context = ReplayContext(tables: tables)
        var head = HashChain.empty
        var sequence: UInt64 = 1
        for number in 1...max(tables.logEnd.segment, 1) where sequence <= tables.count {
            let name = LedgerDirectory.segmentName(number)
            let bytes: [UInt8]
            do {
                let fd = try FileDescriptor.open(directory.file(name), .readOnly, calls: directory.calls)
                defer { fd.close() }
                bytes = try fd.read(count: Int(try fd.size()), at: 0)
            } catch {
                throw LedgerStoreError.io(error, "reading", name)
            }
            guard let header = try? SegmentHeader.decode(bytes), header.number == number,
                header.firstSequence == sequence, header.previousHead == head
            else {
                throw LedgerStoreError.integrityViolation(
                    "Segment \(name) does not continue the chain from fact \(sequence - 1).")
            }
            let (frames, ending) = SegmentScanner(bytes: bytes, expectedSequence: sequence).scan()
            for frame in frames where sequence <= tables.count {
                guard frame.batch.firstSequence == sequence else {
                    throw LedgerStoreError.integrityViolation(
                        "\(name) at byte offset \(frame.offset): the batch starts at fact "
                            + "\(frame.batch.firstSequence) where fact \(sequence) belongs.")
                }
                let before = head
                head = try verifyBatch(bytes, frame: frame, head: head, context: context, name: name)
                sequence = frame.batch.nextSequence
                progress?(sequence - 1, tables.count)
                for checkpoint in checkpoints
                where checkpoint.count >= frame.batch.firstSequence && checkpoint.count < sequence {
                    let within =
                        checkpoint.count == sequence - 1
                        ? head
                        : try chainHead(bytes, frame: frame, upTo: checkpoint.count, from: before, context: context)
                    if within.hexString != checkpoint.hash {
                        throw LedgerStoreError.integrityViolation(
                            "History differs from \(label(checkpoint)) at fact \(checkpoint.count) (\(name), the batch "
                                + "at byte offset \(frame.offset) holds it): the chain through facts 1 to "
                                + "\(checkpoint.count) verifies on its own but ends at another head than the one "
                                + "recorded, so facts up to it were rewritten — or the checkpoint itself was altered.")
                    }
                }
            }
            // Damage inside what the store published (open does not read the frames its index
            // snapshot covers; this is where all of them are checked).
            if sequence <= tables.count {
                switch ending {
                case .clean: break
                case .tornTail(let offset), .corrupted(let offset, _):
                    throw LedgerStoreError.integrityViolation(
                        "\(name) is damaged at byte offset \(offset): the frame of fact \(sequence) fails its CRC-32C "
                            + "check or does not decode. Restore the directory from a backup.")
                }
            }
        }
        guard sequence - 1 == tables.count else {
            throw LedgerStoreError.integrityViolation(
                "The log on disk holds \(sequence - 1) facts where the store published \(tables.count).")
        }
        guard head == tables.head else {
            throw LedgerStoreError.integrityViolation("The chain head on disk differs from the store's.")
        }
        try verifyVaults(tables)
        try verifyIdentifierKey()
        return IntegrityHead(count: tables.count, hash: head.hexString)
    }

    private func verifyBatch(
        _ bytes: [UInt8], frame: SegmentScanner.Frame, head: [UInt8], context: ReplayContext, name: String
    ) throws -> [UInt8] {
        let computed = try chainHead(
            bytes, frame: frame, upTo: frame.batch.nextSequence - 1, from: head, context: context)
        guard computed == frame.batch.head else {
            throw LedgerStoreError.integrityViolation(
                "The hash chain breaks in \(name) at byte offset \(frame.offset) (facts "
                    + "\(frame.batch.firstSequence)–\(frame.batch.nextSequence - 1)): a record was altered after "
                    + "it was written.")
        }
        return computed
    }

    /// Recomputes the chain through the batch's facts up to `last`.
    private func chainHead(
        _ bytes: [UInt8], frame: SegmentScanner.Frame, upTo last: UInt64, from head: [UInt8],
        context: ReplayContext
    ) throws -> [UInt8] {
        let payloadStart = frame.offset + LogFrame.headerSize
        var reader = ByteReader(bytes, from: payloadStart, to: payloadStart + frame.payloadLength)
        var head = head
        do {
            _ = try BatchHeader.decode(&reader)
            for _ in 0..<(try reader.count(limit: reader.remaining)) {
                switch try reader.byte() {
                case 1: _ = try reader.string()
                case 2:
                    _ = try reader.varint()
                    try reader.skip(Commitment.length)
                default: throw CodecError.malformed("definition kind")
                }
            }
            var sequence = frame.batch.firstSequence
            while sequence <= last {
                let length = try reader.count(limit: reader.remaining)
                let start = reader.position
                try reader.skip(length)
                var decoder = FactRecordDecoder(
                    context: context, bytes: bytes, from: start, to: start + length, canonicalFor: sequence)
                _ = try decoder.decode()
                head = HashChain.link(head, canonical: decoder.canonicalBytes ?? [])
                sequence += 1
            }
        } catch {
            throw LedgerStoreError.integrityViolation(
                "A batch at byte offset \(frame.offset) of its segment does not decode (\(error)).")
        }
        return head
    }

    /// Every live vault entry must still match its commitment in the log.
    private func verifyVaults(_ tables: StoreTables) throws {
        for number in 0..<UInt64(tables.subjects.count) where !tables.erasedSubjects.contains(number) {
            let subject = try? tables.subjects.record(number)
            let entry = subject.flatMap { try? identities.read(at: $0.identityOffset) }
            // Appended erased (with given commitments): nothing in the vault to match.
            if let entry, !entry.isLive, (try? tables.subjects.identifier(number)) == .some(nil) { continue }
            guard let subject, let entry, entry.isLive,
                Commitment.commit(entry.text, salt: entry.salt, domain: Commitment.subjectDomain)
                    == subject.commitment
            else {
                throw LedgerStoreError.integrityViolation(
                    "The identifier of subject number \(number) in \(identities.kind.fileName) no longer matches "
                        + "its commitment in the log.")
            }
        }
        let context = ReplayContext(tables: tables)
        for sequence in stride(from: 1, through: tables.count, by: 1) {
            let (bytes, _) = try state.withLock { try recordBytes(sequence, in: $0) }
            var decoder = FactRecordDecoder(
                context: context, bytes: bytes, from: 0, to: bytes.count, canonicalFor: nil)
            do { _ = try decoder.decode() } catch {
                let position = try state.withLock { try recordBytes(sequence, in: $0).1 }
                throw LedgerStoreError.integrityViolation(
                    "\(LedgerDirectory.segmentName(UInt64(position.segment))) at byte offset \(position.offset): the "
                        + "record of fact \(sequence) does not decode (\(error)).")
            }
            for case .vault(let offset, let commitment) in decoder.values
            where !tables.erasedValues.contains(offset) {
                let entry = try? values.read(at: offset)
                guard let entry else {
                    throw LedgerStoreError.integrityViolation(
                        "The value of fact \(sequence) in \(values.kind.fileName) at byte offset \(offset) does not decode."
                    )
                }
                if entry.isLive,
                    Commitment.commit(entry.text, salt: entry.salt, domain: Commitment.valueDomain) != commitment
                {
                    throw LedgerStoreError.integrityViolation(
                        "The value of fact \(sequence) in \(values.kind.fileName) no longer matches its "
                            + "commitment in the log.")
                }
            }
        }
    }
}
