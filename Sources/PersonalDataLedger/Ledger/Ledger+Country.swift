extension Ledger {
    /// The country whose law governs what concerns `subject` as a person — the supervisory
    /// authority a letter names, a consent record's jurisdiction: the country of the subject's
    /// earliest holding that names one, else that of a linked identifier, else the ledger's
    /// default ``region``.
    ///
    /// Each holding is governed by its own country first (``Holding/region``), then by this one;
    /// retention, phone numbers and national ID numbers follow the holding's.
    public func country(of subject: SubjectID) async throws -> Region {
        try validator.subject(subject)
        let (_, history) = try await historyFollowingLinks(from: subject)
        return country(of: subject, in: history)
    }

    /// The country of `subject` in its (link-following) `history`.
    package func country(of subject: SubjectID, in history: SubjectHistory) -> Region {
        history.countries.country(
            of: subject, linked: history.subjects.sorted().filter { $0 != subject }, ledgerDefault: region)
    }

    /// The country whose law governs `holding`, read in its subject's `history`.
    package func country(governing holding: Holding, in history: SubjectHistory) -> Region {
        history.countries.governing(holding, ledgerDefault: region)
    }
}
