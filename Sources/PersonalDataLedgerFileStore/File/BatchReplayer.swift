import PersonalDataLedger

/// Applies a log frame to the tables: what open and a catching-up reader do for each batch.
///
/// Replay needs no personal values: it reads the frame's definitions, positions and index
/// keys, and its erasures. Subject identifiers come from the identities vault, by offset.
struct BatchReplayer {
    /// Identifier entries of the identities vault by offset (`nil` text when erased there).
    var identities: [UInt64: String?]
    /// The values vault, to read lookup tokens back into the index; replay reads no other value.
    var values: VaultFile?

    /// Applies `frame` of `bytes`, which hold `segment` from byte `base` on.
    func apply(
        _ bytes: [UInt8], frame: SegmentScanner.Frame, segment: UInt64, base: Int = 0,
        to tables: inout StoreTables
    ) throws -> (droppedLookups: Bool, erasures: [EraseOperation]) {
        var droppedLookups = false
        var erasures: [EraseOperation] = []
        guard let segmentNumber = UInt32(exactly: segment) else {
            // Positions hold 32-bit segment numbers; a header claiming more is damage, not data.
            throw CodecError.malformed("segment number \(segment) is out of range")
        }
        let payloadStart = frame.offset + LogFrame.headerSize
        var reader = ByteReader(bytes, from: payloadStart, to: payloadStart + frame.payloadLength)
        let header = try BatchHeader.decode(&reader)
        for _ in 0..<(try reader.count(limit: reader.remaining)) {
            switch try reader.byte() {
            case 1: tables.define(string: try reader.string())
            case 2:
                let offset = try reader.varint()
                let commitment = try reader.raw(Commitment.length)
                guard let text = identities[offset] else {
                    throw CodecError.malformed("subject definition names no vault entry at \(offset)")
                }
                tables.define(
                    subject: SubjectRecord(
                        identityOffset: offset, commitment: commitment, id: text.map(SubjectID.init(rawValue:))))
            case let kind: throw CodecError.malformed("definition kind \(kind)")
            }
        }
        for _ in 0..<header.count {
            let length = try reader.count(limit: reader.remaining)
            let start = reader.position
            try reader.skip(length)
            let (draft, subjects, token) = try decode(bytes, from: start, to: start + length, tables: tables)
            var slots = slots(of: draft.body, subjects: subjects, tables: tables)
            if case .vault(let offset, _)? = token, !tables.erasedValues.contains(offset),
                let text = liveText(at: offset)
            {
                slots.append(.lookup(text))
            }
            tables.publish(
                position: FactPosition(
                    segment: segmentNumber, offset: UInt32(base + start), length: UInt32(length)),
                slots: slots)
        }
        for _ in 0..<(try reader.count(limit: reader.remaining)) {
            switch try reader.byte() {
            case 1:
                erasures.append(.value(offset: try reader.varint()))
                tables.apply(erasures[erasures.count - 1])
            case 2:
                erasures.append(.subject(number: try reader.varint()))
                tables.apply(erasures[erasures.count - 1])
            case 3:
                let offset = try reader.varint()
                let sequence = try reader.varint()
                erasures.append(.lookup(offset: offset, sequence: sequence))
                tables.apply(.lookup(offset: offset, sequence: sequence), token: liveText(at: offset))
                droppedLookups = true
            case let kind: throw CodecError.malformed("erase operation kind \(kind)")
            }
        }
        guard reader.isAtEnd else { throw CodecError.malformed("batch has trailing bytes") }
        tables.publish(
            frameAt: UInt64(base + frame.offset), in: segmentNumber, payloadLength: frame.payloadLength,
            count: Int(header.count))
        tables.head = header.head
        tables.identitiesEnd = header.identitiesEnd
        tables.valuesEnd = header.valuesEnd
        tables.logEnd = LogPosition(segment: segment, offset: UInt64(base + frame.end))
        return (droppedLookups, erasures)
    }

    /// The text of a live values-vault entry (a lookup token), if it can be read.
    private func liveText(at offset: UInt64) -> String? {
        guard let entry = try? values?.read(at: offset), entry.isLive else { return nil }
        return entry.text
    }

    /// Decodes in a function of its own so the decoder's view of the tables is gone before the
    /// tables change: a view that outlived it would make every append copy them.
    private func decode(_ bytes: [UInt8], from start: Int, to end: Int, tables: StoreTables) throws
        -> (NewFact, [UInt64], StoredValue?)
    {
        var decoder = FactRecordDecoder(
            context: ReplayContext(tables: tables), bytes: bytes, from: start, to: end, canonicalFor: nil)
        let draft = try decoder.decode()
        return (draft, decoder.subjectNumbers, decoder.lookupToken)
    }

    private func slots(of body: Fact.Body, subjects: [UInt64], tables: StoreTables) -> [IndexSlot] {
        var slots: [IndexSlot] = []
        var nextSubject = 0
        for key in body.indexKeys {
            let slot: IndexSlot?
            switch key {
            case .subject:
                slot = nextSubject < subjects.count ? .subject(subjects[nextSubject]) : nil
                nextSubject += 1
            case .accountability:
                slot = nextSubject < subjects.count ? .accountability(subjects[nextSubject]) : nil
                nextSubject += 1
            case .reference(let reference):
                slot = tables.strings.number(of: reference.rawValue).map(IndexSlot.reference)
            case .system(let system): slot = tables.strings.number(of: system.rawValue).map(IndexSlot.system)
            case .kind(let kind): slot = .kind(FactRecordFormat.tag(of: kind))
            case .lookup: slot = nil
            }
            if let slot, !slots.contains(slot) { slots.append(slot) }
        }
        return slots
    }
}

/// Decodes records against the tables, without touching the values vault: replay and index
/// rebuilding need the shape of a fact, never its values.
struct ReplayContext: FactDecodingContext {
    /// Only the two tables decoding needs: a copy of the whole tables per record costs more
    /// than the record.
    let strings: StringTable
    let subjects: SubjectTable

    init(tables: StoreTables) {
        self.strings = tables.strings
        self.subjects = tables.subjects
    }

    func string(_ number: UInt64) throws -> String {
        try strings.string(number)
    }

    func subject(_ number: UInt64) throws -> (id: SubjectID, commitment: [UInt8]) {
        (try subjects.identifier(number) ?? .erased, try subjects.record(number).commitment)
    }

    func value(_ stored: StoredValue) throws -> PersonalValue { .erased }
}
