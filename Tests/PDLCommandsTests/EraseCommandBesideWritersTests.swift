import Foundation
import PersonalDataLedger
import Testing

@testable import PDLCommands
@testable import TestSupport

/// `pdl erase` beside a service that records about the same person while the plan is printed.
@Suite struct EraseCommandBesideWritersTests {
    static let kari: SubjectID = "customer:10001"
    static let now = Date(timeIntervalSince1970: 1_780_304_400)  // 2026-06-01T09:00:00Z

    @Test func whatAServiceRecordsWhileThePlanIsMadeIsErasedWithEverythingElse() async throws {
        let shared = InMemoryLedgerStore()
        let webshop = Ledger(store: shared, actor: "webshop", clock: LedgerClock { Self.now })
        try await webshop.record(
            [.name("Kari Nordmann"), .email("kari.nordmann@example.no")], about: Self.kari, in: "webshop.orders",
            for: .customerAccountAndOrders, reference: "order:50017")
        try await webshop.recordLifecycleEvent(.orderDelivered, reference: "order:50017", occurredAt: Self.now)
        // The webshop records a new email while `pdl erase` plans (it reads the order's events).
        let dpoStore = InterleavingStore(inner: shared)
        dpoStore.arm(at: .referenceRead) {
            try await webshop.record(
                [.email("new.kari@example.no")], about: Self.kari, in: "webshop.orders",
                for: .customerAccountAndOrders)[0]
        }
        let memory = LedgerStoreOpener(scheme: "memory") { _, _ in (dpoStore, nil) }
        let status = await PDLCommandLine.run(
            ["erase", Self.kari.rawValue, "--store", "memory://shared"], storeOpeners: [memory],
            environment: ["PDL_NOW": "2026-06-01T09:00:00Z"])
        let late = try #require(dpoStore.recorded)
        let facts = try await shared.facts(from: 1, limit: .max)

        #expect(status == 0)
        #expect(facts[Int(late.sequence) - 1].body.personalValues == [.erased])
        #expect(facts.allSatisfy { !$0.body.subjects.contains(Self.kari) }, "the identifier stayed")
    }
}
