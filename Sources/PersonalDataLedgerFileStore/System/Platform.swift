// The only file in the package that imports the C library. Everything else reaches the system
// through the thin wrappers and constants below, then through the typed layer built on them
// (``FileDescriptor``, ``Errno``, ``SystemCalls``), in the manner of swift-system's
// `Internals/Syscalls.swift` and `Internals/Constants.swift`.
//
// The wrappers return what the C call returns and leave `errno` set; turning that into a typed
// result, and retrying on `EINTR`, happens once, in ``SystemCalls``.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#else
    #error("The file store needs Glibc, Musl or Darwin.")
#endif

// MARK: Constants

var _O_RDONLY: Int32 { O_RDONLY }
var _O_WRONLY: Int32 { O_WRONLY }
var _O_RDWR: Int32 { O_RDWR }
var _O_CREAT: Int32 { O_CREAT }
var _O_TRUNC: Int32 { O_TRUNC }
var _O_EXCL: Int32 { O_EXCL }
var _O_DIRECTORY: Int32 { O_DIRECTORY }
var _O_NOFOLLOW: Int32 { O_NOFOLLOW }
// Linux's `O_NOATIME`, which the Glibc module does not export (it is behind `_GNU_SOURCE`); the
// value of the generic and x86 headers. Elsewhere there is no such flag.
#if os(Linux) && (arch(x86_64) || arch(arm64))
    var _O_NOATIME: Int32 { 0o1_000_000 }
#else
    var _O_NOATIME: Int32 { 0 }
#endif

// Linux's `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), behind `_GNU_SOURCE` like `O_NOATIME`;
// `__O_TMPFILE` has the same value in the generic and x86 headers. Elsewhere a file cannot be
// made without a name.
#if os(Linux) && (arch(x86_64) || arch(arm64))
    var _O_TMPFILE: Int32? { 0o20_000_000 | O_DIRECTORY }
#else
    var _O_TMPFILE: Int32? { nil }
#endif

var _LOCK_EX: Int32 { LOCK_EX }
var _LOCK_NB: Int32 { LOCK_NB }
var _LOCK_UN: Int32 { LOCK_UN }

var _EINTR: Int32 { EINTR }
var _ENOSPC: Int32 { ENOSPC }
var _EIO: Int32 { EIO }
var _EWOULDBLOCK: Int32 { EWOULDBLOCK }
var _ENOENT: Int32 { ENOENT }
var _EEXIST: Int32 { EEXIST }
var _EBADF: Int32 { EBADF }
var _EINVAL: Int32 { EINVAL }
var _EACCES: Int32 { EACCES }
var _EPERM: Int32 { EPERM }
var _EROFS: Int32 { EROFS }
var _EDQUOT: Int32 { EDQUOT }
var _ENOTDIR: Int32 { ENOTDIR }
var _EISDIR: Int32 { EISDIR }
var _ELOOP: Int32 { ELOOP }
var _EOPNOTSUPP: Int32 { EOPNOTSUPP }

// MARK: Error numbers

/// The calling thread's `errno`.
func system_errno() -> Int32 { errno }

/// The C library's text for an error number.
func system_strerror(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "unknown error" }
    return String(cString: text)
}

// MARK: Files

/// `open(2)`, always with `O_CLOEXEC`: a child process must never inherit the store's
/// descriptors (the `LOCK` one would keep the writer lock alive after this process dies).
func system_open(_ path: String, _ flags: Int32, _ mode: UInt32) -> Int32 {
    open(path, flags | O_CLOEXEC, mode_t(mode))
}

func system_close(_ fd: Int32) -> Int32 { close(fd) }

func system_pread(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, _ offset: Int64) -> Int {
    pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
}

func system_pwrite(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, _ offset: Int64) -> Int {
    pwrite(fd, buffer.baseAddress, buffer.count, off_t(offset))
}

/// Makes a file's data durable.
///
/// Linux: `fdatasync(2)`. Darwin: `fsync` only reaches the drive's cache there, so
/// `fcntl(F_FULLFSYNC)` asks the drive to write its cache through; file systems that do not
/// support it (some network and FUSE file systems) answer `ENOTSUP`/`EINVAL`, and then plain
/// `fsync` is the best there is.
func system_fdatasync(_ fd: Int32) -> Int32 {
    #if canImport(Darwin)
        if fcntl(fd, F_FULLFSYNC) == 0 { return 0 }
        let error = errno
        guard error == ENOTSUP || error == EINVAL || error == ENOTTY else { return -1 }
        return fsync(fd)
    #else
        return fdatasync(fd)
    #endif
}

/// Makes a file's data and metadata durable; used on directories, where Darwin's
/// `F_FULLFSYNC` is not defined.
func system_fsync(_ fd: Int32) -> Int32 { fsync(fd) }

func system_ftruncate(_ fd: Int32, _ length: Int64) -> Int32 { ftruncate(fd, off_t(length)) }

/// The file's size from `fstat(2)`, or -1 with `errno` set.
func system_fileSize(_ fd: Int32) -> Int64 {
    var status = stat()
    guard fstat(fd, &status) == 0 else { return -1 }
    return Int64(status.st_size)
}

/// The file's permission bits (`st_mode & 07777`) from `fstat(2)`, or -1 with `errno` set.
func system_filePermissions(_ fd: Int32) -> Int32 {
    var status = stat()
    guard fstat(fd, &status) == 0 else { return -1 }
    return Int32(status.st_mode & 0o7777)
}

/// `flock(2)`: whole-file locks owned by the open file description, not by the process.
func system_flock(_ fd: Int32, _ operation: Int32) -> Int32 { flock(fd, operation) }

// MARK: Names

func system_rename(_ from: String, _ to: String) -> Int32 { rename(from, to) }

func system_link(_ existing: String, _ new: String) -> Int32 { link(existing, new) }

/// Gives the open file `fd`, made without a name (`O_TMPFILE`), the name `new`: `linkat(2)` of
/// its `/proc/self/fd` entry with `AT_SYMLINK_FOLLOW`, as `open(2)` describes (`AT_EMPTY_PATH`
/// would need `CAP_DAC_READ_SEARCH`). Elsewhere `EOPNOTSUPP`.
func system_linkOpenFile(_ fd: Int32, _ new: String) -> Int32 {
    #if os(Linux)
        linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, new, AT_SYMLINK_FOLLOW)
    #else
        errno = EOPNOTSUPP
        return -1
    #endif
}

func system_unlink(_ path: String) -> Int32 { unlink(path) }

func system_mkdir(_ path: String, _ mode: UInt32) -> Int32 { mkdir(path, mode_t(mode)) }

/// The names in a directory, without `.` and `..`; `nil` with `errno` set when it cannot be
/// opened.
func system_listDirectory(_ path: String) -> [String]? {
    guard let directory = opendir(path) else { return nil }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        // `d_name` is a fixed-size C array imported as a tuple (256 bytes on Linux, 1024 on Darwin).
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names
}

// MARK: Memory mappings

/// A shared, read-only mapping of `length` bytes of the file from its start, or `nil`.
func system_mapShared(_ fd: Int32, length: Int) -> UnsafeMutableRawPointer? {
    guard let base = mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0),
        base != UnsafeMutableRawPointer(bitPattern: -1)  // MAP_FAILED, a macro Swift does not import
    else { return nil }
    return base
}

func system_unmap(_ base: UnsafeMutableRawPointer, length: Int) { _ = munmap(base, length) }

// MARK: Processes

func system_getpid() -> Int32 { getpid() }
