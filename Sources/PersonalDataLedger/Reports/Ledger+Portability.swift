extension Ledger {
    /// The person's portable copy (GDPR Art. 20): the access report with every value shown in
    /// full, whose JSON form (``AccessReport/jsonData()``, schema `pdl.access-report`) is
    /// structured, commonly used and machine-readable.
    ///
    /// It covers all data held about the person — more than Art. 20 strictly requires (data the
    /// person provided, held under consent or contract) — since giving more is allowed and one
    /// documented schema serves both rights. Producing it is recorded like any access report.
    public func issuePortableCopy(of subject: SubjectID, requestedBy: ActorID) async throws -> AccessReport {
        try await issueReport(for: subject, requestedBy: requestedBy, revealing: true)
    }
}
