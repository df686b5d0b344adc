import PersonalDataLedger

extension LedgerStoreError {
    /// A system call on one of the store's files failed.
    static func io(_ error: any Error, _ action: String, _ file: String) -> LedgerStoreError {
        if let error = error as? Errno, error == .symbolicLink { return symbolicLink(file) }
        return LedgerStoreError(.io, "\(action.prefix(1).uppercased() + action.dropFirst()) \(file) failed: \(error).")
    }

    /// A symbolic link is where a ledger file should be: the store never follows one inside its
    /// directory, so a planted link can neither feed it another file nor make it write elsewhere.
    static func symbolicLink(_ file: String, in directory: String? = nil) -> LedgerStoreError {
        LedgerStoreError(
            .io,
            "\(file)\(directory.map { " in \($0)" } ?? "") is a symbolic link; the store never follows links inside a ledger directory, so it refuses "
                + "to use it. Find out who put it there, replace it with the file itself (from a backup), and "
                + "open the ledger again.")
    }

    /// Opening the file `name` of the ledger directory failed.
    static func opening(_ error: any Error, _ name: String, in directory: String) -> LedgerStoreError {
        if let error = error as? Errno, error == .symbolicLink { return symbolicLink(name, in: directory) }
        return io(error, "opening", name)
    }

    /// A write or sync failed: the store acknowledges nothing more.
    static func failedClosed(after error: any Error, _ action: String, _ file: String) -> LedgerStoreError {
        .failedClosed(
            "\(action.prefix(1).uppercased() + action.dropFirst()) \(file) failed: \(error). The store failed "
                + "closed: the batch was not acknowledged and nothing further will be. Reopen the store to "
                + "recover; what was acknowledged before is safe.")
    }

    /// Stored bytes are damaged at a known place.
    static func corrupted(_ file: String, offset: UInt64, _ what: String) -> LedgerStoreError {
        .corrupted(
            "\(file) is damaged at byte offset \(offset): \(what). The store refuses to open rather than "
                + "guess; restore the directory from a backup, or keep it for inspection.")
    }
}

extension LedgerStoreError {
    /// The ledger's identifier key is gone although the ledger needs it: it recorded the key's
    /// fingerprint, or holds lookup tokens made with it.
    static func identifierKeyMissing(_ path: String) -> LedgerStoreError {
        LedgerStoreError(
            .corrupted,
            "The identifier key \(path) is missing, but this ledger has one: its lookup tokens were made with it, so without it no one could be found by an identifier. Nothing was created or changed. Restore identifier.key from the backup taken with this ledger."
        )
    }
}
