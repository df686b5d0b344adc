/// The system calls the file store makes, as replaceable closures.
///
/// The store never calls the C library for file I/O directly: it goes through one of these, so
/// tests can inject `ENOSPC` on a write, `EIO` on `fdatasync`, short writes and `EINTR` exactly
/// where they want them, and prove the store fails closed or retries as it should. Each closure
/// returns the raw result and sets nothing: a negative result carries the error as `Errno`.
/// ``live`` forwards to the platform wrappers in `Platform.swift`.
struct SystemCalls: Sendable {
    var open: @Sendable (_ path: String, _ flags: Int32, _ mode: UInt32) -> Result<Int32, Errno>
    var close: @Sendable (_ fd: Int32) -> Result<Void, Errno>
    var pread:
        @Sendable (_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, _ offset: Int64) ->
            Result<Int, Errno>
    var pwrite: @Sendable (_ fd: Int32, _ buffer: UnsafeRawBufferPointer, _ offset: Int64) -> Result<Int, Errno>
    var fdatasync: @Sendable (_ fd: Int32) -> Result<Void, Errno>
    var fsync: @Sendable (_ fd: Int32) -> Result<Void, Errno>
    var ftruncate: @Sendable (_ fd: Int32, _ length: Int64) -> Result<Void, Errno>
    var fileSize: @Sendable (_ fd: Int32) -> Result<Int64, Errno>
    var filePermissions: @Sendable (_ fd: Int32) -> Result<UInt32, Errno>
    var flock: @Sendable (_ fd: Int32, _ operation: Int32) -> Result<Void, Errno>
    var rename: @Sendable (_ from: String, _ to: String) -> Result<Void, Errno>
    var link: @Sendable (_ existing: String, _ new: String) -> Result<Void, Errno>
    /// Names an open file that has none (``FileDescriptor/openUnnamed(in:calls:)``).
    var linkOpenFile: @Sendable (_ fd: Int32, _ new: String) -> Result<Void, Errno>
    var unlink: @Sendable (_ path: String) -> Result<Void, Errno>
    var mkdir: @Sendable (_ path: String, _ mode: UInt32) -> Result<Void, Errno>
    var listDirectory: @Sendable (_ path: String) -> Result<[String], Errno>

    /// The real system calls.
    static let live = SystemCalls(
        open: { path, flags, mode in valueOrErrno(system_open(path, flags, mode)) },
        close: { fd in voidOrErrno(system_close(fd)) },
        pread: { fd, buffer, offset in valueOrErrno(system_pread(fd, buffer, offset)) },
        pwrite: { fd, buffer, offset in valueOrErrno(system_pwrite(fd, buffer, offset)) },
        fdatasync: { fd in voidOrErrno(system_fdatasync(fd)) },
        fsync: { fd in voidOrErrno(system_fsync(fd)) },
        ftruncate: { fd, length in voidOrErrno(system_ftruncate(fd, length)) },
        fileSize: { fd in valueOrErrno(system_fileSize(fd)) },
        filePermissions: { fd in valueOrErrno(system_filePermissions(fd)).map { UInt32($0) } },
        flock: { fd, operation in voidOrErrno(system_flock(fd, operation)) },
        rename: { from, to in voidOrErrno(system_rename(from, to)) },
        link: { existing, new in voidOrErrno(system_link(existing, new)) },
        linkOpenFile: { fd, new in voidOrErrno(system_linkOpenFile(fd, new)) },
        unlink: { path in voidOrErrno(system_unlink(path)) },
        mkdir: { path, mode in voidOrErrno(system_mkdir(path, mode)) },
        listDirectory: { path in
            guard let names = system_listDirectory(path) else { return .failure(.current) }
            return .success(names)
        }
    )
}

extension SystemCalls {
    /// Runs `call` again while it fails with `EINTR`.
    ///
    /// This is the one place the store retries an interrupted call: an interrupted call did
    /// nothing, so repeating it is always correct. Every other error is returned to the caller.
    static func retryingOnInterrupt<T>(_ call: () -> Result<T, Errno>) throws(Errno) -> T {
        while true {
            switch call() {
            case .success(let value): return value
            case .failure(let error) where error == .interrupted: continue
            case .failure(let error): throw error
            }
        }
    }
}

/// A C result that is negative on failure, as a value or the thread's `errno`.
private func valueOrErrno<T: BinaryInteger>(_ result: T) -> Result<T, Errno> {
    result < 0 ? .failure(.current) : .success(result)
}

private func voidOrErrno(_ result: Int32) -> Result<Void, Errno> {
    result < 0 ? .failure(.current) : .success(())
}
