import Foundation
import Synchronization
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// A store that counts every fact it hands out, by index read or range read.
final class FactCountingStore: ForwardingLedgerStore {
    let inner: any LedgerStore
    private let read = Mutex(0)

    init(_ inner: any LedgerStore) { self.inner = inner }

    /// The facts handed out since the last call, and the count set back to zero.
    func takeCount() -> Int {
        read.withLock { count in
            defer { count = 0 }
            return count
        }
    }

    func facts(for key: IndexKey) async throws -> [Fact] {
        let facts = try await inner.facts(for: key)
        read.withLock { $0 += facts.count }
        return facts
    }

    func facts(from sequence: UInt64, limit: Int) async throws -> [Fact] {
        let facts = try await inner.facts(from: sequence, limit: limit)
        read.withLock { $0 += facts.count }
        return facts
    }
}

/// A report reads what the person's history holds, not the reports issued before it: the 200th
/// report about someone reads as many facts as the first (each report issued is indexed under
/// ``IndexKey/accountability(_:)``, apart from the subject's own facts).
@Suite struct ReportFactsReadTests {
    @Test(arguments: StoreFactory.all)
    func theTwoHundredthReportReadsAsManyFactsAsTheFirst(_ factory: StoreFactory) async throws {
        let (base, owner) = try await factory.make()
        let store = FactCountingStore(base)
        let clock = ManualClock(TestLedger.start)
        let ledger = Ledger(store: store, catalog: .focusNordic, region: .norway, clock: clock.ledgerClock)
        try await ledger.publishPolicy(
            version: "2018-05-25", effectiveFrom: TestLedger.start.addingTimeInterval(-86_400), isMajor: true)
        try await ledger.record(
            [.name("Kari Nordmann"), .email("kari.nordmann@example.no")], about: TestLedger.kari,
            in: "webshop.orders", for: .customerAccountAndOrders, reference: "order:50017")
        try await ledger.consent(
            .given, by: TestLedger.kari, for: .contactRegister, policy: "2018-05-25", channel: "form")
        _ = store.takeCount()

        _ = try await ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        let first = store.takeCount()
        for _ in 2...199 { _ = try await ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo") }
        _ = store.takeCount()
        let report = try await ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        let twoHundredth = store.takeCount()

        #expect(first > 0)
        #expect(twoHundredth == first)
        #expect(report.heldData.count == 2)
        #expect(try await base.facts(for: .accountability(TestLedger.kari)).count == 200)
        #expect(try await base.facts(about: TestLedger.kari).count == 3)
        withExtendedLifetime(owner) {}
    }
}
