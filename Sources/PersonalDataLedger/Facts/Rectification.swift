/// A fact: a held value was corrected or completed (GDPR Art. 16).
public struct Rectification: Hashable, Sendable, Codable {
    /// Whose data.
    public var subject: SubjectID
    /// The sequence number of the holding whose value this replaces.
    public var holding: UInt64
    /// The new value.
    public var value: PersonalValue
    /// A keyed hash of the new value, as ``Holding/lookupToken``: set by the ledger when the
    /// holding's category is an identifier (email, phone, national ID number, bank account), so
    /// the person can be found by the corrected identifier. Personal data: erased with the value.
    public var lookupToken: PersonalValue?

    /// Creates a rectification.
    public init(subject: SubjectID, holding: UInt64, value: PersonalValue, lookupToken: PersonalValue? = nil) {
        self.subject = subject
        self.holding = holding
        self.value = value
        self.lookupToken = lookupToken
    }
}
