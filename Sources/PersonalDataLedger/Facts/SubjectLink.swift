/// A fact: two subject identifiers denote the same person (a webshop customer and a B2B contact).
///
/// Access reports and erasure follow links.
public struct SubjectLink: Hashable, Sendable, Codable {
    /// One identifier.
    public var subject: SubjectID
    /// The other.
    public var linked: SubjectID

    /// Creates a link.
    public init(subject: SubjectID, linked: SubjectID) {
        self.subject = subject
        self.linked = linked
    }
}
