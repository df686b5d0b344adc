/// An error number a system call returned, as a typed value.
///
/// Modelled on swift-system's `Errno`: callers match on the static members instead of comparing
/// raw integers, and the description names the constant, never a path or a value.
struct Errno: RawRepresentable, Error, Hashable, Sendable, CustomStringConvertible {
    let rawValue: Int32

    init(rawValue: Int32) { self.rawValue = rawValue }

    /// The thread's current `errno`.
    static var current: Errno { Errno(rawValue: system_errno()) }

    static let interrupted = Errno(rawValue: _EINTR)
    static let noSpace = Errno(rawValue: _ENOSPC)
    static let ioError = Errno(rawValue: _EIO)
    static let wouldBlock = Errno(rawValue: _EWOULDBLOCK)
    static let noSuchFile = Errno(rawValue: _ENOENT)
    static let fileExists = Errno(rawValue: _EEXIST)
    static let badDescriptor = Errno(rawValue: _EBADF)
    static let invalidArgument = Errno(rawValue: _EINVAL)
    /// What `open(2)` with `O_NOFOLLOW` answers when the name is a symbolic link.
    static let symbolicLink = Errno(rawValue: _ELOOP)
    static let notSupported = Errno(rawValue: _EOPNOTSUPP)
    static let notPermitted = Errno(rawValue: _EPERM)

    var description: String {
        let names: [Int32: String] = [
            _EINTR: "EINTR", _ENOSPC: "ENOSPC", _EIO: "EIO", _EWOULDBLOCK: "EWOULDBLOCK",
            _ENOENT: "ENOENT", _EEXIST: "EEXIST", _EBADF: "EBADF", _EINVAL: "EINVAL", _EACCES: "EACCES",
            _EPERM: "EPERM", _EROFS: "EROFS", _EDQUOT: "EDQUOT", _ENOTDIR: "ENOTDIR", _EISDIR: "EISDIR",
            _ELOOP: "ELOOP", _EOPNOTSUPP: "EOPNOTSUPP",
        ]
        return "\(names[rawValue] ?? "errno \(rawValue)") (\(system_strerror(rawValue)))"
    }
}
