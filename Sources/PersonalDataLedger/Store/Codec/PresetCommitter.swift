/// A ``FactCommitter`` that commits a fact's personal fields as given — by salt where they are
/// live, by commitment where they are erased — so a store appending an imported fact rebuilds the
/// chain of the store it came from.
///
/// It checks each field against the fact as it encodes it: a salt for a field that reads as
/// erased, a bare commitment for one that does not, a wrong length, or a count of fields other than
/// the fact's is a ``mismatch``. A store refuses the append then, before anything is written.
///
/// ```swift
/// var committer = PresetCommitter(fields)
/// let canonical = FactChain.canonicalEncoding(of: draft, sequence: next, committer: &committer)
/// guard committer.isComplete else { throw … committer.mismatch … }
/// // committer.salts: the salt of each field, nil where it is erased — keep them with the values
/// ```
public struct PresetCommitter: FactCommitter {
    /// The fields as given.
    public let fields: [FieldCommitment]
    /// The salt of each field asked for so far, in order; `nil` for an erased field.
    public private(set) var salts: [[UInt8]?] = []
    /// The commitment of each field asked for so far, in order; `nil` for a value erased before
    /// it was recorded.
    public private(set) var commitments: [[UInt8]?] = []
    /// The first field that does not fit the fact, in words that name no value; `nil` while all fit.
    public private(set) var mismatch: String?

    /// A committer that hands out `fields` in order.
    public init(_ fields: [FieldCommitment]) { self.fields = fields }

    /// Whether every field fitted and every given field was used.
    public var isComplete: Bool { mismatch == nil && salts.count == fields.count }

    /// The reason the fields do not fit the fact: ``mismatch``, or a count of fields other than
    /// the fact's.
    public var refusal: String? {
        if let mismatch { return mismatch }
        if salts.count != fields.count {
            return "\(fields.count) field commitments were given for a fact with \(salts.count) personal fields."
        }
        return nil
    }

    public mutating func commitment(forSubject subject: SubjectID) -> [UInt8] {
        let commitment = subjectCommitment(subject)
        commitments.append(commitment)
        return commitment
    }

    public mutating func commitment(forValue value: PersonalValue) -> [UInt8]? {
        let commitment = valueCommitment(value)
        commitments.append(commitment)
        return commitment
    }

    private mutating func subjectCommitment(_ subject: SubjectID) -> [UInt8] {
        let number = salts.count + 1
        let zero = [UInt8](repeating: 0, count: Commitment.length)
        guard let field = next() else { return zero }
        switch field {
        case .salted(let salt):
            // A salt for `(erased)` is the placeholder itself, committed as an identifier: what an
            // import into a new chain records for an identifier erased in its source.
            guard salt.count == Commitment.saltLength else {
                return fail(number, "gives a salt of \(salt.count) bytes; a salt is \(Commitment.saltLength)", zero)
            }
            salts.append(salt)
            return Commitment.commit(subject.rawValue, salt: salt, domain: Commitment.subjectDomain)
        case .erased(let commitment):
            guard subject == .erased else {
                return fail(number, "gives only a commitment for a subject identifier the fact still names", zero)
            }
            guard commitment.count == Commitment.length else {
                return fail(
                    number, "gives a commitment of \(commitment.count) bytes; a commitment is \(Commitment.length)",
                    zero)
            }
            salts.append(nil)
            return commitment
        case .erasedBeforeRecording:
            return fail(number, "is a subject identifier, which always has a commitment", zero)
        }
    }

    private mutating func valueCommitment(_ value: PersonalValue) -> [UInt8]? {
        let number = salts.count + 1
        guard let field = next() else { return nil }
        switch field {
        case .salted(let salt):
            guard let text = value.revealed else {
                return fail(number, "gives a salt for a value the fact shows as erased", nil)
            }
            guard salt.count == Commitment.saltLength else {
                return fail(number, "gives a salt of \(salt.count) bytes; a salt is \(Commitment.saltLength)", nil)
            }
            salts.append(salt)
            return Commitment.commit(text, salt: salt, domain: Commitment.valueDomain)
        case .erased(let commitment):
            guard value.revealed == nil else {
                return fail(number, "gives only a commitment for a value the fact still holds", nil)
            }
            guard commitment.count == Commitment.length else {
                return fail(
                    number, "gives a commitment of \(commitment.count) bytes; a commitment is \(Commitment.length)",
                    nil)
            }
            salts.append(nil)
            return commitment
        case .erasedBeforeRecording:
            guard value.revealed == nil else {
                return fail(number, "says the value was erased before it was recorded, but the fact holds it", nil)
            }
            salts.append(nil)
            return nil
        }
    }

    private mutating func next() -> FieldCommitment? {
        guard salts.count < fields.count else {
            if mismatch == nil {
                mismatch = "The fact has more personal fields than the \(fields.count) field commitments given."
            }
            salts.append(nil)
            return nil
        }
        return fields[salts.count]
    }

    private mutating func fail<T>(_ number: Int, _ problem: String, _ result: T) -> T {
        if mismatch == nil { mismatch = "Field commitment \(number) \(problem)." }
        salts.append(nil)
        return result
    }
}
