import PersonalDataLedger

/// One fact of an append with given commitments (``PostgresLedgerStore/append(_:committedAs:)``):
/// its canonical encoding, the commitments as the `facts` table stores them, and the salts the
/// vault keeps beside its values.
struct GivenSalts {
    let canonical: [UInt8]
    /// `0x01` and a commitment, or `0x00` for a value that arrived erased, per field.
    let encoded: [UInt8]
    /// The salt of each value field, in value-field order; `nil` where the value is erased.
    let valueSalts: [[UInt8]?]

    /// Checks `fields` against `draft` and against the salts the subjects' rows hold.
    init(_ draft: NewFact, fields: [FieldCommitment], sequence: UInt64, subjects: SubjectRows) throws {
        var committer = PresetCommitter(fields)
        canonical = FactChain.canonicalEncoding(of: draft, sequence: sequence, committer: &committer)
        if let refusal = committer.refusal {
            throw LedgerStoreError.invalidRequest("Fact \(sequence): \(refusal) Nothing of the batch was appended.")
        }
        let domains = FactChain.fieldDomains(of: draft)
        var named = Self.subjectFields(of: draft).makeIterator()
        var encoded: [UInt8] = []
        var valueSalts: [[UInt8]?] = []
        for (index, domain) in domains.enumerated() {
            let salt = committer.salts[index]
            if let commitment = committer.commitments[index] {
                encoded += [1] + commitment
            } else {
                encoded.append(0)
            }
            switch domain {
            case .subject:
                let subject = named.next()
                if let subject, subject != .erased, let salt, let row = subjects[subject], row.salt != salt {
                    throw LedgerStoreError.invalidRequest(
                        "Fact \(sequence): a subject identifier the store holds is given another salt than the store keeps for it. Nothing of the batch was appended."
                    )
                }
            case .value:
                valueSalts.append(salt)
            }
        }
        self.encoded = encoded
        self.valueSalts = valueSalts
    }

    /// The salt given for each live subject the batches name, checked to be one per subject.
    static func subjects(of batches: [GroupCommitter.Batch]) throws -> [SubjectID: [UInt8]] {
        var salts: [SubjectID: [UInt8]] = [:]
        for batch in batches {
            guard let fields = batch.fields else { continue }
            for (draft, given) in zip(batch.facts, fields) {
                var committer = PresetCommitter(given)
                _ = FactChain.canonicalEncoding(of: draft, sequence: 0, committer: &committer)
                guard committer.refusal == nil else { continue }  // refused with its reason by init
                var named = Self.subjectFields(of: draft).makeIterator()
                for (domain, salt) in zip(FactChain.fieldDomains(of: draft), committer.salts) where domain == .subject {
                    guard let subject = named.next(), subject != .erased, let salt else { continue }
                    if let known = salts[subject], known != salt {
                        throw LedgerStoreError.invalidRequest(
                            "One subject identifier is given two different salts in one batch. Nothing of the batch was appended."
                        )
                    }
                    salts[subject] = salt
                }
            }
        }
        return salts
    }

    /// The subject fields of `draft` in encoding order, erased ones included (``Fact/Body/subjects``
    /// leaves out the erased subject of a request).
    static func subjectFields(of draft: NewFact) -> [SubjectID] {
        var subjects: [SubjectID] = []
        _ = draft.body.mappingPersonalData(
            values: { $0 },
            subjects: { subject in
                subjects.append(subject)
                return subject
            })
        return subjects
    }
}
