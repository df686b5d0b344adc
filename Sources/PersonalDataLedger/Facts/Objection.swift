/// A fact: a person objected to processing for a purpose (GDPR Art. 21), or withdrew the objection.
///
/// An objection to direct marketing is absolute (Art. 21(3)).
public struct Objection: Hashable, Sendable, Codable {
    /// Who objected.
    public var subject: SubjectID
    /// To which purpose.
    public var purpose: Purpose
    /// Whether this withdraws an earlier objection.
    public var isWithdrawn: Bool

    /// Creates an objection.
    public init(subject: SubjectID, purpose: Purpose, isWithdrawn: Bool = false) {
        self.subject = subject
        self.purpose = purpose
        self.isWithdrawn = isWithdrawn
    }
}
