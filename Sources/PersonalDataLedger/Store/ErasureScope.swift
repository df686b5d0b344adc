/// What a store erases: some or all personal values of one subject, and perhaps the identifier.
public struct ErasureScope: Hashable, Sendable, Codable {
    /// Whose data.
    public var subject: SubjectID
    /// The sequence numbers of the facts (holdings, rectifications) whose values are erased.
    public var values: Set<UInt64>
    /// Whether the subject identifier is erased too, from every fact that names it.
    public var erasesIdentifier: Bool

    /// Creates an erasure scope.
    public init(subject: SubjectID, values: Set<UInt64>, erasesIdentifier: Bool) {
        self.subject = subject
        self.values = values
        self.erasesIdentifier = erasesIdentifier
    }
}
