/// The encoding context the in-memory store appends with: it commits every personal field the
/// way the file store's `BatchEncoder` does (one salt per subject, one per value, drawn in the
/// same order), so the canonical encoding and the chain come out the same.
///
/// The binary record the encoder also builds is thrown away: strings and subjects are not
/// numbered here.
struct CommittingContext: FactEncodingContext {
    /// The salt and commitment of every subject whose identifier is live.
    var subjects: [SubjectID: (salt: [UInt8], commitment: [UInt8])]
    let salts: SaltSource
    private(set) var fields: [CommittedField] = []

    init(subjects: [SubjectID: (salt: [UInt8], commitment: [UInt8])], salts: SaltSource) {
        self.subjects = subjects
        self.salts = salts
    }

    mutating func intern(_ text: String) -> UInt64 { 0 }

    mutating func subject(_ id: SubjectID) -> (number: UInt64, commitment: [UInt8]) {
        let entry: (salt: [UInt8], commitment: [UInt8])
        if let known = subjects[id] {
            entry = known
        } else {
            let salt = salts.next()
            entry = (salt, Commitment.commit(id.rawValue, salt: salt, domain: Commitment.subjectDomain))
            subjects[id] = entry
        }
        fields.append(CommittedField(subject: id, commitment: entry.commitment, salt: entry.salt))
        return (0, entry.commitment)
    }

    mutating func value(_ value: PersonalValue) -> StoredValue {
        guard let text = value.revealed else {
            fields.append(CommittedField(subject: nil, commitment: nil, salt: nil))
            return .erasedAtAppend
        }
        let salt = salts.next()
        let commitment = Commitment.commit(text, salt: salt, domain: Commitment.valueDomain)
        fields.append(CommittedField(subject: nil, commitment: commitment, salt: salt))
        return .vault(offset: UInt64(fields.count - 1), commitment: commitment)
    }
}
