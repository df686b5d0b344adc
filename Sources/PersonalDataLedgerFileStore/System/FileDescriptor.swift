/// An open file, owned by the store, whose every call returns or throws a typed ``Errno``.
///
/// A thin wrapper in the style of swift-system's `FileDescriptor`: interrupted calls are retried
/// in one place (``SystemCalls/retryingOnInterrupt(_:)``), short reads and writes are continued
/// until done, and all calls go through an injectable ``SystemCalls`` so faults can be tested.
struct FileDescriptor: Sendable {
    let rawValue: Int32
    let calls: SystemCalls

    /// Opens `path` for `access` with `options`; files it creates get `mode` (0600 for
    /// everything the store makes). The descriptor is never inherited by child processes.
    ///
    /// A file is never opened through a symbolic link (`O_NOFOLLOW`): a link planted where a
    /// ledger file should be fails with ``Errno/symbolicLink`` instead of reading or writing
    /// whatever it points to. Only ``OpenOptions/directory`` opens follow one, so a ledger
    /// directory may itself be reached through a link.
    ///
    /// On Linux, reads through the descriptor leave the file's access time alone (`O_NOATIME`):
    /// checking whether to update it was 2.7% of a report, and nothing reads a ledger file's
    /// access time. Only a file's owner may ask for that; anyone else opens the file without it.
    static func open(
        _ path: String, _ access: AccessMode, options: OpenOptions = [], mode: UInt32 = 0o600,
        calls: SystemCalls
    ) throws(Errno) -> FileDescriptor {
        let flags = access.rawValue | options.rawValue | (options.contains(.directory) ? 0 : _O_NOFOLLOW)
        let fd: Int32
        do {
            fd = try SystemCalls.retryingOnInterrupt { calls.open(path, flags | _O_NOATIME, mode) }
        } catch let error where error == .notPermitted && _O_NOATIME != 0 {
            fd = try SystemCalls.retryingOnInterrupt { calls.open(path, flags, mode) }
        }
        return FileDescriptor(rawValue: fd, calls: calls)
    }

    /// Opens, for writing, a new file in `directory` that has no name (`O_TMPFILE`, mode 0600):
    /// it is gone when closed, unless ``link(as:)`` named it first. `nil` where such a file
    /// cannot be made: off Linux, and on a file system or kernel without them (`EOPNOTSUPP`;
    /// `EISDIR` from kernels before 3.11, which take the flag for `O_DIRECTORY`).
    static func openUnnamed(in directory: String, calls: SystemCalls) throws(Errno) -> FileDescriptor? {
        guard let unnamed = _O_TMPFILE else { return nil }
        do {
            let fd = try SystemCalls.retryingOnInterrupt { calls.open(directory, unnamed | _O_WRONLY, 0o600) }
            return FileDescriptor(rawValue: fd, calls: calls)
        } catch let error where error == .notSupported || error.rawValue == _EISDIR {
            return nil
        }
    }

    /// Gives a file made by ``openUnnamed(in:calls:)`` the name `path`, which must not exist.
    func link(as path: String) throws(Errno) {
        try SystemCalls.retryingOnInterrupt { calls.linkOpenFile(rawValue, path) }
    }

    /// Closes the descriptor. `EINTR` is not retried: on Linux the descriptor is gone either way.
    func close() {
        _ = calls.close(rawValue)
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    func read(count: Int, at offset: Int64) throws(Errno) -> [UInt8] {
        var bytes: [UInt8] = []
        try read(into: &bytes, count: count, at: offset)
        return bytes
    }

    /// Reads up to `count` bytes at `offset` into `bytes`, replacing what it held (in the same
    /// storage when it is large enough: a reader of many records allocates once); fewer only at
    /// the end of the file.
    func read(into bytes: inout [UInt8], count: Int, at offset: Int64) throws(Errno) {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: repeatElement(0, count: count))
        let done = try bytes.withUnsafeMutableBytes { raw in
            Result { () throws(Errno) in try fill(raw, at: offset) }
        }.get()
        if done < count { bytes.removeLast(count - done) }
    }

    /// Runs `body` over up to `count` bytes read at `offset` into a buffer of its own (on the
    /// stack when small), fewer only at the end of the file.
    ///
    /// Reads, not a memory mapping: the kernel maps up to 16 neighbours of every page a mapping
    /// faults in, so random reads through one make the whole file resident in a long-running
    /// process; a `pread` leaves the pages in the page cache, outside the process's memory.
    func withBytes<T>(count: Int, at offset: Int64, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        try withUnsafeTemporaryAllocation(byteCount: max(count, 1), alignment: 16) { buffer in
            let done = try fill(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]), at: offset)
            return try body(UnsafeRawBufferPointer(rebasing: buffer[0..<done]))
        }
    }

    /// Reads into all of `buffer` from `offset`, continuing after short reads; returns how many
    /// bytes it read (fewer only at the end of the file).
    private func fill(_ buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
        var done = 0
        while done < buffer.count {
            let got = try SystemCalls.retryingOnInterrupt {
                calls.pread(rawValue, UnsafeMutableRawBufferPointer(rebasing: buffer[done...]), offset + Int64(done))
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Writes every byte of `bytes` at `offset`, continuing after short writes.
    func write(_ bytes: [UInt8], at offset: Int64) throws(Errno) {
        var done = 0
        while done < bytes.count {
            let wrote = try SystemCalls.retryingOnInterrupt {
                bytes.withUnsafeBytes { raw in
                    calls.pwrite(rawValue, UnsafeRawBufferPointer(rebasing: raw[done...]), offset + Int64(done))
                }
            }
            // A write that makes no progress would loop forever; the disk is as good as full.
            if wrote <= 0 { throw Errno.noSpace }
            done += wrote
        }
    }

    /// Makes the file's data durable (`fdatasync`; `F_FULLFSYNC` on Darwin).
    func dataSync() throws(Errno) {
        try SystemCalls.retryingOnInterrupt { calls.fdatasync(rawValue) }
    }

    /// Makes the file's data and metadata durable (`fsync`); used on directories.
    func sync() throws(Errno) {
        try SystemCalls.retryingOnInterrupt { calls.fsync(rawValue) }
    }

    /// Cuts or extends the file to `length` bytes.
    func truncate(to length: Int64) throws(Errno) {
        try SystemCalls.retryingOnInterrupt { calls.ftruncate(rawValue, length) }
    }

    /// The file's current size in bytes.
    func size() throws(Errno) -> Int64 {
        try SystemCalls.retryingOnInterrupt { calls.fileSize(rawValue) }
    }

    /// The file's permission bits (`st_mode & 07777`).
    func permissions() throws(Errno) -> UInt32 {
        try SystemCalls.retryingOnInterrupt { calls.filePermissions(rawValue) }
    }

    /// Takes an exclusive `flock` without waiting; throws ``Errno/wouldBlock`` when another open
    /// file description holds it.
    ///
    /// `flock`, not `fcntl`: POSIX record locks are dropped when *any* descriptor of the file is
    /// closed in the process, which a library cannot control.
    func lockExclusively() throws(Errno) {
        try SystemCalls.retryingOnInterrupt { calls.flock(rawValue, _LOCK_EX | _LOCK_NB) }
    }

    /// Takes an exclusive `flock`, waiting as long as another open file description holds it.
    func lockWaiting() throws(Errno) {
        try SystemCalls.retryingOnInterrupt { calls.flock(rawValue, _LOCK_EX) }
    }

    /// Releases this descriptor's `flock`.
    func unlock() throws(Errno) {
        try SystemCalls.retryingOnInterrupt { calls.flock(rawValue, _LOCK_UN) }
    }
}
