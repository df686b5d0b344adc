import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerReports
@testable import TestSupport

/// Every date the public API takes must be a point in time the ledger can store, compare and
/// print: NaN, infinity and years outside 0001–9999 are refused with
/// ``LedgerError/Rule/dateOutOfRange`` and nothing is recorded. Before the rule, a NaN day of
/// receipt trapped the process in the deadline arithmetic.
@Suite struct DateRangeTests {
    /// A date named for the test's output: `Date.description` itself traps on NaN.
    struct Unusable: CustomTestStringConvertible, Sendable {
        let name: String
        let date: Date
        var testDescription: String { name }
    }

    /// Dates that name no point in time the ledger can keep.
    static let unusable: [Unusable] = [
        Unusable(name: "NaN", date: Date(timeIntervalSince1970: .nan)),
        Unusable(name: "+infinity", date: Date(timeIntervalSince1970: .infinity)),
        Unusable(name: "-infinity", date: Date(timeIntervalSince1970: -.infinity)),
        Unusable(name: "10000-01-01T00:00:00Z", date: Date(timeIntervalSince1970: 253_402_300_800)),
        Unusable(name: "0000-12-31T23:59:59Z", date: Date(timeIntervalSince1970: -62_135_596_801)),
    ]

    /// A public call that takes a date, named by the call and the argument.
    enum Call: String, CaseIterable, CustomTestStringConvertible {
        case grantAccessFrom, grantAccessUntil, lifecycleOccurredAt, hireOccurredAt, publishPolicyEffectiveFrom
        case receiveRequestReceivedOn, applyRetentionAsOf
        case retentionScheduleAsOf, retentionDueAsOf, pendingErasuresAsOf, consentStateAt, consentStatesAt
        case requestsAsOf, openRequestsAsOf, requestAsOf, breachImpactFrom, breachImpactTo

        var testDescription: String { rawValue }

        func run(_ ledger: Ledger, with date: Date) async throws {
            let start = TestLedger.start
            let kari = TestLedger.kari
            switch self {
            case .grantAccessFrom:
                try await ledger.grantAccess(to: "it-partner", on: "webshop.orders", for: .maintenance, from: date)
            case .grantAccessUntil:
                try await ledger.grantAccess(
                    to: "it-partner", on: "webshop.orders", for: .maintenance, from: start, until: date)
            case .lifecycleOccurredAt:
                try await ledger.recordLifecycleEvent(.orderDelivered, reference: "order:50017", occurredAt: date)
            case .hireOccurredAt:
                try await ledger.hire(
                    kari, application: "application:2001", employment: "employment:2026-004", occurredAt: date)
            case .publishPolicyEffectiveFrom:
                try await ledger.publishPolicy(version: "2026-12-01", effectiveFrom: date, isMajor: false)
            case .receiveRequestReceivedOn:
                try await ledger.receiveRequest(id: "gdpr-2026-0042", from: kari, kind: .access, receivedOn: date)
            case .applyRetentionAsOf: try await ledger.applyRetention(asOf: date)
            case .retentionScheduleAsOf: _ = try await ledger.retentionSchedule(of: kari, asOf: date)
            case .retentionDueAsOf: _ = try await ledger.retentionDue(asOf: date)
            case .pendingErasuresAsOf: _ = try await ledger.pendingErasures(of: kari, asOf: date)
            case .consentStateAt: _ = try await ledger.consentState(of: kari, for: .campaignsAndCompetitions, at: date)
            case .consentStatesAt: _ = try await ledger.consentStates(of: kari, at: date)
            case .requestsAsOf: _ = try await ledger.requests(asOf: date)
            case .openRequestsAsOf: _ = try await ledger.openRequests(asOf: date)
            case .requestAsOf: _ = try await ledger.request("gdpr-2026-0001", asOf: date)
            case .breachImpactFrom:
                _ = try await ledger.breachImpact(systems: ["webshop.orders"], from: date, to: start)
            case .breachImpactTo: _ = try await ledger.breachImpact(systems: ["webshop.orders"], from: start, to: date)
            }
        }
    }

    @Test(arguments: Call.allCases, unusable)
    func anUnusableDateIsRefusedAndChangesNothing(_ call: Call, _ unusable: Unusable) async throws {
        let test = try await TestLedger.make()
        try await test.recordKarisOrder()
        _ = try await test.ledger.receiveRequest(
            id: "gdpr-2026-0001", from: TestLedger.kari, kind: .access, receivedOn: TestLedger.start)
        let before = try await test.store.integrityHead()
        let rule = await #expect(throws: LedgerError.self) { try await call.run(test.ledger, with: unusable.date) }?
            .rule
        let after = try await test.store.integrityHead()
        #expect(rule == .dateOutOfRange && after == before)
    }

    /// The first and last second of the years 0001–9999 are points in time: the range refuses
    /// nothing a real date can be.
    @Test(arguments: [
        Date(timeIntervalSince1970: -62_135_596_800),  // 0001-01-01T00:00:00Z
        Date(timeIntervalSince1970: 253_402_300_799),  // 9999-12-31T23:59:59Z
    ])
    func theEdgesOfTheRangeAreAccepted(_ date: Date) async throws {
        let test = try await TestLedger.make()
        let fact = try await test.ledger.recordLifecycleEvent(
            .orderDelivered, reference: "order:50017", occurredAt: date)
        #expect(fact.body == .lifecycleEvent(.init(kind: .orderDelivered, reference: "order:50017", occurredAt: date)))
    }

    /// A clock that stops on NaN cannot write a fact that could never be ordered by time: the
    /// check before the store catches what no argument carried.
    @Test func aClockOutOfRangeRecordsNothing() async throws {
        let test = try await TestLedger.make()
        let before = try await test.store.integrityHead()
        test.clock.set(Date(timeIntervalSince1970: .nan))
        let error = await #expect(throws: LedgerError.self) { try await test.recordKarisOrder() }
        let after = try await test.store.integrityHead()
        #expect(error?.rule == .dateOutOfRange && after == before)
    }

    /// An imported fact is checked as a recorded one is.
    @Test func anImportedFactOutOfRangeIsRefused() async throws {
        let test = try await TestLedger.make()
        let head = try await test.store.integrityHead()
        let fact = Fact(
            sequence: head.count + 1, recordedAt: Date(timeIntervalSince1970: .infinity), actor: "import",
            body: .referenceLink(ReferenceLink(reference: "case:9001", concerns: "order:50017")))
        let error = await #expect(throws: LedgerError.self) { _ = try await test.ledger.write(numbered: [fact]) }
        let after = try await test.store.integrityHead()
        #expect(error?.rule == .dateOutOfRange && after == head)
    }

    /// A date inside an imported fact's body, by the field the refusal must name.
    enum BodyDate: String, CaseIterable, CustomTestStringConvertible {
        case from, until, occurredAt, effectiveFrom, dueAt, receivedOn, retainedUntil

        var testDescription: String { rawValue }

        /// The field's name as the refusal gives it.
        var field: String { self == .retainedUntil ? "until" : rawValue }

        func body(with date: Date) -> Fact.Body {
            let start = TestLedger.start
            switch self {
            case .from:
                return .accessGrant(
                    AccessGrant(recipient: "it-partner", system: "webshop.orders", occasion: .maintenance, from: date))
            case .until:
                return .accessGrant(
                    AccessGrant(
                        recipient: "it-partner", system: "webshop.orders", occasion: .maintenance, from: start,
                        until: date))
            case .occurredAt:
                return .lifecycleEvent(
                    LifecycleEvent(kind: .orderDelivered, reference: "order:50017", occurredAt: date))
            case .effectiveFrom:
                return .policyVersion(PolicyVersion(version: "2026-12-01", effectiveFrom: date, isMajor: false))
            case .dueAt:
                return .request(
                    RequestEvent(
                        requestID: "req-1", subject: "customer:1", kind: .access, action: .received, dueAt: date))
            case .receivedOn:
                return .request(
                    RequestEvent(
                        requestID: "req-1", subject: "customer:1", kind: .access, action: .received, receivedOn: date))
            case .retainedUntil:
                return .erasure(
                    Erasure(
                        subject: "customer:1", reason: .subjectRequest, erased: [], identifierErased: false,
                        retained: [Erasure.Retained(holding: 1, hold: .bookkeepingObligation, until: date)]))
            }
        }
    }

    /// The last check before the store looks inside the body too, and names the field.
    @Test(arguments: BodyDate.allCases)
    func anImportedBodyDateOutOfRangeIsRefusedByItsField(_ field: BodyDate) async throws {
        let test = try await TestLedger.make()
        let head = try await test.store.integrityHead()
        let fact = Fact(
            sequence: head.count + 1, recordedAt: TestLedger.start, actor: "import",
            body: field.body(with: Date(timeIntervalSince1970: .nan)))
        let error = await #expect(throws: LedgerError.self) { _ = try await test.ledger.write(numbered: [fact]) }
        #expect(error?.message.contains("'\(field.field)'") == true)
        #expect(try await test.store.integrityHead() == head)
    }
}
