/// A stored fact with the commitments of its personal fields, as
/// ``LedgerStore/committedFacts(from:limit:)`` reads them: what an export carries so that an
/// import into another store rebuilds the same chain.
public struct CommittedFact: Hashable, Sendable {
    /// The fact as it reads now (erased fields already ``PersonalValue/erased`` and ``SubjectID/erased``).
    public var fact: Fact
    /// Its personal fields in the order the canonical encoding meets them.
    public var fields: [FieldCommitment]

    /// Creates a committed fact.
    public init(fact: Fact, fields: [FieldCommitment]) {
        self.fact = fact
        self.fields = fields
    }
}
