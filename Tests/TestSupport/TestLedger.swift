import Foundation
import PersonalDataLedgerTesting

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore

/// A ledger over an in-memory store with a hand-moved clock and the 2018 policy published.
struct TestLedger {
    let ledger: Ledger
    let store: InMemoryLedgerStore
    let clock: ManualClock

    static let start = Date(timeIntervalSince1970: 1_772_442_000)  // 2026-03-02T09:00:00Z
    static let kari: SubjectID = "customer:10001"

    static func make(catalog: Catalog = .focusNordic) async throws -> TestLedger {
        let store = InMemoryLedgerStore()
        let clock = ManualClock(start)
        let ledger = Ledger(store: store, catalog: catalog, region: .norway, actor: "webshop", clock: clock.ledgerClock)
        try await ledger.publishPolicy(
            version: "2018-05-25", effectiveFrom: start.addingTimeInterval(-86_400), isMajor: true)
        return TestLedger(ledger: ledger, store: store, clock: clock)
    }

    /// Kari's order: name, addresses, phone, email and IP address under contract.
    @discardableResult
    func recordKarisOrder() async throws -> [Fact] {
        try await ledger.record(
            [
                .name("Kari Nordmann"), .billingAddress("Storgata 1, 0155 Oslo"),
                .deliveryAddress("Storgata 1, 0155 Oslo"),
                .phone("+47 912 34 567"), .email("kari.nordmann@example.no"), .ipAddress("203.0.113.42"),
            ],
            about: Self.kari, in: "webshop.orders", for: .customerAccountAndOrders, reference: "order:50017")
    }

    /// Every fact in the store.
    func allFacts() async throws -> [Fact] { try await store.facts(from: 1, limit: .max) }
}
