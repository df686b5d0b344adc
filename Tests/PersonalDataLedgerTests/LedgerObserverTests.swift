import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// What a ledger tells its observer: one outcome per write call, and the details around it.
@Suite struct LedgerObserverTests {
    /// A ledger over an in-memory store, both observed, with the policy published and Kari's order
    /// recorded; the observer has forgotten those.
    static func observedLedger() async throws -> (Ledger, RecordingObserver, ManualClock) {
        let observer = RecordingObserver()
        let clock = ManualClock(TestLedger.start)
        let ledger = Ledger(
            store: InMemoryLedgerStore(observer: observer), region: .norway, actor: "webshop",
            clock: clock.ledgerClock, observer: observer)
        try await ledger.publishPolicy(
            version: "2018-05-25", effectiveFrom: TestLedger.start.addingTimeInterval(-86_400), isMajor: true)
        try await ledger.record(
            [
                .name("Kari Nordmann"), .billingAddress("Storgata 1, 0155 Oslo"),
                .deliveryAddress("Storgata 1, 0155 Oslo"), .phone("+47 912 34 567"),
                .email("kari.nordmann@example.no"), .ipAddress("203.0.113.42"),
            ],
            about: TestLedger.kari, in: "webshop.orders", for: .customerAccountAndOrders, reference: "order:50017")
        observer.clear()
        return (ledger, observer, clock)
    }

    /// A public write call and the kind of fact it records.
    struct Call: Sendable, CustomTestStringConvertible {
        let name: String
        let kind: FactKind
        let run: @Sendable (Ledger) async throws -> Void
        var testDescription: String { name }

        static let all: [Call] = [
            Call(name: "record", kind: .holding) {
                try await $0.record(
                    [.email("kari@example.no")], about: TestLedger.kari, in: "webshop.accounts",
                    for: .customerAccountAndOrders)
            },
            Call(name: "consent", kind: .consentDecision) {
                try await $0.consent(
                    .given, by: TestLedger.kari, for: .contactRegister, policy: "2018-05-25",
                    channel: "checkout-checkbox")
            },
            Call(name: "disclose", kind: .disclosure) {
                try await $0.disclose(
                    [.name], of: TestLedger.kari, to: "carrier", for: .shipping,
                    reference: "order:50017")
            },
            Call(name: "recordLifecycleEvent", kind: .lifecycleEvent) {
                try await $0.recordLifecycleEvent(.orderDelivered, reference: "order:50017")
            },
            Call(name: "linkReference", kind: .referenceLink) {
                try await $0.linkReference("case:9001", concerns: "order:50017")
            },
            Call(name: "publishPolicy", kind: .policyVersion) {
                try await $0.publishPolicy(version: "2026-01-01", effectiveFrom: TestLedger.start, isMajor: false)
            },
            Call(name: "object", kind: .objection) { try await $0.object(TestLedger.kari, to: .contactRegister) },
            Call(name: "restrict", kind: .restriction) { try await $0.restrict(TestLedger.kari) },
            Call(name: "link", kind: .subjectLink) { try await $0.link(TestLedger.kari, to: "b2b:contact-7") },
            Call(name: "receiveRequest", kind: .request) {
                try await $0.receiveRequest(
                    id: "gdpr-1", from: TestLedger.kari, kind: .access,
                    receivedOn: TestLedger.start)
            },
            Call(name: "rectify", kind: .rectification) {
                try await $0.rectify(holding: 2, of: TestLedger.kari, to: "Kari Nordmann-Hansen")
            },
            Call(name: "issueReport", kind: .reportIssued) {
                _ = try await $0.issueReport(for: TestLedger.kari, requestedBy: "dpo")
            },
            Call(name: "erase", kind: .erasure) {
                try await $0.erase(TestLedger.kari, scope: .categories([.ipAddress]))
            },
            Call(name: "applyRetention", kind: .erasure) { try await $0.applyRetention() },
        ]
    }

    @Test(arguments: Call.all)
    func eachWriteCallEndsInOneAcceptedOutcomeOfItsKind(_ call: Call) async throws {
        let (ledger, observer, _) = try await Self.observedLedger()
        try await call.run(ledger)
        #expect(observer.events.compactMap(\.outcome) == ["accepted \(call.kind)"])
    }

    @Test func anAcceptedRecordTellsItsAppendThenItsOutcome() async throws {
        let (ledger, observer, _) = try await Self.observedLedger()
        try await ledger.record(
            [.email("kari@example.no"), .phone("+4791234567")], about: TestLedger.kari, in: "webshop.accounts",
            for: .customerAccountAndOrders)
        #expect(
            observer.shapes == [
                .storeAppended(facts: 2, bytes: 0, syncDuration: nil),
                .writeAccepted(kind: .holding, facts: 2, subjects: 1, duration: .zero),
            ])
        guard case .storeAppended(_, let bytes, _) = observer.events[0] else { return }
        #expect(bytes > 0)
    }

    @Test func aRefusedWriteNamesTheRuleAndAppendsNothing() async throws {
        let (ledger, observer, _) = try await Self.observedLedger()
        await #expect(throws: LedgerError.self) {
            try await ledger.record(
                [.nationalIDNumber("16822548834")], about: TestLedger.kari, in: "webshop.orders",
                for: .customerAccountAndOrders, reference: "order:50017")
        }
        #expect(observer.shapes == [.writeRefused(kind: .holding, rule: .purposeLimitation, duration: .zero)])
    }

    @Test func aRefusalBeforeTheWritePathIsHeardToo() async throws {
        let (ledger, observer, _) = try await Self.observedLedger()
        await #expect(throws: LedgerError.self) {
            try await ledger.record(
                [.email("kari@example.no")], about: TestLedger.kari, in: "nowhere",
                for: .customerAccountAndOrders)
        }
        await #expect(throws: LedgerError.self) {
            try await ledger.consent(.given, by: TestLedger.kari, for: .contactRegister, policy: "1999", channel: "web")
        }
        #expect(
            observer.shapes == [
                .writeRefused(kind: .holding, rule: .unknownSystem, duration: .zero),
                .writeRefused(kind: .consentDecision, rule: .unknownPolicyVersion, duration: .zero),
            ])
    }

    @Test func publishingAKnownPolicyAgainAppendsNothing() async throws {
        let (ledger, observer, _) = try await Self.observedLedger()
        try await ledger.publishPolicy(
            version: "2018-05-25", effectiveFrom: TestLedger.start.addingTimeInterval(-86_400), isMajor: true)
        #expect(observer.shapes == [.writeAccepted(kind: .policyVersion, facts: 0, subjects: 0, duration: .zero)])
    }

    @Test func aReportTellsHowManyIdentifiersItCovers() async throws {
        let (ledger, observer, _) = try await Self.observedLedger()
        try await ledger.link(TestLedger.kari, to: "b2b:contact-7")
        observer.clear()
        _ = try await ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        #expect(
            observer.shapes == [
                .storeAppended(facts: 1, bytes: 0, syncDuration: nil),
                .writeAccepted(kind: .reportIssued, facts: 1, subjects: 2, duration: .zero),
                .reportIssued(subjects: 2, duration: .zero),
            ])
    }

    @Test func anErasureTellsHowManyValuesWentNeverWhich() async throws {
        let (ledger, observer, _) = try await Self.observedLedger()
        try await ledger.recordLifecycleEvent(.orderDelivered, reference: "order:50017")
        observer.clear()
        let result = try await ledger.erase(TestLedger.kari)
        #expect(
            observer.shapes == [
                .storeAppended(facts: 1, bytes: 0, syncDuration: nil),
                .erased(values: result.erased.count, identifierErased: true, reason: .subjectRequest),
                .writeAccepted(kind: .erasure, facts: 1, subjects: 1, duration: .zero),
            ])
        #expect(result.erased.count == 6)
    }

    @Test func aRetentionSweepTellsItsProgressToTheEnd() async throws {
        let (ledger, observer, _) = try await Self.observedLedger()
        let count = try await ledger.store.integrityHead().count
        try await ledger.applyRetention()
        let progress = observer.events.compactMap { event -> UInt64? in
            guard case .retentionSweepProgress(let done, let total) = event, total == count else { return nil }
            return done
        }
        #expect(progress.last == count)
    }
}
