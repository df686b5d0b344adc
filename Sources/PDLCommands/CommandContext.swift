import Foundation
import PersonalDataLedger
import Synchronization

/// What a command runs with: the environment, the clock, the store openers of this `pdl`, and the
/// stores it opened, closed when the command ends.
final class CommandContext: Sendable {
    let environment: [String: String]
    let storeOpeners: [LedgerStoreOpener]
    /// Now: `PDL_NOW` when set, else the system clock.
    let clock: LedgerClock
    private let opened = Mutex<[any LedgerStore]>([])

    /// Reads `PDL_NOW` from `environment`; a malformed one is a usage error naming it.
    init(environment: [String: String], storeOpeners: [LedgerStoreOpener]) throws(UsageError) {
        self.environment = environment
        self.storeOpeners = storeOpeners
        clock = try Self.clock(from: environment)
    }

    /// The clock `PDL_NOW` names, or the system's.
    static func clock(from environment: [String: String]) throws(UsageError) -> LedgerClock {
        guard let text = environment["PDL_NOW"], !text.isEmpty else { return .system }
        if let date = try? CommandLineDate.parse(text, option: "PDL_NOW", in: TimeZone(secondsFromGMT: 0)!) {
            return .fixed(date)
        }
        throw UsageError(
            "The environment variable PDL_NOW must be an ISO 8601 instant such as 2026-06-01T09:00:00Z (or a day, "
                + "2026-06-01); unset it to use the system clock.")
    }

    /// The ledger's location: `--store`, else `PDL_STORE`, else `./ledger`.
    func storeLocation(_ arguments: ParsedArguments) -> String {
        if let store = arguments.options["store"] { return store }
        if let store = environment["PDL_STORE"], !store.isEmpty { return store }
        return "./ledger"
    }

    /// Opens the ledger at ``storeLocation(_:)`` with the first store opener that handles it. The
    /// store is closed — the file store's index snapshotted for a fast next open — when the command
    /// ends (see ``closeAll()``).
    ///
    /// A command that only reads opens it `readOnly`: it works beside the service that writes the
    /// ledger (one writer, many readers), creates nothing, and finds no ledger an error.
    ///
    /// The ledger counts with the settings kept in it (`pdl settings`): its default country, time
    /// zone and retention periods; a store that keeps none, or a ledger without saved settings,
    /// uses ``LedgerSettings/defaults``.
    ///
    /// It validates, reads and labels with the catalog kept in the ledger (`pdl catalog`), or
    /// `catalog` when given (`pdl catalog set`, `pdl init --catalog`); a ledger without one is
    /// read with ``Catalog/focusNordic``.
    func openLedger(
        _ arguments: ParsedArguments, actor: ActorID, clock: LedgerClock? = nil, readOnly: Bool = false,
        creating: Bool = false, catalog: Catalog? = nil
    ) async throws -> Ledger {
        let (store, key) = try await openStore(arguments, readOnly: readOnly, creating: creating)
        let settings = try await (store as? any LedgerSettingsStore)?.loadSettings() ?? .defaults
        let kept: Catalog
        if let catalog { kept = catalog } else { kept = try await Ledger.catalog(keptIn: store) }
        return Ledger(
            store: store, catalog: kept, settings: settings, actor: actor, clock: clock ?? self.clock,
            identifierKey: key)
    }

    /// Opens the store at ``storeLocation(_:)`` with the first store opener that handles it, to be
    /// closed when the command ends.
    func openStore(_ arguments: ParsedArguments, readOnly: Bool, creating: Bool = false) async throws
        -> LedgerStoreOpener.OpenedStore
    {
        let location = storeLocation(arguments)
        guard let opener = storeOpeners.first(where: { $0.handles(location) }) else {
            // Only the scheme: a URL may hold a password.
            let scheme = LedgerStoreOpener.scheme(of: location) ?? "file"
            throw UsageError(
                "This pdl cannot open '\(scheme)' stores; it opens \(storeOpeners.map(\.name).joined(separator: ", "))."
            )
        }
        let access: LedgerStoreOpener.Access = readOnly ? .readOnly : creating ? .create : .readWrite
        let (store, key) = try await opener.open(location: location, access: access)
        opened.withLock { $0.append(store) }
        return (store, key)
    }

    /// Closes every store the command opened, all of them even when one fails, and throws the
    /// first failure. Called once, when the command has finished.
    func closeAll() async throws {
        let stores = opened.withLock { stores in
            defer { stores.removeAll() }
            return stores
        }
        var failure: (any Error)?
        for store in stores {
            do { try await store.close() } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }
}
