public import PersonalDataLedger

/// Opens the ledger store a `pdl` command works on, for the locations it handles.
///
/// `pdl` picks the first opener of ``PDLCommandLine/run(_:storeOpeners:environment:)`` whose
/// ``handles(_:)`` accepts the location (`--store`, else `PDL_STORE`, else `./ledger`). The file
/// store's opener, ``fileStore``, handles paths and `file://` URLs; a package with another store
/// builds its own `pdl` with its opener first:
///
/// ```swift
/// let postgres = LedgerStoreOpener(scheme: "postgres") { location, readOnly in
///     let store = try await PostgresLedgerStore.connect(to: location, readOnly: readOnly)
///     return (store, try await store.identifierKey())
/// }
/// exit(await PDLCommandLine.run(arguments, storeOpeners: [postgres, .fileStore]))
/// ```
///
/// A store is closed by `pdl` when the command ends. Errors an opener throws are reported as
/// `pdl` reports every error: a ``LedgerStoreError`` with its message (exit status 3), anything
/// else without details, as they may hold personal data or credentials.
public struct LedgerStoreOpener: Sendable {
    /// What an opener returns: the store, and the key of its lookup tokens when it has one (without
    /// it, reading works and `pdl find` says a key is needed).
    public typealias OpenedStore = (store: any LedgerStore, identifierKey: IdentifierKey?)

    /// How a command opens its store.
    public enum Access: Sendable, Hashable {
        /// The command only reads: create nothing, and find no ledger an error.
        case readOnly
        /// The command writes to a ledger that must exist already: a mistyped location must
        /// fail, not become a new, empty ledger that answers "nothing held".
        case readWrite
        /// `pdl init` and `pdl demo`: create the ledger when it does not exist.
        case create
    }

    /// A short name for messages, such as `file` or `postgres`.
    public let name: String
    private let accepts: @Sendable (String) -> Bool
    private let opens: @Sendable (String, Access) async throws -> OpenedStore

    /// Creates an opener for the locations `handles` accepts.
    ///
    /// - Parameters:
    ///   - name: A short name for messages.
    ///   - handles: Whether this opener opens `location`.
    ///   - open: Opens the store at `location`; `readOnly` for a command that only reads, which
    ///     must then create nothing and find no ledger an error.
    public init(
        name: String, handles: @escaping @Sendable (_ location: String) -> Bool,
        open: @escaping @Sendable (_ location: String, _ readOnly: Bool) async throws -> OpenedStore
    ) {
        self.init(
            name: name, handles: handles, access: { location, access in try await open(location, access == .readOnly) })
    }

    /// Creates an opener that tells the three ways of opening apart (see ``Access``), so that only
    /// `pdl init` and `pdl demo` create a ledger.
    public init(
        name: String, handles: @escaping @Sendable (_ location: String) -> Bool,
        access open: @escaping @Sendable (_ location: String, _ access: Access) async throws -> OpenedStore
    ) {
        self.name = name
        self.accepts = handles
        self.opens = open
    }

    /// Creates an opener for the URLs of one scheme, such as `postgres` for `postgres://host/db`.
    public init(
        scheme: String, open: @escaping @Sendable (_ location: String, _ readOnly: Bool) async throws -> OpenedStore
    ) {
        let lowercased = scheme.lowercased()
        self.init(name: lowercased, handles: { Self.scheme(of: $0) == lowercased }, open: open)
    }

    /// Whether this opener opens `location`.
    public func handles(_ location: String) -> Bool { accepts(location) }

    /// Opens the store at `location`, read-only for commands that only read.
    public func open(location: String, readOnly: Bool) async throws -> OpenedStore {
        try await opens(location, readOnly ? .readOnly : .readWrite)
    }

    /// Opens the store at `location` as `access` says.
    public func open(location: String, access: Access) async throws -> OpenedStore {
        try await opens(location, access)
    }

    /// The lowercased scheme of a URL location, such as `postgres` for `postgres://host/db`; `nil`
    /// for a path.
    public static func scheme(of location: String) -> String? {
        guard let separator = location.range(of: "://") else { return nil }
        let scheme = location[..<separator.lowerBound]
        guard let first = scheme.first, first.isLetter,
            scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
        else { return nil }
        return scheme.lowercased()
    }
}
