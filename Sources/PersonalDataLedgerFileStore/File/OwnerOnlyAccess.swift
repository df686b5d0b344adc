import PersonalDataLedger

/// The store's files are its owner's alone: a ledger directory group or others can reach, or a
/// file of it — segment, vault, `INDEX`, `CHECKPOINT`, `LOCK`, `settings.json`,
/// `KEY-FINGERPRINT`, identifier key — group or others can read or write, is refused, never used.
/// Open checks the directory and every ledger file in it before it creates or changes anything.
///
/// Refusing rather than repairing: a directory restored with `cp` or unpacked by another user
/// may already have been read, so the operator should look at it before it is trusted again; the
/// message gives the `chmod` that makes it private. What the store creates is private from the
/// start: directories 0700, files 0600.
enum OwnerOnlyAccess {
    /// Refuses the ledger directory at `path` when group or others have any access to it.
    static func checkDirectory(_ fd: FileDescriptor, path: String) throws(LedgerStoreError) {
        let permissions = try self.permissions(of: fd, path)
        guard permissions & 0o077 == 0 else {
            throw LedgerStoreError(
                .io,
                "The ledger directory \(path) is open to group or others (mode \(octal(permissions))); it holds "
                    + "personal data, so the store refuses to use it. Check who may have read it, run "
                    + "'chmod 700 \(path)', and open it again.")
        }
    }

    /// Refuses the file at `path` — any file of the ledger directory — when group or others may
    /// read or write it.
    static func checkFile(_ fd: FileDescriptor, path: String) throws(LedgerStoreError) {
        let permissions = try self.permissions(of: fd, path)
        guard permissions & 0o077 == 0 else {
            throw LedgerStoreError(
                .io,
                "\(path) is readable or writable by group or others (mode \(octal(permissions))); the files "
                    + "of a ledger hold personal data, the key to it or what it is checked against, so the "
                    + "store refuses to use it. Check who may have read it or changed it, run "
                    + "'chmod 600 \(path)', and open it again.")
        }
    }

    private static func permissions(of fd: FileDescriptor, _ path: String) throws(LedgerStoreError) -> UInt32 {
        do { return try fd.permissions() } catch { throw LedgerStoreError.io(error, "reading the mode of", path) }
    }

    private static func octal(_ permissions: UInt32) -> String {
        let digits = String(permissions, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
