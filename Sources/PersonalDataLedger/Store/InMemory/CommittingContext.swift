/// The encoding context the in-memory store appends with: it commits every personal field the
/// way the file store's `BatchEncoder` does (one salt per subject, one per value, drawn in the
/// same order), so the canonical encoding and the chain come out the same.
///
/// With a ``PresetCommitter`` it commits every field as given instead (an import keeping the
/// chain of the store it came from), and notes in ``refusal`` why the given fields do not fit.
///
/// The binary record the encoder also builds is thrown away: strings and subjects are not
/// numbered here.
struct CommittingContext: FactEncodingContext {
    /// The salt and commitment of every subject whose identifier is live.
    var subjects: [SubjectID: (salt: [UInt8], commitment: [UInt8])]
    let salts: SaltSource
    private(set) var fields: [CommittedField] = []
    /// The given commitments, for ``LedgerStore/append(_:committedAs:)``.
    private(set) var preset: PresetCommitter?
    /// Why the given commitments cannot be kept, when they cannot.
    private(set) var storeRefusal: String?

    init(
        subjects: [SubjectID: (salt: [UInt8], commitment: [UInt8])], salts: SaltSource,
        preset: PresetCommitter? = nil
    ) {
        self.subjects = subjects
        self.salts = salts
        self.preset = preset
    }

    /// Why the fact cannot be appended with the given commitments; `nil` when it can (or none were given).
    var refusal: String? { storeRefusal ?? preset?.refusal }

    mutating func intern(_ text: String) -> UInt64 { 0 }

    mutating func subject(_ id: SubjectID) -> (number: UInt64, commitment: [UInt8]) {
        if preset != nil { return presetSubject(id) }
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
        if preset != nil { return presetValue(value) }
        guard let text = value.revealed else {
            fields.append(CommittedField(subject: nil, commitment: nil, salt: nil))
            return .erasedAtAppend
        }
        let salt = salts.next()
        let commitment = Commitment.commit(text, salt: salt, domain: Commitment.valueDomain)
        fields.append(CommittedField(subject: nil, commitment: commitment, salt: salt))
        return .vault(offset: UInt64(fields.count - 1), commitment: commitment)
    }

    private mutating func presetSubject(_ id: SubjectID) -> (number: UInt64, commitment: [UInt8]) {
        let commitment = preset!.commitment(forSubject: id)
        let salt = preset!.salts.last ?? nil
        if let salt {
            if let known = subjects[id], known.salt != salt {
                storeRefusal =
                    storeRefusal
                    ?? "A subject identifier the store holds is given another salt than the store keeps for it."
            }
            subjects[id] = subjects[id] ?? (salt, commitment)
        }
        fields.append(CommittedField(subject: id, commitment: commitment, salt: salt))
        return (0, commitment)
    }

    private mutating func presetValue(_ value: PersonalValue) -> StoredValue {
        let commitment = preset!.commitment(forValue: value)
        let salt = preset!.salts.last ?? nil
        fields.append(CommittedField(subject: nil, commitment: commitment, salt: salt))
        guard let commitment else { return .erasedAtAppend }
        return .vault(offset: UInt64(fields.count - 1), commitment: commitment)
    }
}
