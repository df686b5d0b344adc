import PersonalDataLedger

/// The exclusive writer lock: `flock` on `LOCK`, with the holder's process id written inside so
/// a refused writer can say who holds it.
///
/// The lock lives as long as the descriptor: the kernel releases it when the process dies, so a
/// crashed writer never leaves a stale lock behind.
struct DirectoryLock: Sendable {
    let descriptor: FileDescriptor

    static func acquire(in directory: LedgerDirectory) throws -> DirectoryLock {
        let path = directory.file(LedgerDirectory.lockName)
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(path, .readWrite, options: .create, calls: directory.calls)
        } catch {
            throw LedgerStoreError.opening(error, LedgerDirectory.lockName, in: directory.path)
        }
        do {
            try fd.lockExclusively()
        } catch let error where error == .wouldBlock {
            let text = (try? fd.read(count: 32, at: 0)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            fd.close()
            let pid = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "unknown"
            throw LedgerStoreError(
                .locked,
                "The ledger at \(directory.path) is locked by process \(pid); only one process may write. "
                    + "Open it read-only, or stop that process.")
        } catch {
            fd.close()
            throw LedgerStoreError.io(error, "locking", LedgerDirectory.lockName)
        }
        do {
            let pid = Array("\(system_getpid())\n".utf8)
            try fd.truncate(to: 0)
            try fd.write(pid, at: 0)
        } catch {
            fd.close()
            throw LedgerStoreError.io(error, "writing the process id to", LedgerDirectory.lockName)
        }
        return DirectoryLock(descriptor: fd)
    }

    func release() { descriptor.close() }
}
