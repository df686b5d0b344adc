import Crypto
public import Foundation
import Logging
public import PersonalDataLedger
public import PostgresNIO
import Synchronization

/// A ``LedgerStore`` on PostgreSQL: one ledger that every service of the company and the data
/// protection officer record into and answer from at once, from any number of processes.
///
/// It keeps every promise the file store keeps:
/// - **One total order.** Facts are numbered 1, 2, 3, … without gaps, under a locked head row, so
///   a reader never sees fact *n + 1* before fact *n* and never skips one that commits later.
/// - **The same hash chain** as every store (``FactChain``): a checkpoint means the same thing
///   here and in a file ledger.
/// - **Group commit.** Appends that arrive while a transaction is in flight share the next one.
///   Each batch carries an id, so a commit whose acknowledgement was lost is not recorded twice
///   when it is retried.
/// - **No plaintext reaches PostgreSQL.** Personal values and subject identifiers are sealed in
///   this process with a per-subject data key (AES-256-GCM); data keys are stored only wrapped by
///   the ``KeyEncryptionKey``, which lives in a file outside the database. Index keys and lookup
///   tokens are keyed hashes. Erasing a subject destroys its data key: what backups and the WAL
///   still hold is ciphertext nobody can open once the key-encryption key it was wrapped under is
///   rotated away (``rotateKeyEncryptionKey(to:)``).
///
/// The caller owns the `PostgresClient` and runs it, as postgres-nio asks:
///
/// ```swift
/// let client = PostgresClient(configuration: configuration)
/// async let run: Void = client.run()
/// let store = try await PostgresLedgerStore.open(
///     client: client, keyEncryptionKey: try .load(from: URL(filePath: "/etc/webshop/ledger.key")))
/// let ledger = Ledger(store: store, catalog: .focusNordic, region: .norway, actor: "webshop")
/// ```
public final class PostgresLedgerStore: LedgerStore {
    let client: PostgresClient
    let schema: Schema
    let keyEncryptionKey: KeyEncryptionKey
    /// The secret behind index keys, stored in the database wrapped by the key-encryption key.
    let indexKeyBytes: [UInt8]
    var indexKey: SymmetricKey { SymmetricKey(data: indexKeyBytes) }
    /// The identifier key adopted from another ledger (``adoptIdentifierKey(bytes:)``), if any.
    let adoptedIdentifierKey: IdentifierKey?
    let logger: Logger
    let committer: GroupCommitter

    /// A seam for tests: runs after a group's transaction committed and before it is
    /// acknowledged, as if the connection dropped there.
    let afterCommit: (@Sendable () throws -> Void)?
    /// How long an append retries when the server cannot be reached.
    let retryPolicy: RetryPolicy

    private init(
        client: PostgresClient, schema: Schema, keyEncryptionKey: KeyEncryptionKey, indexKey: [UInt8],
        identifierKey: IdentifierKey?, logger: Logger, afterCommit: (@Sendable () throws -> Void)?,
        retryPolicy: RetryPolicy
    ) {
        self.adoptedIdentifierKey = identifierKey
        self.retryPolicy = retryPolicy
        self.client = client
        self.schema = schema
        self.keyEncryptionKey = keyEncryptionKey
        self.indexKeyBytes = indexKey
        self.logger = logger
        self.afterCommit = afterCommit
        self.committer = GroupCommitter()
    }

    /// Opens the ledger in `schema`, creating its tables when they do not exist.
    ///
    /// Creation is safe when several services start at once: it runs under a transaction-level
    /// advisory lock. A new ledger records the key-encryption key's ``KeyEncryptionKey/fingerprint``;
    /// an existing one refuses any other key.
    ///
    /// - Parameters:
    ///   - client: a running `PostgresClient`.
    ///   - keyEncryptionKey: the key that wraps every subject's data key.
    ///   - schema: the PostgreSQL schema the ledger's tables live in; `pdl` by default.
    ///   - logger: where the store logs; it never logs a personal value.
    /// - Throws: ``LedgerStoreError`` — `io` when the server cannot be reached or refuses the
    ///   login, `unsupportedFormat` for a schema written by a newer version, `invalidRequest` for a
    ///   key file that is not this ledger's.
    public static func open(
        client: PostgresClient, keyEncryptionKey: KeyEncryptionKey, schema: String = "pdl",
        logger: Logger = Logger(label: "PostgresLedgerStore")
    ) async throws -> PostgresLedgerStore {
        try await open(
            client: client, keyEncryptionKey: keyEncryptionKey, schema: schema, logger: logger, afterCommit: nil)
    }

    static func open(
        client: PostgresClient, keyEncryptionKey: KeyEncryptionKey, schema name: String, logger: Logger,
        afterCommit: (@Sendable () throws -> Void)?, retryPolicy: RetryPolicy = .standard
    ) async throws -> PostgresLedgerStore {
        let schema = try Schema(name)
        let (indexKey, identifierKey) = try await PostgresErrors.translating {
            try await client.withCheckedTransaction(logger: logger) { connection in
                try await connection.run("SELECT pg_advisory_xact_lock(\(schema.advisoryLock))", logger: logger)
                for statement in schema.creation {
                    try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                return try await Self.checkedKeys(
                    connection, schema: schema, keyEncryptionKey: keyEncryptionKey, logger: logger)
            }
        }
        return PostgresLedgerStore(
            client: client, schema: schema, keyEncryptionKey: keyEncryptionKey, indexKey: indexKey,
            identifierKey: identifierKey, logger: logger, afterCommit: afterCommit, retryPolicy: retryPolicy)
    }

    /// Whether `schema` holds a ledger, without creating anything — for a tool that only reads
    /// and must find a missing ledger an error rather than make an empty one.
    ///
    /// - Throws: ``LedgerStoreError`` when the server cannot be reached or refuses the login.
    public static func ledgerExists(
        client: PostgresClient, schema name: String = "pdl", logger: Logger = Logger(label: "PostgresLedgerStore")
    ) async throws -> Bool {
        let schema = try Schema(name)
        return try await PostgresErrors.translating {
            try await client.withConnection {
                try await ledgerExists(connection: $0, schema: schema.name, logger: logger)
            }
        }
    }

    /// Whether `schema` holds a ledger, asked on one connection — a tool's first contact, which
    /// reports a refused login or a missing database at once (a client's pool keeps retrying).
    ///
    /// - Throws: ``LedgerStoreError`` naming the cause and what to do.
    public static func ledgerExists(
        connection: PostgresConnection, schema name: String = "pdl",
        logger: Logger = Logger(label: "PostgresLedgerStore")
    ) async throws -> Bool {
        let schema = try Schema(name)
        return try await PostgresErrors.translating {
            let rows = try await connection.rows(
                "SELECT to_regclass(\(schema.name + ".head")) IS NOT NULL", logger: logger)
            return try rows.first?.decode(Bool.self) ?? false
        }
    }

    /// What postgres-nio threw, as the ``LedgerStoreError`` the store itself would report: the
    /// cause (a SQLSTATE and the server's message, or the client's error code) and what to do —
    /// never a bound value or a password. Errors that are not postgres-nio's pass through.
    public static func translatedError(_ error: any Error) -> any Error { PostgresErrors.translate(any: error) }

    /// The key of the ledger's lookup tokens (``IdentifierKey``), the same in every process that
    /// opens the ledger: pass it to `Ledger(store:…identifierKey:)` so people can be found by
    /// email or national ID number.
    ///
    /// It is derived (HKDF-SHA256) from the ledger's index key, which the database keeps wrapped
    /// by the key-encryption key. So it needs no file of its own, is never stored in clear, and
    /// survives ``rotateKeyEncryptionKey(to:)`` (which wraps the same index key again). A ledger
    /// moved here from another keeps that ledger's key instead, adopted with
    /// ``adoptIdentifierKey(bytes:)`` and stored wrapped beside the index key.
    public var identifierKey: IdentifierKey {
        if let adoptedIdentifierKey { return adoptedIdentifierKey }
        let derived = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: indexKey, info: Array("pdl identifier key v1".utf8),
            outputByteCount: IdentifierKey.byteCount)
        // The length is right by construction.
        return try! IdentifierKey(bytes: derived.withUnsafeBytes { Array($0) })
    }

    /// Checks the schema version and the key's fingerprint, recording both in a new ledger, and
    /// returns the index key (made and stored wrapped on first use) and the adopted identifier key.
    private static func checkedKeys(
        _ connection: PostgresConnection, schema: Schema, keyEncryptionKey: KeyEncryptionKey, logger: Logger
    ) async throws -> ([UInt8], IdentifierKey?) {
        var meta: [String: [UInt8]] = [:]
        try await connection.forEachRow("SELECT name, value FROM \(unescaped: schema.name).meta", logger: logger) {
            let (name, value) = try $0.decode((String, ByteBuffer).self)
            meta[name] = Array(buffer: value)
        }

        if let version = meta["schema_version"].flatMap({ Int(String(decoding: $0, as: UTF8.self)) }),
            version > Schema.version
        {
            throw LedgerStoreError(
                .unsupportedFormat,
                "The ledger in schema '\(schema.name)' has schema version \(version); this version of PostgresLedgerStore reads up to \(Schema.version). Upgrade the services and pdl before using it."
            )
        }
        if let fingerprint = meta["kek_fingerprint"] {
            guard String(decoding: fingerprint, as: UTF8.self) == keyEncryptionKey.fingerprint else {
                throw LedgerStoreError(
                    .invalidRequest,
                    "The key file is not this ledger's: the ledger in schema '\(schema.name)' was keyed with key \(String(decoding: fingerprint, as: UTF8.self)), the file holds key \(keyEncryptionKey.fingerprint). Pass the ledger's own key file."
                )
            }
        }
        if let wrapped = meta["index_key"] {
            guard let bytes = keyEncryptionKey.unwrap(wrapped, context: SubjectSeal.Context.indexKey) else {
                throw LedgerStoreError(
                    .integrityViolation,
                    "The ledger's index key in schema '\(schema.name)' does not open under the key file although its fingerprint matches: the meta table was altered."
                )
            }
            guard let adopted = meta["identifier_key"] else { return (bytes, nil) }
            guard let key = keyEncryptionKey.unwrap(adopted, context: SubjectSeal.Context.identifierKey),
                let identifierKey = try? IdentifierKey(bytes: key)
            else {
                throw LedgerStoreError.integrityViolation(
                    "The ledger's adopted identifier key in schema '\(schema.name)' does not open under the key file: the meta table was altered."
                )
            }
            return (bytes, identifierKey)
        }
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let wrapped = try keyEncryptionKey.wrap(bytes, context: SubjectSeal.Context.indexKey)
        let version = Array(String(Schema.version).utf8)
        let fingerprint = Array(keyEncryptionKey.fingerprint.utf8)
        try await connection.run(
            """
            INSERT INTO \(unescaped: schema.name).meta VALUES
                ('schema_version', \(ByteBuffer(bytes: version))),
                ('kek_fingerprint', \(ByteBuffer(bytes: fingerprint))),
                ('index_key', \(ByteBuffer(bytes: wrapped)))
            """, logger: logger)
        return (bytes, nil)
    }

    /// The keyed hash a store indexes `key` under: no identifier, token or reference in clear.
    func indexToken(_ key: IndexKey) -> [UInt8] {
        let text: String =
            switch key {
            case .subject(let subject): "s\u{0}" + subject.rawValue
            case .accountability(let subject): "a\u{0}" + subject.rawValue
            case .reference(let reference): "r\u{0}" + reference.rawValue
            case .system(let system): "y\u{0}" + system.rawValue
            case .lookup(let token): "l\u{0}" + token
            case .kind(let kind): "k\u{0}" + kind.rawValue
            }
        return Array(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: indexKey))
    }

    /// The keyed hash that names a subject's row in `subjects`.
    func subjectToken(_ subject: SubjectID) -> [UInt8] { indexToken(.subject(subject)) }

    public func integrityHead() async throws -> IntegrityHead {
        try await PostgresErrors.translating {
            let rows = try await client.rows(
                "SELECT count, hash FROM \(unescaped: schema.name).head WHERE id = 1", logger: logger)
            if let row = rows.first {
                let (count, hash) = try row.decode((Int64, ByteBuffer).self)
                return IntegrityHead(count: UInt64(count), hash: Array(buffer: hash).hexString)
            }
            throw LedgerStoreError.corrupted("The head row of schema '\(schema.name)' is missing.")
        }
    }
}

extension Array where Element == UInt8 {
    init(buffer: ByteBuffer) { self = Array(buffer.readableBytesView) }

    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
