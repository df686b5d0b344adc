import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct LedgerConcurrencyTests {
    @Test func manyWritersAndReadersOnOneLedger() async throws {
        let test = try await TestLedger.make()
        let ledger = test.ledger
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<32 {
                group.addTask {
                    let subject = SubjectID("customer:\(writer)")
                    for order in 0..<5 {
                        try await ledger.record(
                            [.name("Customer \(writer)"), .email("customer\(writer)@example.no")], about: subject,
                            in: "webshop.orders", for: .customerAccountAndOrders,
                            reference: BusinessReference("order:\(writer)-\(order)"))
                    }
                }
            }
            for reader in 0..<8 {
                group.addTask {
                    for _ in 0..<20 {
                        let report = try await ledger.issueReport(
                            for: SubjectID("customer:\(reader)"), requestedBy: "dpo")
                        #expect(report.heldData.count % 2 == 0, "a report saw half of a record call")
                    }
                }
            }
            try await group.waitForAll()
        }
        for writer in 0..<32 {
            #expect(
                try await test.store.facts(about: SubjectID("customer:\(writer)")).filter {
                    if case .holding = $0.body { true } else { false }
                }.count == 10)
        }
        try await test.store.verify()
    }

    /// Consent checks and appends for one subject are serialised: a withdrawal racing with
    /// consent-based records never lets a record in after the withdrawal.
    @Test func noConsentBasedHoldingIsRecordedAfterAWithdrawal() async throws {
        let test = try await TestLedger.make()
        let ledger = test.ledger
        let kari = TestLedger.kari
        try await ledger.consent(.given, by: kari, for: .contactRegister, policy: "2018-05-25", channel: "checkout")
        await withTaskGroup(of: Void.self) { group in
            for attempt in 0..<40 {
                group.addTask {
                    _ = try? await ledger.record(
                        [.phone("+47 912 34 5\(attempt % 10)\(attempt / 10)")], about: kari, in: "marketing.contacts",
                        for: .contactRegister)
                }
            }
            group.addTask {
                _ = try? await ledger.consent(
                    .withdrawn, by: kari, for: .contactRegister, policy: "2018-05-25", channel: "unsubscribe-link")
            }
        }
        let facts = try await test.store.facts(about: kari)
        let withdrawal = try #require(
            facts.firstIndex {
                if case .consentDecision(let decision) = $0.body { decision.decision == .withdrawn } else { false }
            })
        #expect(!facts[withdrawal...].contains { if case .holding = $0.body { true } else { false } })
    }

    /// A slow store must not block readers: while one append waits, reads complete.
    @Test func aSlowWriteDoesNotBlockReaders() async throws {
        let store = SlowAppendStore()
        let ledger = Ledger(store: store, actor: "webshop", clock: .fixed(TestLedger.start))
        try await ledger.publishPolicy(version: "2018-05-25", effectiveFrom: TestLedger.start, isMajor: true)
        await store.holdAppends()
        let writer = Task {
            try await ledger.record(
                [.name("Kari")], about: TestLedger.kari, in: "webshop.orders", for: .customerAccountAndOrders)
        }
        await store.waitUntilAnAppendIsHeld()
        let decision = try await ledger.mayProcess("customer:2", for: .contactRegister)
        #expect(decision.ground == .noConsent)
        #expect(try await ledger.policyVersions().count == 1)
        await store.releaseAppends()
        _ = try await writer.value
        #expect(try await store.inner.facts(about: TestLedger.kari).count == 1)
    }
}

/// A store whose appends wait until the test releases them.
final class SlowAppendStore: ForwardingLedgerStore {
    let inner: any LedgerStore = InMemoryLedgerStore()
    private let gate = AppendGate()

    func holdAppends() async { await gate.hold() }
    func waitUntilAnAppendIsHeld() async { await gate.waitForWaiter() }
    func releaseAppends() async { await gate.release() }

    func append(_ facts: [NewFact]) async throws -> [Fact] {
        await gate.pass()
        return try await inner.append(facts)
    }
}

actor AppendGate {
    private var closed = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var watchers: [CheckedContinuation<Void, Never>] = []

    func hold() { closed = true }

    func pass() async {
        guard closed else { return }
        await withCheckedContinuation { continuation in
            waiting.append(continuation)
            for watcher in watchers { watcher.resume() }
            watchers.removeAll()
        }
    }

    func waitForWaiter() async {
        guard waiting.isEmpty else { return }
        await withCheckedContinuation { watchers.append($0) }
    }

    func release() {
        closed = false
        for continuation in waiting { continuation.resume() }
        waiting.removeAll()
    }
}
