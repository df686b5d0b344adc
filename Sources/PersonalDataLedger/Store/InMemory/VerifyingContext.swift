/// The encoding context `verify` re-encodes a stored fact with: it hands the encoder the stored
/// commitments, and checks every field whose salt is still there against the fact's current text.
struct VerifyingContext: FactEncodingContext {
    let fields: [CommittedField]
    private(set) var next = 0
    /// False once a field did not match its commitment, or the fact has other fields than stored.
    private(set) var isIntact = true

    init(fields: [CommittedField]) { self.fields = fields }

    var consumedEveryField: Bool { next == fields.count }

    mutating func intern(_ text: String) -> UInt64 { 0 }

    mutating func subject(_ id: SubjectID) -> (number: UInt64, commitment: [UInt8]) {
        guard let field = nextField(), field.subject != nil, let commitment = field.commitment else {
            isIntact = false
            return (0, [])
        }
        if let salt = field.salt {
            if Commitment.commit(id.rawValue, salt: salt, domain: Commitment.subjectDomain) != commitment {
                isIntact = false
            }
        } else if id != .erased {
            isIntact = false
        }
        return (0, commitment)
    }

    mutating func value(_ value: PersonalValue) -> StoredValue {
        guard let field = nextField(), field.subject == nil else {
            isIntact = false
            return .erasedAtAppend
        }
        guard let commitment = field.commitment else {
            if value.revealed != nil { isIntact = false }
            return .erasedAtAppend
        }
        if let salt = field.salt {
            if value.revealed.map({ Commitment.commit($0, salt: salt, domain: Commitment.valueDomain) })
                != commitment
            {
                isIntact = false
            }
        } else if value.revealed != nil {
            isIntact = false
        }
        return .vault(offset: UInt64(next - 1), commitment: commitment)
    }

    private mutating func nextField() -> CommittedField? {
        guard next < fields.count else { return nil }
        defer { next += 1 }
        return fields[next]
    }
}
