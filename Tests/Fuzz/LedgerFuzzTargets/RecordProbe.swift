import PersonalDataLedger

/// The core's record decoder on arbitrary bytes, against tables large enough that any small
/// string or subject number resolves, with its canonical encoding rebuilt as verify does.
enum RecordProbe {
    static func decode(_ bytes: [UInt8]) throws {
        var decoder = FactRecordDecoder(
            context: Tables(), bytes: bytes, from: 0, to: bytes.count, canonicalFor: 1)
        _ = try decoder.decode()
        _ = decoder.canonicalBytes
    }

    /// Strings and subjects by number, as a store's tables would give them.
    struct Tables: FactDecodingContext {
        static let strings: [String] = (0..<4096).map { "term-\($0)" }
        static let commitment = [UInt8](repeating: 0xA5, count: Commitment.length)

        func string(_ number: UInt64) throws -> String {
            guard number < UInt64(Self.strings.count) else { throw CodecError.malformed("string \(number)") }
            return Self.strings[Int(number)]
        }

        func subject(_ number: UInt64) throws -> (id: SubjectID, commitment: [UInt8]) {
            guard number < 4096 else { throw CodecError.malformed("subject \(number)") }
            return (number % 5 == 4 ? .erased : SubjectID(rawValue: "subject:\(number)"), Self.commitment)
        }

        func value(_ stored: StoredValue) throws -> PersonalValue {
            if case .vault(let offset, _) = stored, offset % 3 != 0 { return PersonalValue("value \(offset)") }
            return .erased
        }
    }
}
