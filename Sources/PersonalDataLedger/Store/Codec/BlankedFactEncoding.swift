/// A compact, self-contained binary form of a fact with its personal fields blanked: what a store
/// that keeps identifiers and values elsewhere (sealed, in other rows) keeps as the fact's body.
///
/// It is the file store's fact record (`Documentation/FileFormat.md`, "The fact record") with
/// the fact's own strings in front instead of a ledger-wide string table:
///
/// | Field | Encoding |
/// |---|---|
/// | version | 1 byte, `1` (never `{`, so a reader tells it from a JSON body) |
/// | strings | varint count, then each as varint length + UTF-8, numbered 0, 1, … in order of first use |
/// | record | the fact record, its string numbers into the list above, every subject as number `0`, every value present as `1` (erased before it was recorded) |
///
/// Encoding blanks as it writes: every subject decodes as ``SubjectID/erased`` and every value
/// that was present as ``PersonalValue/erased``, in the fields where the fact had them, so the
/// caller fills them back by field order (``Fact/Body/mappingPersonalData(values:subjects:)``).
/// Dates round-trip bit for bit. A typical holding takes 95 bytes against 280 in JSON, and decodes
/// in well under a microsecond against about 11 µs through `JSONDecoder`
/// (`Documentation/Performance.md`, "PostgreSQL").
public enum BlankedFactEncoding {
    /// The first byte of every encoding.
    public static let version: UInt8 = 1

    /// The fact's bytes, with every subject and value blanked.
    public static func encode(_ fact: NewFact) -> [UInt8] {
        var encoder = FactRecordEncoder(context: LocalStrings(), sequence: 0)
        encoder.encode(fact)
        var writer = ByteWriter(capacity: encoder.record.bytes.count + encoder.context.bytes.bytes.count + 4)
        writer.byte(version)
        writer.varint(encoder.context.strings.count)
        writer.raw(encoder.context.bytes.bytes)
        writer.raw(encoder.record.bytes)
        return writer.bytes
    }

    /// The blanked fact `bytes` hold.
    ///
    /// - Throws: ``LedgerStoreError`` (`corrupted`) when they are not one whole encoding of a
    ///   fact of this version.
    public static func decode(_ bytes: [UInt8]) throws -> NewFact {
        do {
            var reader = ByteReader(bytes)
            let found = try reader.byte()
            guard found == version else { throw CodecError.unsupportedVersion(UInt64(found)) }
            var strings: [String] = []
            for _ in 0..<(try reader.count(limit: reader.remaining)) { strings.append(try reader.string()) }
            var decoder = FactRecordDecoder(
                context: LocalStringTable(strings: strings), bytes: bytes, from: bytes.count - reader.remaining,
                to: bytes.count, canonicalFor: nil, listsFields: false)
            return try decoder.decode()
        } catch let error as CodecError {
            throw LedgerStoreError.corrupted("A fact's body does not decode (\(error)).")
        }
    }
}

/// Numbers the strings of one fact in order of first use, and blanks its subjects and values.
private struct LocalStrings: FactEncodingContext {
    var strings: [String: UInt64] = [:]
    var bytes = ByteWriter(capacity: 128)

    mutating func intern(_ text: String) -> UInt64 {
        if let number = strings[text] { return number }
        let number = UInt64(strings.count)
        strings[text] = number
        bytes.string(text)
        return number
    }

    func subject(_ id: SubjectID) -> (number: UInt64, commitment: [UInt8]) {
        (0, [UInt8](repeating: 0, count: Commitment.length))
    }

    func value(_ value: PersonalValue) -> StoredValue { .erasedAtAppend }
}

/// The strings of one fact, by number; its subjects and values blanked.
private struct LocalStringTable: FactDecodingContext {
    let strings: [String]

    func string(_ number: UInt64) throws -> String {
        guard number < UInt64(strings.count) else { throw CodecError.malformed("string \(number)") }
        return strings[Int(number)]
    }

    func subject(_ number: UInt64) throws -> (id: SubjectID, commitment: [UInt8]) {
        guard number == 0 else { throw CodecError.malformed("subject \(number)") }
        return (.erased, [])
    }

    func value(_ stored: StoredValue) throws -> PersonalValue {
        guard case .erasedAtAppend = stored else { throw CodecError.malformed("a value in a blanked fact") }
        return .erased
    }
}
