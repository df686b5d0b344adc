import PersonalDataLedger
import Glibc

/// An error number a system call returned, as a typed value.
///
/// Modelled on swift-system's `Errno`: callers match on the static members instead of comparing
/// raw integers, and the description names the constant, never a path or a value.
struct Errno: RawRepresentable, Error, Hashable, Sendable, CustomStringConvertible {
    let rawValue: Int32

    init(rawValue: Int32) { self.rawValue = rawValue }

    /// The thread's current `errno`.
    static var current: Errno { Errno(rawValue: errno) }

    static let interrupted = Errno(rawValue: EINTR)
    static let noSpace = Errno(rawValue: ENOSPC)
    static let ioError = Errno(rawValue: EIO)
    static let wouldBlock = Errno(rawValue: EWOULDBLOCK)
    static let noSuchFile = Errno(rawValue: ENOENT)
    static let fileExists = Errno(rawValue: EEXIST)
    static let badDescriptor = Errno(rawValue: EBADF)
    static let invalidArgument = Errno(rawValue: EINVAL)

    var description: String {
        let names: [Int32: String] = [
            EINTR: "EINTR", ENOSPC: "ENOSPC", EIO: "EIO", EWOULDBLOCK: "EWOULDBLOCK",
            ENOENT: "ENOENT", EEXIST: "EEXIST", EBADF: "EBADF", EINVAL: "EINVAL", EACCES: "EACCES",
            EPERM: "EPERM", EROFS: "EROFS", EDQUOT: "EDQUOT", ENOTDIR: "ENOTDIR", EISDIR: "EISDIR",
        ]
        let text = String(cString: strerror(rawValue))
        return "\(names[rawValue] ?? "errno \(rawValue)") (\(text))"
    }
}
