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

    /// Takes every erased subject out of the directory's `SUBJECTS`, so that no file shows where
    /// an erased identifier's hash placed it: rewritten without them, or removed when that
    /// cannot be done (the next snapshot writes it again; until then open reads identifiers).
    ///
    /// Runs under the writers' lock, caught up, after the identifiers were overwritten. Returns
    /// whether it removed the file (the next snapshot is then due).
    @discardableResult
    static func removeErasedSubjects(
        from directory: LedgerDirectory, tables: StoreTables
    ) throws(Errno) -> Bool {
        let erased = tables.erasedSubjects
        guard !erased.isEmpty else { return false }
        let hash: SubjectHash?
        do { hash = try SubjectHash.map(in: directory) } catch { hash = nil }
        guard let hash else {
            // Missing, or there but not readable: a damaged file may still list an erased subject.
            if try directory.remove(LedgerDirectory.subjectsName) { try directory.sync() }
            return true
        }
        // It left out every subject erased when it was written: nothing to do.
        guard hash.erasedCount < erased.count else { return false }
        let rewritten: [UInt8]
        do {
            rewritten = try hash.removing(erased) { number in
                guard let id = try tables.subjects.identifier(number) else {
                    throw CodecError.malformed("subject \(number) listed but erased")
                }
                return SubjectHash.key(of: id.rawValue.utf8, capacity: hash.capacity).home
            }
        } catch {
            try directory.remove(LedgerDirectory.subjectsName)
            try directory.sync()
            return true
        }
        // Not synced: a crash that loses the new file leaves the old one, which no longer accounts
        // for every erasure the log records, so the next writer rewrites it (and a file the crash
        // left damaged fails its checksum and is removed). Syncing would not make the old bytes
        // leave the disk any sooner; it would only double the cost of an erasure.
        do { try directory.replace(LedgerDirectory.subjectsName, with: rewritten, durably: false) } catch {
            try? directory.remove(LedgerDirectory.subjectsName + ".tmp")
            try directory.remove(LedgerDirectory.subjectsName)
            try directory.sync()
            return true
        }
        return false
    }

    /// Makes the next close take a snapshot: `INDEX` or `SUBJECTS` was removed, and until a new
    /// one is written every open reads more of the log or of the identities vault.
    func needsSnapshot() {
        state.withLock { $0.isSnapshotDue = true }
    }
}
