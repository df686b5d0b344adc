/// A fact: processing of a person's data was restricted (GDPR Art. 18), or the restriction lifted.
///
/// While restricted, the data may be stored but not otherwise processed.
public struct Restriction: Hashable, Sendable, Codable {
    /// Whose data.
    public var subject: SubjectID
    /// The purpose restricted; `nil` restricts every purpose.
    public var purpose: Purpose?
    /// Whether this lifts an earlier restriction.
    public var isLifted: Bool

    /// Creates a restriction.
    public init(subject: SubjectID, purpose: Purpose? = nil, isLifted: Bool = false) {
        self.subject = subject
        self.purpose = purpose
        self.isLifted = isLifted
    }
}
