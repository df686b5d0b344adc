import Foundation
public import Logging
import PDLCommands
public import PersonalDataLedger

/// The ledger a service records into, as its configuration names it — the same way `pdl` names
/// it, so a service and the DPO's `pdl` point at one ledger with the same two settings:
///
/// - the store: `--store LOCATION`, else `PDL_STORE` — a directory (the file store) or a
///   `postgres://USER@HOST:PORT/DATABASE?schema=NAME` URL (one ledger for every service of the
///   company; the password in `PGPASSWORD`, or in the URL);
/// - the key file of a PostgreSQL ledger: `--key-file PATH`, else `PDL_KEY_FILE`. A service never
///   creates it: `pdl init` does, once, and every service and `pdl` use that file. A file ledger
///   keeps its identifier key in its directory and ignores the setting, as `pdl` does.
///
/// ```swift
/// let configuration = ServiceStoreConfiguration(
///     store: options.store, keyFile: options.keyFile, environment: ProcessInfo.processInfo.environment)
/// let opened = try await configuration.open(defaultLocation: "./ledger")
/// let ledger = Ledger(store: opened.store, actor: "webshop", identifierKey: opened.identifierKey)
/// ```
public struct ServiceStoreConfiguration: Sendable {
    /// `--store`, else `PDL_STORE`; `nil` when neither names a store (the service's default applies).
    public let location: String?
    /// `--key-file`, else `PDL_KEY_FILE`; `nil` when neither was given.
    public let keyFile: String?
    /// `PGPASSWORD`: the password when the store URL has none.
    let password: String?

    /// Reads the configuration: the options win over the environment; an empty value counts as
    /// not given.
    ///
    /// - Parameters:
    ///   - store: the service's `--store` option, when given.
    ///   - keyFile: the service's `--key-file` option, when given.
    ///   - environment: the process's environment (`PDL_STORE`, `PDL_KEY_FILE`, `PGPASSWORD`).
    public init(store: String?, keyFile: String?, environment: [String: String]) {
        func given(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        location = given(store) ?? given(environment["PDL_STORE"])
        self.keyFile = given(keyFile) ?? given(environment["PDL_KEY_FILE"])
        password = given(environment["PGPASSWORD"])
    }

    /// Whether the configured store is a PostgreSQL ledger.
    public var isPostgres: Bool {
        ["postgres", "postgresql"].contains(location.flatMap(LedgerStoreOpener.scheme(of:)) ?? "")
    }

    /// Opens the configured store, or the one at `defaultLocation` when none is configured,
    /// creating a file ledger's directory or a PostgreSQL ledger's tables when they do not exist.
    ///
    /// - Returns: the store and the key of its lookup tokens — pass it to `Ledger`, so that
    ///   `pdl find` finds the people the service records.
    /// - Throws: ``LedgerStoreError``: `invalidRequest` for a location that is neither a
    ///   directory nor a `postgres://` URL, or a PostgreSQL ledger without a key file; `io` when
    ///   the server cannot be reached or refuses the login, or the key file does not exist; never
    ///   with a password in its message.
    /// - Parameter observer: who hears each durable write of a file ledger (give the ledger the
    ///   same one); the PostgreSQL store reports none, the ledger's own events are reported all
    ///   the same.
    public func open(
        defaultLocation: String, logger: Logger = Logger(label: "pdl.service-store"),
        observer: (any LedgerObserver)? = nil
    ) async throws -> (store: any LedgerStore, identifierKey: IdentifierKey) {
        let location = self.location ?? defaultLocation
        let postgres = PostgresStoreOpener(keyFile: keyFile, password: password, logger: logger)
        guard let opener = (postgres.openers + [.fileStore(observer: observer)]).first(where: { $0.handles(location) })
        else {
            throw LedgerStoreError(
                .invalidRequest,
                "The store is neither a directory nor a PostgreSQL URL: name a ledger directory, or postgres://USER@HOST:PORT/DATABASE?schema=NAME (in --store or PDL_STORE)."
            )
        }
        let opened = try await opener.open(location: location, access: .create)
        guard let identifierKey = opened.identifierKey else {
            try? await opened.store.close()
            throw LedgerStoreError(
                .io,
                "The ledger's identifier key cannot be read or made: check that the service may write the ledger's directory."
            )
        }
        return (opened.store, identifierKey)
    }
}
