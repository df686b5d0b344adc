import LedgerCrypto
import PersonalDataLedger

/// The `INDEX` file: the tables as of a point in the log, so open replays only what came after.
///
/// Replaced atomically (temporary file, sync, rename, directory sync) and tagged with the log
/// position, count and chain head it covers. A snapshot that does not decode, or whose tag does
/// not match the log, is ignored and the tables are rebuilt from the log. It holds no subject
/// identifier and no hash of one: subjects are numbers; their identifiers live in the vault.
///
/// Layout: magic `PDL-IDX\0`, version u32 LE, then varints — log segment, log offset, count,
/// identities end, values end — the 32-byte head; the string table (count, then length-prefixed
/// UTF-8); subjects (count, then identity offset, 16-byte commitment, erased flag); positions
/// (count, then per fact a varint step — `2·gap` after the previous record in the same segment,
/// or `1` then segment and offset — and the length); the index (slot count, then per slot a kind
/// byte (1 subject, 2 reference, 3 system, 4 kind, 6 reports issued about a subject), a number —
/// or for a lookup token, kind 5 and the token as a length-prefixed string — a
/// posting count and delta-coded sequences); erased value offsets (count, offsets); a CRC-32C
/// u32 LE of everything before it.
enum IndexSnapshot {
    static let magic = Array("PDL-IDX\0".utf8)
    /// 3: reports issued are indexed apart from their subject (slot kind 6); a version 2 snapshot
    /// filed them under the subject, so it is ignored and the index rebuilt from the log.
    static let version: UInt32 = 3

    static func encode(_ tables: StoreTables) -> [UInt8] {
        var writer = ByteWriter(capacity: 64 + tables.positions.count * 16)
        writer.raw(magic)
        writer.uint32LE(version)
        writer.varint(tables.logEnd.segment)
        writer.varint(tables.logEnd.offset)
        writer.varint(tables.count)
        writer.varint(tables.identitiesEnd)
        writer.varint(tables.valuesEnd)
        writer.raw(tables.head)
        writer.varint(tables.strings.count)
        for string in tables.strings { writer.string(string) }
        writer.varint(tables.subjects.count)
        for subject in tables.subjects {
            writer.varint(subject.identityOffset)
            writer.raw(subject.commitment)
            writer.byte(subject.id == nil ? 1 : 0)
        }
        writer.varint(tables.positions.count)
        var previous = FactPosition(segment: 0, offset: 0, length: 0)
        for position in tables.positions {
            // Records follow one another in the log, so each is a small step from the last.
            if position.segment == previous.segment, position.offset >= previous.offset + previous.length {
                writer.varint(UInt64(position.offset - previous.offset - previous.length) << 1)
            } else {
                writer.varint(1)
                writer.varint(UInt64(position.segment))
                writer.varint(UInt64(position.offset))
            }
            writer.varint(UInt64(position.length))
            previous = position
        }
        writer.varint(tables.index.count)
        for (slot, sequences) in tables.index {
            switch slot {
            case .subject(let number):
                writer.byte(1)
                writer.varint(number)
            case .reference(let number):
                writer.byte(2)
                writer.varint(number)
            case .system(let number):
                writer.byte(3)
                writer.varint(number)
            case .kind(let tag):
                writer.byte(4)
                writer.varint(UInt64(tag))
            case .lookup(let token):
                writer.byte(5)
                writer.string(token)
            case .accountability(let number):
                writer.byte(6)
                writer.varint(number)
            }
            writer.varint(sequences.count)
            var previous: UInt64 = 0
            for sequence in sequences {
                writer.varint(sequence - previous)
                previous = sequence
            }
        }
        writer.varint(tables.erasedValues.count)
        for offset in tables.erasedValues.sorted() { writer.varint(offset) }
        writer.uint32LE(CRC32C.checksum(writer.bytes))
        return writer.bytes
    }

    /// Decodes a snapshot. Subject identifiers are filled in from `identities` (vault entries by
    /// offset) for subjects not erased.
    static func decode(_ bytes: [UInt8], identities: [UInt64: String?]) throws(CodecError)
        -> StoreTables
    {
        guard bytes.count >= 16, Array(bytes[0..<8]) == magic else {
            throw CodecError.malformed("not an index snapshot")
        }
        let body = bytes.count - 4
        let checksum = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<body])) }
        guard checksum == bytes.uint32LE(at: body) else {
            throw CodecError.malformed("index snapshot checksum does not match")
        }
        guard bytes.uint32LE(at: 8) == version else {
            throw CodecError.unsupportedVersion(UInt64(bytes.uint32LE(at: 8)))
        }
        var reader = ByteReader(bytes, from: 12, to: body)
        var tables = StoreTables()
        tables.logEnd = LogPosition(segment: try reader.varint(), offset: try reader.varint())
        let count = try reader.varint()
        tables.identitiesEnd = try reader.varint()
        tables.valuesEnd = try reader.varint()
        tables.head = try reader.raw(32)
        let stringCount = try reader.count(limit: reader.remaining)
        tables.strings.reserveCapacity(stringCount)
        tables.stringNumbers.reserveCapacity(stringCount)
        for _ in 0..<stringCount { tables.define(string: try reader.string()) }
        let subjectCount = try reader.count(limit: reader.remaining)
        tables.subjects.reserveCapacity(subjectCount)
        tables.subjectNumbers.reserveCapacity(subjectCount)
        for number in 0..<subjectCount {
            let offset = try reader.varint()
            let commitment = try reader.raw(Commitment.length)
            let erased = try reader.byte() == 1
            let text = erased ? nil : identities[offset] ?? nil
            if erased { tables.erasedSubjects.insert(UInt64(number)) }
            tables.define(
                subject: SubjectRecord(
                    identityOffset: offset, commitment: commitment, id: text.map(SubjectID.init(rawValue:))))
        }
        let positionCount = try reader.count(limit: reader.remaining / 2)
        guard UInt64(positionCount) == count else { throw CodecError.malformed("position count") }
        tables.positions.reserveCapacity(positionCount)
        var previous = FactPosition(segment: 0, offset: 0, length: 0)
        for _ in 0..<positionCount {
            let step = try reader.varint()
            var position = previous
            if step == 1 {
                guard let segment = UInt32(exactly: try reader.varint()),
                    let offset = UInt32(exactly: try reader.varint())
                else { throw CodecError.malformed("position out of range") }
                position.segment = segment
                position.offset = offset
            } else {
                let end = UInt64(previous.offset) + UInt64(previous.length)
                guard step & 1 == 0, let next = UInt32(exactly: end + (step >> 1)) else {
                    throw CodecError.malformed("position out of range")
                }
                position.offset = next
            }
            guard let length = UInt32(exactly: try reader.varint()) else {
                throw CodecError.malformed("position out of range")
            }
            position.length = length
            tables.positions.append(position)
            previous = position
        }
        let slotCount = try reader.count(limit: reader.remaining)
        tables.index.reserveCapacity(slotCount)
        for _ in 0..<slotCount {
            let kind = try reader.byte()
            let slot: IndexSlot
            let number = kind == 5 ? 0 : try reader.varint()
            switch kind {
            case 5: slot = .lookup(try reader.string())
            case 1: slot = .subject(number)
            case 2: slot = .reference(number)
            case 3: slot = .system(number)
            case 4 where number < 256: slot = .kind(UInt8(number))
            case 6: slot = .accountability(number)
            default: throw CodecError.malformed("index slot kind \(kind)")
            }
            let postings = try reader.count(limit: reader.remaining)
            var sequences: [UInt64] = []
            sequences.reserveCapacity(postings)
            var previous: UInt64 = 0
            for _ in 0..<postings {
                // Checked before it is added: a step past the log must not overflow on the way.
                let step = try reader.varint()
                guard step <= count - previous else { throw CodecError.malformed("posting beyond the log") }
                previous += step
                sequences.append(previous)
            }
            tables.index[slot] = sequences
        }
        for _ in 0..<(try reader.count(limit: reader.remaining)) {
            tables.erasedValues.insert(try reader.varint())
        }
        guard reader.isAtEnd else { throw CodecError.malformed("index snapshot has trailing bytes") }
        return tables
    }
}
