import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct PolicyNotificationTests {
    static let effective = instant("2026-06-01")

    @Test(arguments: StoreFactory.all)
    func aMajorChangeListsEveryoneWithALiveEmail(store: StoreFactory) async throws {
        let test = try await RightsLedger.make(store)
        let ledger = test.ledger
        // Kari: an order, not delivered yet.
        try await test.recordOrder(for: "customer:1", reference: "order:1", email: "kari@example.no")
        // Ola: only in the contact register, consent in force — and he objected to marketing: still told.
        try await test.consent(.given, "customer:2", to: .contactRegister)
        try await ledger.record(
            [.email("ola@example.no")], about: "customer:2", in: "marketing.contacts", for: .contactRegister)
        try await ledger.object("customer:2", to: .contactRegister)
        // Per: withdrew from the contact register: not told.
        try await test.consent(.given, "customer:3", to: .contactRegister)
        try await ledger.record(
            [.email("per@example.no")], about: "customer:3", in: "marketing.contacts", for: .contactRegister)
        try await test.consent(.withdrawn, "customer:3", to: .contactRegister)
        // Eva: her email was erased: not told.
        try await test.recordOrder(for: "customer:4", reference: "order:4", email: "eva@example.no")
        try await test.event(.orderDelivered, "order:4", at: TestLedger.start)
        try await ledger.erase("customer:4", scope: .categories([.email]))
        // Liv: the same address under two identifiers: one entry.
        try await test.recordOrder(for: "customer:5", reference: "order:5", email: "liv@example.no")
        try await test.recordOrder(for: "b2b:5", reference: "order:6", email: "LIV@example.no")
        // Siv: processing restricted: withheld for the DPO to decide.
        try await test.recordOrder(for: "customer:6", reference: "order:7", email: "siv@example.no")
        try await ledger.restrict("customer:6")
        // Tor: an old order whose retention ran out (not yet swept): not told.
        try await test.recordOrder(for: "customer:7", reference: "order:8", email: "tor@example.no")
        try await test.event(.orderDelivered, "order:8", at: TestLedger.start)
        // Anne: the service recorded that it holds an email, not the address (for an order not yet
        // delivered, so her account data is still kept in 2029).
        try await ledger.record(
            [DataItem(.email)], about: "customer:8", in: "webshop.accounts", for: .customerAccountAndOrders,
            reference: "order:9")

        test.move(to: instant("2029-01-01"))
        try await ledger.publishPolicy(version: "2029-02-01", effectiveFrom: instant("2029-02-01"), isMajor: true)
        let list = try await ledger.notificationList(for: "2029-02-01")

        #expect(list.version == "2029-02-01")
        #expect(list.effectiveFrom == instant("2029-02-01"))
        #expect(list.recipients.map(\.email) == ["kari@example.no", "liv@example.no", "ola@example.no", nil])
        #expect(
            list.recipients.map(\.subjects) == [
                ["customer:1"], ["customer:5", "b2b:5"], ["customer:2"], ["customer:8"],
            ])
        #expect(list.recipients[2].purposes == [.contactRegister])
        #expect(list.withheld == [.init(subject: "customer:6", reason: .restricted)])

        let csv = list.csv()
        #expect(csv.hasPrefix("\u{FEFF}email,subjects,purposes,systems,effective_from\r\n"))
        #expect(
            csv.contains(
                "liv@example.no,customer:5;b2b:5,customerAccountAndOrders,webshop.orders,2029-02-01T00:00:00Z\r\n"))
    }

    @Test func theLatestCorrectedAddressIsUsed() async throws {
        let test = try await RightsLedger.make(.inMemory)
        let facts = try await test.recordOrder(email: "old@example.no")
        let email = try #require(
            facts.first { if case .holding(let h) = $0.body { h.category == .email } else { false } })
        _ = try await test.store.append([
            NewFact(
                recordedAt: test.clock.now, actor: "dpo",
                body: .rectification(
                    Rectification(
                        subject: RightsLedger.kari, holding: email.sequence, value: PersonalValue("new@example.no"))))
        ])
        try await test.ledger.publishPolicy(version: "2026-06-01", effectiveFrom: Self.effective, isMajor: true)
        #expect(try await test.ledger.notificationList(for: "2026-06-01").recipients.map(\.email) == ["new@example.no"])
    }

    @Test func minorAndUnknownVersionsAreRefused() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.ledger.publishPolicy(version: "2026-06-01", effectiveFrom: Self.effective, isMajor: false)
        let minor = await #expect(throws: LedgerError.self) {
            try await test.ledger.notificationList(for: "2026-06-01")
        }
        #expect(minor?.rule == .invalidRequest)
        let unknown = await #expect(throws: LedgerError.self) { try await test.ledger.notificationList(for: "2099") }
        #expect(unknown?.rule == .unknownPolicyVersion)
    }
}
