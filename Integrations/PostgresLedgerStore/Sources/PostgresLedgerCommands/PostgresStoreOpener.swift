import Foundation
public import Logging
public import PDLCommands
import PersonalDataLedger
public import PostgresLedgerStore
import PostgresNIO

/// Opens PostgreSQL ledgers for `pdl`: the ``LedgerStoreOpener`` of the `postgres` and
/// `postgresql` schemes, with the ledger's key file.
///
/// Each store gets its own `PostgresClient`, run in a background task for the life of the
/// process. The key file is needed by every command that opens the ledger; `pdl init` creates it
/// (mode 0600) when it does not exist and the schema holds no ledger yet.
public struct PostgresStoreOpener: Sendable {
    /// The key file: `--key-file`, else `PDL_KEY_FILE`; `nil` when neither was given.
    public let keyFile: String?
    /// Whether a missing key file is created (for `pdl init`).
    public let createsKeyFile: Bool
    /// The password when the store URL has none: taken out of the URL by ``PostgresCommandLine``
    /// so no command prints it, or `PGPASSWORD`.
    public let password: String?
    /// How long the first contact with the server may take.
    public let connectTimeout: Duration
    let logger: Logger

    /// Creates an opener.
    ///
    /// - Parameters:
    ///   - keyFile: the ledger's key file, or `nil` when none was given (every open then fails
    ///     with a message saying how to give one).
    ///   - createsKeyFile: create the key file when it is missing — for `pdl init`.
    ///   - password: the password to use when the store URL has none.
    ///   - connectTimeout: how long the first contact with the server may take.
    ///   - logger: where the client and the store log.
    public init(
        keyFile: String?, createsKeyFile: Bool = false, password: String? = nil,
        connectTimeout: Duration = .seconds(15), logger: Logger = Logger(label: "pdl.postgres")
    ) {
        self.keyFile = keyFile
        self.createsKeyFile = createsKeyFile
        self.password = password
        self.connectTimeout = connectTimeout
        self.logger = logger
    }

    /// The openers to pass to ``PDLCommandLine/run(_:storeOpeners:environment:)``.
    public var openers: [LedgerStoreOpener] {
        ["postgres", "postgresql"].map { scheme in
            LedgerStoreOpener(scheme: scheme) { location, readOnly in
                let store = try await self.open(location, readOnly: readOnly)
                return (store: store as any LedgerStore, identifierKey: store.identifierKey)
            }
        }
    }

    /// Opens the ledger at `location`; `readOnly` finds a schema without a ledger an error and
    /// creates nothing.
    ///
    /// - Throws: ``LedgerStoreError``, never with the password in its message.
    public func open(_ location: String, readOnly: Bool) async throws -> PostgresLedgerStore {
        let target = try PostgresStoreLocation(location, password: password)
        guard let keyFile, !keyFile.isEmpty else {
            throw LedgerStoreError(
                .invalidRequest,
                "A PostgreSQL ledger needs its key file: pass --key-file PATH or set PDL_KEY_FILE. For a new ledger, 'pdl init --store \(target) --key-file PATH' creates one (mode 0600); keep it apart from the database's backups."
            )
        }
        let url = URL(filePath: keyFile)
        let missing = !FileManager.default.fileExists(atPath: url.path)
        if missing && !createsKeyFile {
            throw LedgerStoreError(
                .io,
                "The key file \(keyFile) does not exist. Pass the ledger's key file with --key-file (or PDL_KEY_FILE); 'pdl init' creates one for a new ledger."
            )
        }
        // First contact on one connection: a refused login or a missing database is reported
        // at once, where the client's pool would keep retrying.
        let configuration = try target.connectionConfiguration()
        let exists = try await firstContact(target) { [logger] in
            let connection: PostgresConnection
            do {
                connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            } catch {
                throw PostgresLedgerStore.translatedError(error)
            }
            defer { Task { try? await connection.close() } }
            return try await PostgresLedgerStore.ledgerExists(
                connection: connection, schema: target.schema, logger: logger)
        }
        let client = PostgresClient(configuration: target.clientConfiguration, backgroundLogger: logger)
        Task.detached { await client.run() }
        if readOnly && !exists {
            throw LedgerStoreError(
                .io,
                "There is no ledger in \(target). Name the ledger with --store, or create one with 'pdl init --store \(target) --key-file PATH'."
            )
        }
        let key: KeyEncryptionKey
        if missing {
            guard !exists else {
                throw LedgerStoreError(
                    .invalidRequest,
                    "\(target) holds a ledger already, and the key file \(keyFile) does not exist: pass the ledger's own key file with --key-file."
                )
            }
            key = .random()
            try key.write(to: url)
        } else {
            key = try KeyEncryptionKey.load(from: url)
        }
        return try await PostgresLedgerStore.open(
            client: client, keyEncryptionKey: key, schema: target.schema, logger: logger)
    }

    /// Runs the first query, failing with advice when the server does not answer in time (the
    /// client's pool would otherwise keep trying for a minute).
    private func firstContact<T: Sendable>(
        _ target: PostgresStoreLocation, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let timeout = connectTimeout
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw LedgerStoreError(
                    .io,
                    "PostgreSQL at \(target.host):\(target.port) did not answer within \(timeout.components.seconds) s. Check that the server is running and reachable, and the host and port in the store URL."
                )
            }
            return value
        }
    }
}
