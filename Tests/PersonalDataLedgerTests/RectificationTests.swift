import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct RectificationTests {
    /// Kari's order with a backup grant on the webshop and a carrier that received her name,
    /// address and phone.
    private func karisOrder(_ store: StoreFactory = .inMemory) async throws -> (KeyedLedger, [Fact]) {
        let test = try await KeyedLedger.make(store)
        try await test.ledger.grantAccess(
            to: "backup-provider", on: "webshop.orders", for: .backup,
            from: TestLedger.start.addingTimeInterval(-86_400))
        test.clock.advance(by: 3600)
        let facts = try await test.recordOrder()
        test.clock.advance(by: 3600)
        try await test.ledger.disclose(
            [.name, .deliveryAddress, .phone], of: KeyedLedger.kari, to: "carrier", for: .shipping,
            reference: "order:50017")
        test.clock.advance(by: 86_400)
        return (test, facts)
    }

    @Test(arguments: StoreFactory.all)
    func aCorrectionKeepsHistoryAndTheReportShowsTheNewValue(store: StoreFactory) async throws {
        let (test, facts) = try await karisOrder(store)
        let address = KeyedLedger.holding(.deliveryAddress, in: facts)
        let result = try await test.ledger.rectify(
            holding: address, of: KeyedLedger.kari, to: "  Kirkegata 5, 0153 Oslo ")
        let recorded = try #require(result.facts.first)
        guard case .rectification(let rectification) = recorded.body else {
            Issue.record("a rectification is recorded")
            return
        }
        #expect(rectification.holding == address)
        #expect(rectification.value.revealed == "Kirkegata 5, 0153 Oslo", "normalised like a recorded value")
        #expect(rectification.lookupToken == nil, "an address is not an identifier")

        let history = try await test.ledger.valueHistory(of: address, about: KeyedLedger.kari)
        #expect(history.map(\.value?.revealed) == ["Storgata 1, 0155 Oslo", "Kirkegata 5, 0153 Oslo"])
        #expect(history.map(\.isCurrent) == [false, true])
        #expect(history.map(\.isRectification) == [false, true])
        #expect(history.map(\.sequence) == [address, recorded.sequence])

        let report = try await test.ledger.issueReport(for: KeyedLedger.kari, requestedBy: "dpo")
        let entry = try #require(report.heldData.first { $0.sequence == address })
        #expect(entry.value == "Kirkegata 5, 0153 Oslo")
        #expect(entry.rectifiedAt == recorded.recordedAt)
        #expect(report.heldData.first { $0.category == .name }?.rectifiedAt == nil)
        #expect(
            try await test.ledger.rectifications(of: address, about: KeyedLedger.kari).map(\.sequence) == [
                recorded.sequence
            ])
    }

    @Test func recipientsToTellAreDisclosuresOfTheCategoryAndGrantsOnTheSystem() async throws {
        let (test, facts) = try await karisOrder()
        let address = try await test.ledger.rectify(
            holding: KeyedLedger.holding(.deliveryAddress, in: facts), of: KeyedLedger.kari,
            to: "Kirkegata 5, 0153 Oslo")
        #expect(address.recipientsToTell.map(\.recipient) == ["backup-provider", "carrier"])
        let carrier = try #require(address.recipientsToTell.first { $0.recipient == "carrier" })
        #expect(carrier.channels == [.disclosure])
        #expect(carrier.categories == [.deliveryAddress])
        #expect(carrier.references == ["order:50017"])
        let backup = try #require(address.recipientsToTell.first { $0.recipient == "backup-provider" })
        #expect(backup.channels == [.accessGrant])
        #expect(backup.systems == ["webshop.orders"])

        let email = try await test.ledger.rectify(
            holding: KeyedLedger.holding(.email, in: facts), of: KeyedLedger.kari, to: "kari@example.no")
        #expect(email.recipientsToTell.map(\.recipient) == ["backup-provider"], "the carrier never received the email")
    }

    @Test(arguments: StoreFactory.all)
    func aCorrectedIdentifierIsFoundByItsNewValueAndTheOldOneIsMarked(store: StoreFactory) async throws {
        let (test, facts) = try await karisOrder(store)
        let email = KeyedLedger.holding(.email, in: facts)
        let result = try await test.ledger.rectify(holding: email, of: KeyedLedger.kari, to: "Kari@Nordmann.example")
        guard case .rectification(let rectification) = result.facts[0].body else {
            Issue.record("a rectification is recorded")
            return
        }
        let token = try #require(rectification.lookupToken?.revealed)
        #expect(token.count == 64 && token != rectification.value.revealed)

        let now = try await test.ledger.find(email: "kari@nordmann.example")
        #expect(now.map(\.subject) == [KeyedLedger.kari])
        #expect(now.first?.locations.map(\.holding) == [email])
        #expect(now.first?.locations.map(\.isCurrent) == [true])
        let before = try await test.ledger.find(email: "kari.nordmann@example.no")
        #expect(before.first?.locations.map(\.isCurrent) == [false], "the old value is history, found as not current")

        // Erasing the holding and its rectification leaves nothing to find.
        let rectifications = try await test.ledger.rectifications(of: email, about: KeyedLedger.kari)
        try await test.eraseValues(Set([email] + rectifications.map(\.sequence)), of: KeyedLedger.kari)
        #expect(try await test.ledger.find(email: "kari@nordmann.example").isEmpty)
        #expect(try await test.ledger.find(email: "kari.nordmann@example.no").isEmpty)
        let history = try await test.ledger.valueHistory(of: email, about: KeyedLedger.kari)
        #expect(history.allSatisfy { $0.value == .erased })
    }

    @Test(arguments: StoreFactory.all)
    func anErasedHoldingCannotBeCorrected(store: StoreFactory) async throws {
        let (test, facts) = try await karisOrder(store)
        let phone = KeyedLedger.holding(.phone, in: facts)
        try await test.eraseValues([phone], of: KeyedLedger.kari)
        let count = try await test.store.integrityHead().count
        let error = try await #require(throws: LedgerError.self) {
            try await test.ledger.rectify(holding: phone, of: KeyedLedger.kari, to: "+47 987 65 432")
        }
        #expect(error.rule == .erasedHolding)
        #expect(try await test.store.integrityHead().count == count)
    }

    @Test(arguments: [
        (DataCategory.email, "kari-at-example.no"), (.phone, "12ab"), (.deliveryAddress, "   "),
        (.deliveryAddress, "Storgata 1\n0155 Oslo"),
    ])
    func aMalformedValueIsRefusedWithoutEcho(category: DataCategory, value: String) async throws {
        let (test, facts) = try await karisOrder()
        let count = try await test.store.integrityHead().count
        let error = try await #require(throws: LedgerError.self) {
            try await test.ledger.rectify(
                holding: KeyedLedger.holding(category, in: facts), of: KeyedLedger.kari, to: value)
        }
        #expect(error.rule == .malformedValue)
        if !value.allSatisfy(\.isWhitespace) { #expect(!error.description.contains(value)) }
        #expect(!error.description.contains("Storgata"))
        #expect(try await test.store.integrityHead().count == count, "nothing was recorded")
    }

    @Test func onlyAHoldingOfTheNamedSubjectWithANewValueIsCorrected() async throws {
        let (test, facts) = try await karisOrder()
        let email = KeyedLedger.holding(.email, in: facts)
        let cases: [(UInt64, SubjectID, String)] = [
            (email, KeyedLedger.ola, "ola@example.no"),  // someone else's holding
            (1, KeyedLedger.kari, "kari@example.no"),  // the policy version, not a holding
            (9_999, KeyedLedger.kari, "kari@example.no"),  // no such fact
            (email, KeyedLedger.kari, " kari.nordmann@EXAMPLE.NO"),  // the same value once normalised
        ]
        for (sequence, subject, value) in cases {
            let error = try await #require(throws: LedgerError.self) {
                try await test.ledger.rectify(holding: sequence, of: subject, to: value)
            }
            #expect(error.rule == .invalidRequest)
            #expect(!error.message.contains(value.trimmingCharacters(in: .whitespaces)))
        }
    }

    @Test func completionAddsAMissingCategoryBesideWhatIsHeld() async throws {
        let test = try await KeyedLedger.make()
        try await test.ledger.grantAccess(
            to: "backup-provider", on: "webshop.orders", for: .backup,
            from: TestLedger.start.addingTimeInterval(-86_400))
        try await test.ledger.record(
            [.name("Kari Nordmann"), .email("kari.nordmann@example.no")], about: KeyedLedger.kari, in: "webshop.orders",
            for: .customerAccountAndOrders, reference: "order:50017")
        let result = try await test.ledger.complete(
            [.phone("912 34 567")], about: KeyedLedger.kari, in: "webshop.orders", for: .customerAccountAndOrders)
        guard case .holding(let holding) = result.facts.first?.body else {
            Issue.record("a holding is recorded")
            return
        }
        #expect(holding.value?.revealed == "+4791234567")
        #expect(holding.reference == "order:50017")
        #expect(holding.basis == .contract)
        #expect(holding.lookupToken != nil)
        #expect(result.recipientsToTell.map(\.recipient) == ["backup-provider"])
        #expect(try await test.ledger.find(phone: "+47 912 34 567").map(\.subject) == [KeyedLedger.kari])

        let already = try await #require(throws: LedgerError.self) {
            try await test.ledger.complete(
                [.email("kari@example.no")], about: KeyedLedger.kari, in: "webshop.orders",
                for: .customerAccountAndOrders)
        }
        #expect(already.rule == .invalidRequest)
        #expect(already.message.contains("rectify"))
        let nothingHeld = try await #require(throws: LedgerError.self) {
            try await test.ledger.complete(
                [.phone("912 34 567")], about: KeyedLedger.kari, in: "service.cases", for: .complaintsAndService)
        }
        #expect(nothingHeld.rule == .invalidRequest)
        let notAllowed = try await #require(throws: LedgerError.self) {
            try await test.ledger.complete(
                [.nationalIDNumber("16822548834")], about: KeyedLedger.kari, in: "webshop.orders",
                for: .customerAccountAndOrders)
        }
        #expect(notAllowed.rule == .purposeLimitation)
        let noValue = try await #require(throws: LedgerError.self) {
            try await test.ledger.complete(
                [DataItem(.deliveryAddress)], about: KeyedLedger.kari, in: "webshop.orders",
                for: .customerAccountAndOrders)
        }
        #expect(noValue.rule == .invalidRequest)
    }

    @Test func aHoldingRecordedWithoutAValueIsCompletedByRectifyingIt() async throws {
        let test = try await KeyedLedger.make()
        let fact = try await test.ledger.record(
            [DataItem(.email)], about: KeyedLedger.kari, in: "webshop.orders", for: .customerAccountAndOrders)[0]
        try await test.ledger.rectify(holding: fact.sequence, of: KeyedLedger.kari, to: "kari.nordmann@example.no")
        let history = try await test.ledger.valueHistory(of: fact.sequence, about: KeyedLedger.kari)
        #expect(history.map(\.value?.revealed) == [nil, "kari.nordmann@example.no"])
        #expect(try await test.ledger.find(email: "kari.nordmann@example.no").count == 1)
        let report = try await test.ledger.issueReport(for: KeyedLedger.kari, requestedBy: "dpo")
        #expect(report.heldData.first?.value == "kari.nordmann@example.no")
    }
}
