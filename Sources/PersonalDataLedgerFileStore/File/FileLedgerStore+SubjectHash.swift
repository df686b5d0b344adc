import PersonalDataLedger

/// Keeping `SUBJECTS` (``SubjectHash``) in step with the snapshot and with erasures.
extension FileLedgerStore {
    /// `SUBJECTS` for `tables`, the tables an `INDEX` was just encoded from: every live subject
    /// placed by its identifier's hash.
    static func encodeSubjectHash(_ tables: StoreTables) throws -> [UInt8] {
        let capacity = SubjectHash.capacity(for: tables.subjects.count)
        var subjects: [SubjectHash.Placed] = []
        subjects.reserveCapacity(tables.subjects.count)
        try tables.subjects.forEachLive { number, id in
            let (home, tag) = SubjectHash.key(of: id.rawValue.utf8, capacity: capacity)
            subjects.append(SubjectHash.Placed(home: home, number: number, tag: tag))
        }
        return SubjectHash.encode(
            entries: SubjectHash.entries(subjects, capacity: capacity), capacity: capacity,
            subjectCount: tables.subjects.count, erasedCount: tables.erasedSubjects.count, count: tables.count,
            head: tables.head)
    }

    /// Removes the directory's `SUBJECTS` when it may list an erased subject, so that no file
    /// shows where an erased identifier's hash placed it; returns whether it removed it.
    ///
    /// Rewriting the table without the subject would cost in proportion to the ledger's subjects
    /// (10 MB at ten million facts), which an erasure must not; removing costs an unlink and a
    /// directory sync. The next snapshot writes it again (``needsSnapshot()``); until then an
    /// open reads the identifiers from the vault instead. Only the header is read: its erased
    /// count says whether the table left out every subject the log has erased.
    ///
    /// `erasedCount` is how many subjects the log has erased. Runs under the writers' lock,
    /// caught up, after the identifiers were overwritten.
    @discardableResult
    static func removeSubjectsListingErased(
        from directory: LedgerDirectory, erasedCount: Int
    ) throws(Errno) -> Bool {
        guard erasedCount > 0 else { return false }
        if let accounted = SubjectHash.erasedCount(in: directory), accounted >= erasedCount { return false }
        guard try directory.remove(LedgerDirectory.subjectsName) else { return false }
        try directory.sync()
        return true
    }

    /// Makes the next close take a snapshot: `INDEX` or `SUBJECTS` was removed, and until a new
    /// one is written every open reads more of the log or of the identities vault.
    func needsSnapshot() {
        state.withLock { $0.isSnapshotDue = true }
    }
}
