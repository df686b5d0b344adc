import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// The binary fact record and its canonical encoding, without any file.
@Suite struct BinaryCodecTests {
    /// A context that keeps tables in memory, as the store does.
    final class Tables: FactEncodingContext, FactDecodingContext {
        var strings: [String] = []
        var subjects: [(SubjectID, [UInt8])] = []
        var values: [UInt64: PersonalValue] = [:]

        func intern(_ text: String) -> UInt64 {
            if let index = strings.firstIndex(of: text) { return UInt64(index) }
            strings.append(text)
            return UInt64(strings.count - 1)
        }

        func subject(_ id: SubjectID) -> (number: UInt64, commitment: [UInt8]) {
            if let index = subjects.firstIndex(where: { $0.0 == id }) { return (UInt64(index), subjects[index].1) }
            let commitment = Commitment.commit(
                id.rawValue, salt: Commitment.randomSalt(), domain: Commitment.subjectDomain)
            subjects.append((id, commitment))
            return (UInt64(subjects.count - 1), commitment)
        }

        func value(_ value: PersonalValue) -> StoredValue {
            guard !value.isErased else { return .erasedAtAppend }
            let offset = UInt64(values.count * 100)
            values[offset] = value
            return .vault(offset: offset, commitment: Array(repeating: UInt8(values.count), count: Commitment.length))
        }

        func string(_ number: UInt64) throws -> String { strings[Int(number)] }
        func subject(_ number: UInt64) throws -> (id: SubjectID, commitment: [UInt8]) { subjects[Int(number)] }
        func value(_ stored: StoredValue) throws -> PersonalValue {
            guard case .vault(let offset, _) = stored else { return .erased }
            return values[offset] ?? .erased
        }
    }

    @Test(arguments: [0, 1, 127, 128, 16_383, 16_384, UInt64(UInt32.max), UInt64.max - 1, UInt64.max])
    func varintsRoundTrip(value: UInt64) throws {
        var writer = ByteWriter()
        writer.varint(value)
        var reader = ByteReader(writer.bytes)
        #expect(try reader.varint() == value)
        #expect(reader.isAtEnd)
    }

    @Test(arguments: [0, 1, -1, 63, -64, Int64.max, Int64.min])
    func zigzagRoundTrips(value: Int64) throws {
        var writer = ByteWriter()
        writer.zigzag(value)
        var reader = ByteReader(writer.bytes)
        #expect(try reader.zigzag() == value)
    }

    /// A string length that reaches past the end once its own bytes are read is refused, never
    /// read past the end (found by the batch fuzz target).
    @Test(arguments: [[0x02, 0x41], [0x03, 0x41, 0x42], [0x81, 0x01] + [UInt8](repeating: 0x41, count: 128)])
    func aStringLengthPastTheEndIsTruncated(_ bytes: [UInt8]) {
        var reader = ByteReader(bytes)
        #expect(throws: CodecError.truncated) { _ = try reader.string() }
    }

    @Test func overlongVarintsAreRejected() {
        var reader = ByteReader([UInt8](repeating: 0xFF, count: 11) + [0x01])
        #expect(throws: CodecError.self) { try reader.varint() }
    }

    @Test(arguments: [
        Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_764_000_000.123),
        Date(timeIntervalSince1970: -86_400.5), Date(timeIntervalSince1970: 1_764_000_000.1234567),
        Date.distantPast, Date.distantFuture, Date(timeIntervalSinceReferenceDate: 0.1),
    ])
    func datesRoundTripExactly(date: Date) throws {
        var writer = ByteWriter()
        writer.date(date)
        var reader = ByteReader(writer.bytes)
        #expect(try reader.date() == date)
    }

    @Test func millisecondDatesTakeSixBytes() {
        var writer = ByteWriter()
        writer.date(Date(timeIntervalSince1970: 1_764_000_000.123))
        #expect(writer.count == 6)
    }

    @Test func everyKindOfFactRoundTripsWithTheSameCanonicalEncoding() throws {
        var generator = SplitMix(seed: 5)
        let tables = Tables()
        var kinds: Set<FactKind> = []
        for sequence in 1...400 {
            let draft = FileStoreTesting.randomFact(using: &generator, subjects: ["customer:1", "customer:2", "b2b:9"])
            kinds.insert(draft.body.kind)
            var encoder = FactRecordEncoder(context: tables, sequence: UInt64(sequence))
            encoder.encode(draft)
            let bytes = encoder.record.bytes
            var decoder = FactRecordDecoder(
                context: tables, bytes: bytes, from: 0, to: bytes.count, canonicalFor: UInt64(sequence))
            #expect(try decoder.decode() == draft)
            #expect(decoder.canonicalBytes == encoder.canonical.bytes)
            // The record never holds a subject identifier or a value in clear.
            for text in draft.body.subjects.map(\.rawValue) + draft.body.personalValues.compactMap(\.revealed) {
                #expect(!String(decoding: bytes, as: UTF8.self).contains(text))
            }
        }
        #expect(kinds == Set(FactKind.allCases))
    }

    @Test func everyTruncatedRecordFailsToDecodeWithoutCrashing() throws {
        var generator = SplitMix(seed: 8)
        let tables = Tables()
        for sequence in 1...60 {
            let draft = FileStoreTesting.randomFact(using: &generator, subjects: ["customer:1"])
            var encoder = FactRecordEncoder(context: tables, sequence: UInt64(sequence))
            encoder.encode(draft)
            let bytes = encoder.record.bytes
            for cut in 0..<bytes.count {
                var decoder = FactRecordDecoder(context: tables, bytes: bytes, from: 0, to: cut, canonicalFor: nil)
                #expect(throws: (any Error).self) { try decoder.decode() }
            }
        }
    }

    @Test func theCanonicalEncodingCoversCommitmentsNotValues() {
        let tables = Tables()
        let fact = FileStoreTesting.holding("customer:1", value: "secret-value")
        var first = FactRecordEncoder(context: tables, sequence: 1)
        first.encode(fact)
        #expect(!String(decoding: first.canonical.bytes, as: UTF8.self).contains("secret-value"))
        #expect(!String(decoding: first.canonical.bytes, as: UTF8.self).contains("customer:1"))
        // Another sequence number is another canonical encoding, so another chain link.
        var second = FactRecordEncoder(context: tables, sequence: 2)
        second.encode(fact)
        #expect(first.canonical.bytes != second.canonical.bytes)
    }

    @Test func aTypicalHoldingRecordIsSmall() {
        let tables = Tables()
        for warmup in 0..<3 {
            var encoder = FactRecordEncoder(context: tables, sequence: UInt64(warmup + 1))
            encoder.encode(FileStoreTesting.holding("customer:\(warmup)"))
        }
        var encoder = FactRecordEncoder(context: tables, sequence: 4)
        encoder.encode(FileStoreTesting.holding("customer:1", value: "kari@example.no"))
        // 6 date + 1 actor + 1 tag + 1 subject + 4 vocabulary + 1 condition + 1 source
        // + 1 reference + (1 offset + 16 commitment).
        #expect(encoder.record.count <= 36)
    }
}
