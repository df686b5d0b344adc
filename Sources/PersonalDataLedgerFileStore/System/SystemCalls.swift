import PersonalDataLedger
import Glibc

/// The system calls the file store makes, as replaceable closures.
///
/// The store never calls Glibc for file I/O directly: it goes through one of these, so tests can
/// inject `ENOSPC` on a write, `EIO` on `fdatasync`, short writes and `EINTR` exactly where they
/// want them, and prove the store fails closed or retries as it should. Each closure returns the
/// raw result and sets nothing: a negative result carries the error as `Errno`.
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
    var flock: @Sendable (_ fd: Int32, _ operation: Int32) -> Result<Void, Errno>
    var rename: @Sendable (_ from: String, _ to: String) -> Result<Void, Errno>
    var unlink: @Sendable (_ path: String) -> Result<Void, Errno>
    var mkdir: @Sendable (_ path: String, _ mode: UInt32) -> Result<Void, Errno>
    var listDirectory: @Sendable (_ path: String) -> Result<[String], Errno>

    /// The real system calls.
    static let live = SystemCalls(
        open: { path, flags, mode in
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            return fd < 0 ? .failure(.current) : .success(fd)
        },
        close: { fd in Glibc.close(fd) < 0 ? .failure(.current) : .success(()) },
        pread: { fd, buffer, offset in
            let count = Glibc.pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            return count < 0 ? .failure(.current) : .success(count)
        },
        pwrite: { fd, buffer, offset in
            let count = Glibc.pwrite(fd, buffer.baseAddress, buffer.count, off_t(offset))
            return count < 0 ? .failure(.current) : .success(count)
        },
        fdatasync: { fd in Glibc.fdatasync(fd) < 0 ? .failure(.current) : .success(()) },
        fsync: { fd in Glibc.fsync(fd) < 0 ? .failure(.current) : .success(()) },
        ftruncate: { fd, length in
            Glibc.ftruncate(fd, off_t(length)) < 0 ? .failure(.current) : .success(())
        },
        fileSize: { fd in
            var status = stat()
            return fstat(fd, &status) < 0 ? .failure(.current) : .success(Int64(status.st_size))
        },
        flock: { fd, operation in
            lockFile(fd, operation) < 0 ? .failure(.current) : .success(())
        },
        rename: { from, to in Glibc.rename(from, to) < 0 ? .failure(.current) : .success(()) },
        unlink: { path in Glibc.unlink(path) < 0 ? .failure(.current) : .success(()) },
        mkdir: { path, mode in Glibc.mkdir(path, mode) < 0 ? .failure(.current) : .success(()) },
        listDirectory: { path in
            guard let directory = opendir(path) else { return .failure(.current) }
            defer { closedir(directory) }
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                if name != "." && name != ".." { names.append(name) }
            }
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

/// `flock(2)`, named apart because inside ``SystemCalls`` the name is its own property's.
private func lockFile(_ fd: Int32, _ operation: Int32) -> Int32 { flock(fd, operation) }
