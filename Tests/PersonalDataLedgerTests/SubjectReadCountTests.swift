import Foundation
import Synchronization
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// A store that counts how often each subject's facts are read.
final class CountingStore: ForwardingLedgerStore {
    let base = InMemoryLedgerStore()
    var inner: any LedgerStore { base }
    private let reads = Mutex<[SubjectID: Int]>([:])

    func subjectReads(_ subject: SubjectID) -> Int { reads.withLock { $0[subject] ?? 0 } }
    func resetCounts() { reads.withLock { $0 = [:] } }

    func facts(for key: IndexKey) async throws -> [Fact] {
        if case .subject(let subject) = key { reads.withLock { $0[subject, default: 0] += 1 } }
        return try await base.facts(for: key)
    }
}

/// Each answer reads a subject's own facts once.
@Suite struct SubjectReadCountTests {
    func ledger() async throws -> (Ledger, CountingStore) {
        let store = CountingStore()
        let clock = ManualClock(TestLedger.start)
        let ledger = Ledger(
            store: store, catalog: .focusNordic, region: .norway, actor: "webshop", clock: clock.ledgerClock,
            identifierKey: try IdentifierKey(bytes: KeyedLedger.fixedKeyBytes))
        try await ledger.publishPolicy(
            version: "2018-05-25", effectiveFrom: TestLedger.start.addingTimeInterval(-86_400), isMajor: true)
        try await ledger.record(
            [.name("Kari Nordmann"), .email("kari.nordmann@example.no")], about: TestLedger.kari,
            in: "webshop.orders", for: .customerAccountAndOrders, reference: "order:50017")
        try await ledger.consent(
            .given, by: TestLedger.kari, for: .contactRegister, policy: "2018-05-25", channel: "form")
        try await ledger.grantAccess(to: "backup-provider", on: "webshop.orders", for: .backup, from: TestLedger.start)
        store.resetCounts()
        return (ledger, store)
    }

    @Test func aReportReadsTheSubjectsFactsOnce() async throws {
        let (ledger, store) = try await ledger()
        let report = try await ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        #expect(report.heldData.count == 2)
        #expect(report.recipients.map(\.recipient) == ["backup-provider"])
        #expect(store.subjectReads(TestLedger.kari) == 1)
    }

    @Test func findAndAWriteReadTheSubjectsFactsOnce() async throws {
        let (ledger, store) = try await ledger()
        #expect(try await ledger.find(email: "kari.nordmann@example.no").map(\.subject) == [TestLedger.kari])
        #expect(store.subjectReads(TestLedger.kari) == 1)
        store.resetCounts()
        try await ledger.record(
            [.phone("+4791234567")], about: TestLedger.kari, in: "webshop.orders", for: .customerAccountAndOrders)
        #expect(store.subjectReads(TestLedger.kari) == 1)
        store.resetCounts()
        // A write no rule of which depends on the subject's state reads nothing.
        try await ledger.object(TestLedger.kari, to: .contactRegister)
        #expect(store.subjectReads(TestLedger.kari) == 0)
    }
}
