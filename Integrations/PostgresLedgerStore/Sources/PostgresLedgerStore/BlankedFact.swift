import Foundation
import PersonalDataLedger

/// A fact as the `facts` table keeps it: JSON with every personal value and subject identifier
/// blanked, and the blanked fields listed in traversal order so they can be filled back in.
///
/// Fields are numbered in the order of `Fact.Body.mappingPersonalData(values:subjects:)`:
/// values count `0, 1, …` and subjects count `0, 1, …` separately.
struct BlankedFact {
    /// The JSON of the fact with personal fields blanked (no personal value or identifier in it).
    var json: [UInt8]
    /// The values in value-field order; `nil` for a value that arrived already erased.
    var values: [String?]
    /// The subject identifiers in subject-field order.
    var subjects: [SubjectID]

    init(_ fact: NewFact) throws {
        var values: [String?] = []
        var subjects: [SubjectID] = []
        let blanked = fact.body.mappingPersonalData(
            values: { value in
                values.append(value.revealed)
                return .erased
            },
            subjects: { subject in
                subjects.append(subject)
                return .erased
            })
        json = Array(try Self.encoder.encode(NewFact(recordedAt: fact.recordedAt, actor: fact.actor, body: blanked)))
        self.values = values
        self.subjects = subjects
    }

    /// The fact numbered `sequence` from its blanked JSON, with each value field filled from
    /// `values` (absent: erased) and each subject field from `subjects` (absent: erased).
    static func fill(
        _ json: [UInt8], sequence: UInt64, values: [Int: String], subjects: [Int: SubjectID]
    ) throws -> Fact {
        let draft = try decoder.decode(NewFact.self, from: Data(json))
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

    /// The blanked draft itself, for rebuilding the canonical encoding from stored commitments.
    static func blankedDraft(_ json: [UInt8]) throws -> NewFact {
        try decoder.decode(NewFact.self, from: Data(json))
    }

    // Dates keep every bit (the chain covers them), keys are sorted so the bytes are stable.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSinceReferenceDate.bitPattern)
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let bits = try decoder.singleValueContainer().decode(UInt64.self)
            return Date(timeIntervalSinceReferenceDate: Double(bitPattern: bits))
        }
        return decoder
    }()
}
