/// A fact: a held value was corrected or completed (GDPR Art. 16).
public struct Rectification: Hashable, Sendable, Codable {
    /// Whose data.
    public var subject: SubjectID
    /// The sequence number of the holding whose value this replaces.
    public var holding: UInt64
    /// The new value.
    public var value: PersonalValue

    /// Creates a rectification.
    public init(subject: SubjectID, holding: UInt64, value: PersonalValue) {
        self.subject = subject
        self.holding = holding
        self.value = value
    }
}
