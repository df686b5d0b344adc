/// A fact: an access report was produced for a person (accountability, Art. 5(2)).
public struct ReportIssued: Hashable, Sendable, Codable {
    /// Whom the report is about.
    public var subject: SubjectID
    /// Who asked for it.
    public var requestedBy: ActorID

    /// Creates a report-issued fact.
    public init(subject: SubjectID, requestedBy: ActorID) {
        self.subject = subject
        self.requestedBy = requestedBy
    }
}
