import Foundation
import PersonalDataLedger

/// A fact as the `facts` table keeps it: its ``BlankedFactEncoding`` with every personal value
/// and subject identifier blanked, and the blanked fields listed in traversal order so they can
/// be filled back in. Rows written before that encoding hold the blanked fact as JSON (their first
/// byte is `{`); they are read as they are.
///
/// Fields are numbered in the order of `Fact.Body.mappingPersonalData(values:subjects:)`:
/// values count `0, 1, …` and subjects count `0, 1, …` separately.
struct BlankedFact {
    /// The fact's body with personal fields blanked (no personal value or identifier in it).
    var body: [UInt8]
    /// The values in value-field order; `nil` for a value that arrived already erased.
    var values: [String?]
    /// The subject identifiers in subject-field order.
    var subjects: [SubjectID]

    init(_ fact: NewFact) throws {
        var values: [String?] = []
        var subjects: [SubjectID] = []
        _ = fact.body.mappingPersonalData(
            values: { value in
                values.append(value.revealed)
                return .erased
            },
            subjects: { subject in
                subjects.append(subject)
                return .erased
            })
        body = BlankedFactEncoding.encode(fact)
        self.values = values
        self.subjects = subjects
    }

    /// The fact numbered `sequence` from its blanked body, with each value field filled from
    /// `values` (absent: erased) and each subject field from `subjects` (absent: erased).
    static func fill(
        _ body: [UInt8], sequence: UInt64, values: [Int: String], subjects: [Int: SubjectID]
    ) throws -> Fact {
        let draft = try blankedDraft(body)
        var valueField = 0
        var subjectField = 0
        let body = draft.body.mappingPersonalData(
            values: { _ in
                defer { valueField += 1 }
                return values[valueField].map(PersonalValue.init) ?? .erased
            },
            subjects: { _ in
                defer { subjectField += 1 }
                return subjects[subjectField] ?? .erased
            })
        return Fact(sequence: sequence, recordedAt: draft.recordedAt, actor: draft.actor, body: body)
    }

    /// The blanked fact a body holds, in either form: for filling, and for rebuilding the
    /// canonical encoding from stored commitments.
    static func blankedDraft(_ body: [UInt8]) throws -> NewFact {
        guard body.first == UInt8(ascii: "{") else { return try BlankedFactEncoding.decode(body) }
        return try decoder.decode(NewFact.self, from: Data(body))
    }

    // The JSON of earlier rows: dates as the bits of their `timeIntervalSinceReferenceDate`.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let bits = try decoder.singleValueContainer().decode(UInt64.self)
            return Date(timeIntervalSinceReferenceDate: Double(bitPattern: bits))
        }
        return decoder
    }()
}
