import Foundation

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// Stories the report, export and breach tests share.
enum ReportFixtures {
    static let day: TimeInterval = 86_400

    /// Kari's story: a backup grant on the orders, an order, a carrier disclosure, a complaint
    /// with her national ID number, a newsletter consent given and withdrawn.
    static func karisStory() async throws -> TestLedger {
        let test = try await TestLedger.make()
        let kari = TestLedger.kari
        try await test.ledger.grantAccess(
            to: "backup-provider", on: "webshop.orders", for: .backup, from: TestLedger.start.addingTimeInterval(-day))
        test.clock.advance(by: 3600)
        try await test.recordKarisOrder()
        try await test.ledger.consent(
            .given, by: kari, for: .contactRegister, policy: "2018-05-25", channel: "checkout-checkbox",
            evidence: "form:checkout-v3")
        try await test.ledger.record(
            [.name("Kari Nordmann"), .email("kari.nordmann@example.no")], about: kari, in: "marketing.contacts",
            for: .contactRegister, basis: .consent)
        test.clock.advance(by: day)
        try await test.ledger.disclose(
            [.name, .deliveryAddress, .phone], of: kari, to: "carrier", for: .shipping, reference: "order:50017")
        test.clock.advance(by: day)
        try await test.ledger.record(
            [.nationalIDNumber("16822548834"), .name("Kari Nordmann")], about: kari, in: "service.cases",
            for: .complaintsAndService, reference: "case:7001")
        test.clock.advance(by: day)
        try await test.ledger.consent(
            .withdrawn, by: kari, for: .contactRegister, policy: "2018-05-25", channel: "unsubscribe-link")
        return test
    }

    /// Erases the values of `holdings` of `subject` through the store, as the erasure engine
    /// would, at the clock's time.
    @discardableResult
    static func erase(
        _ holdings: [UInt64], of subject: SubjectID, in test: TestLedger, identifier: Bool = false
    ) async throws -> Fact {
        try await test.store.erase(
            ErasureScope(subject: subject, values: Set(holdings), erasesIdentifier: identifier),
            recording: NewFact(
                recordedAt: test.clock.now, actor: "dpo",
                body: .erasure(
                    Erasure(subject: subject, reason: .subjectRequest, erased: holdings, identifierErased: identifier)))
        )
    }
}
