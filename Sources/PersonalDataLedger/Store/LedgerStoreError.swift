/// A store could not do what it was asked; the message says why and what to do.
///
/// Messages name files, offsets, sequence numbers and process ids — never a personal value.
/// Match on ``code``; new codes may be added without breaking callers.
public struct LedgerStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Internal: String, Hashable, Sendable {
            case failedClosed, corrupted, locked, io, integrityViolation, readOnly
            case unsupportedFormat, invalidRequest, closed, conflict
        }

        private let value: Internal

        /// An earlier write or sync failed; the store acknowledges nothing more. Reopen it.
        public static var failedClosed: Self { .init(value: .failedClosed) }
        /// Stored data is damaged where it cannot be repaired safely.
        public static var corrupted: Self { .init(value: .corrupted) }
        /// Another process holds the store open for writing.
        public static var locked: Self { .init(value: .locked) }
        /// A system call failed.
        public static var io: Self { .init(value: .io) }
        /// The hash chain does not verify, or does not match a checkpoint.
        public static var integrityViolation: Self { .init(value: .integrityViolation) }
        /// The store was opened read-only and was asked to write.
        public static var readOnly: Self { .init(value: .readOnly) }
        /// The stored data is in a format this version cannot read.
        public static var unsupportedFormat: Self { .init(value: .unsupportedFormat) }
        /// The request itself was malformed (an empty batch, an unknown sequence number).
        public static var invalidRequest: Self { .init(value: .invalidRequest) }
        /// The store was closed.
        public static var closed: Self { .init(value: .closed) }
        /// Another writer changed what the request was prepared from (an erasure whose scope was
        /// resolved before a newer fact about its subject, ``ErasureScope/resolvedThrough``);
        /// nothing was written. Prepare the request again: the ``Ledger`` does.
        public static var conflict: Self { .init(value: .conflict) }

        public var description: String { value.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// What went wrong and what to do about it.
    public let message: String

    /// Creates a store error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// An earlier failure made the store stop acknowledging writes.
    public static func failedClosed(_ message: String) -> Self { .init(.failedClosed, message) }
    /// Stored data is damaged.
    public static func corrupted(_ message: String) -> Self { .init(.corrupted, message) }
    /// The hash chain does not verify.
    public static func integrityViolation(_ message: String) -> Self {
        .init(.integrityViolation, message)
    }
    /// The request was malformed.
    public static func invalidRequest(_ message: String) -> Self { .init(.invalidRequest, message) }
}
