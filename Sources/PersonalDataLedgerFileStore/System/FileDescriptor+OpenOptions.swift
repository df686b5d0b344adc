extension FileDescriptor {
    /// Whether a descriptor reads, writes or both, as `open(2)`'s access flags.
    struct AccessMode: RawRepresentable, Hashable, Sendable {
        let rawValue: Int32

        init(rawValue: Int32) { self.rawValue = rawValue }

        static let readOnly = AccessMode(rawValue: _O_RDONLY)
        static let writeOnly = AccessMode(rawValue: _O_WRONLY)
        static let readWrite = AccessMode(rawValue: _O_RDWR)
    }

    /// How `open(2)` creates or checks the file (`O_CLOEXEC` is always added, and `O_NOFOLLOW`
    /// to every open that is not of a ``directory``).
    struct OpenOptions: OptionSet, Hashable, Sendable {
        let rawValue: Int32

        init(rawValue: Int32) { self.rawValue = rawValue }

        /// Create the file if it does not exist (`O_CREAT`).
        static let create = OpenOptions(rawValue: _O_CREAT)
        /// Cut an existing file to zero bytes (`O_TRUNC`).
        static let truncate = OpenOptions(rawValue: _O_TRUNC)
        /// With ``create``: fail with `EEXIST` if the file exists (`O_EXCL`).
        static let exclusiveCreation = OpenOptions(rawValue: _O_EXCL)
        /// Fail unless the path is a directory (`O_DIRECTORY`).
        static let directory = OpenOptions(rawValue: _O_DIRECTORY)
    }
}
