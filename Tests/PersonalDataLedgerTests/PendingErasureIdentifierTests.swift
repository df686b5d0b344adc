import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// A person who asked to erase everything loses the identifier too once the last of what a legal
/// hold kept is erased (issue 10, item 4): nothing of them remains that needs it.
@Suite struct PendingErasureIdentifierTests {
    static let email = "kari.order@example.no"
    /// The values the order and its bookkeeping copy hold, besides the name.
    static let values = ["Hyttevegen 7, 2480 Koppang", email, "Storgata 1, 0155 Oslo"]

    /// Kari's order (name, delivery address, email) and its bookkeeping copy (name, billing
    /// address), kept for five years in Norway; the request to erase everything comes before
    /// delivery, so nothing can go at once.
    static func erasedWhileHeld(_ test: RightsLedger) async throws {
        try await test.ledger.record(
            [.name("Kari Nordmann"), .deliveryAddress(values[0]), .email(values[1])], about: RightsLedger.kari,
            in: "webshop.orders", for: .customerAccountAndOrders, reference: "order:50017")
        try await test.ledger.record(
            [.name("Kari Nordmann"), .billingAddress(values[2])], about: RightsLedger.kari, in: "accounting",
            for: .legalObligations, reference: "invoice:2026-0001")
        #expect(try await test.ledger.find(email: email).map(\.subject) == [RightsLedger.kari])
        let result = try await test.ledger.erase(RightsLedger.kari)
        #expect(result.identifiersErased.isEmpty, "the bookkeeping copy needs the identifier for now")
        try await test.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))
        let first = try await test.ledger.applyRetention()
        #expect(first.requested.count == 3)
        #expect(!first.erasures.contains { $0.body.erasureIdentifierErased }, "the bookkeeping copy still waits")
    }

    /// A ledger with an identifier key, so Kari can be looked up by her email.
    static func keyed(_ factory: StoreFactory) async throws -> RightsLedger {
        let keyed = try await KeyedLedger.make(factory)
        return RightsLedger(ledger: keyed.ledger, store: keyed.store, clock: keyed.clock, owner: keyed.owner)
    }

    @Test(arguments: StoreFactory.all)
    func theLastPendingErasureTakesTheIdentifier(store: StoreFactory) async throws {
        let test = try await Self.keyed(store)
        try await Self.erasedWhileHeld(test)

        test.move(to: instant("2032-01-01"))
        let last = try await test.ledger.applyRetention()
        #expect(last.requested.count == 2)
        #expect(last.erasures.count == 1)
        #expect(last.erasures.allSatisfy { $0.body.erasureIdentifierErased })
        #expect(last.erasures.allSatisfy { !$0.body.subjects.contains(RightsLedger.kari) })

        #expect(try await test.store.facts(about: RightsLedger.kari).isEmpty)
        #expect(try await test.ledger.find(email: Self.email).isEmpty)
        #expect(try await test.ledger.pendingErasures(of: RightsLedger.kari).isEmpty)
        for fact in try await test.allFacts() {
            #expect(!fact.body.subjects.contains(RightsLedger.kari))
        }
        if let directory = test.owner as? TemporaryDirectory {
            for needle in Self.values + [RightsLedger.kari.rawValue] {
                #expect(FileStoreTesting.filesContaining(needle, in: directory.ledger).isEmpty, "\(needle) survives")
            }
        }
        try await test.store.verify()
        let report = try await test.ledger.issueReport(for: RightsLedger.kari, requestedBy: "dpo")
        #expect(report.heldData.isEmpty)
        #expect(report.erasures.isEmpty, "the erasures went with the identifier")
        #expect(report.pendingErasures?.isEmpty ?? true)
    }

    /// Each linked identifier goes with its own last kept holding, as the immediate erasure of
    /// everything takes every linked identifier nothing of which is kept.
    @Test func aLinkedIdentifierGoesWithItsOwnLastKeptHolding() async throws {
        let test = try await Self.keyed(.file)
        let atWork = KeyedLedger.kariAtWork
        try await test.ledger.record(
            [.name("Kari Nordmann"), .email(Self.email)], about: RightsLedger.kari, in: "webshop.orders",
            for: .customerAccountAndOrders, reference: "order:50017")
        try await test.ledger.record(
            [.name("Kari Nordmann"), .billingAddress(Self.values[2])], about: atWork, in: "accounting",
            for: .legalObligations, reference: "invoice:2026-0001")
        try await test.ledger.link(atWork, to: RightsLedger.kari)
        #expect(try await test.ledger.erase(RightsLedger.kari).identifiersErased.isEmpty)

        try await test.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))
        let delivered = try await test.ledger.applyRetention()
        #expect(delivered.requested.map(\.subject) == [RightsLedger.kari, RightsLedger.kari])
        #expect(try await test.store.facts(about: RightsLedger.kari).isEmpty, "nothing of customer:10001 is kept")
        #expect(try await !test.store.facts(about: atWork).isEmpty, "the invoice still waits")

        test.move(to: instant("2032-01-01"))
        let last = try await test.ledger.applyRetention()
        #expect(last.requested.count == 2)
        #expect(try await test.store.facts(about: atWork).isEmpty)
        for fact in try await test.allFacts() {
            #expect(fact.body.subjects.allSatisfy { $0 != RightsLedger.kari && $0 != atWork })
        }
        if let directory = test.owner as? TemporaryDirectory {
            for needle in Self.values + [RightsLedger.kari.rawValue, atWork.rawValue] {
                #expect(FileStoreTesting.filesContaining(needle, in: directory.ledger).isEmpty, "\(needle) survives")
            }
        }
        try await test.store.verify()
    }

    /// What was recorded for the person after the request is a new relationship: it keeps the
    /// identifier when the old data goes.
    struct Since: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let record: @Sendable (RightsLedger) async throws -> Void
    }

    @Test(arguments: [
        Since(testDescription: "a new order") { test in
            try await test.recordOrder(reference: "order:50018")
            try await test.event(.orderDelivered, "order:50018", at: instant("2026-04-01T10:00:00Z"))
        },
        Since(testDescription: "a consent") { test in try await test.consent(to: .contactRegister) },
    ])
    func somethingRecordedSinceTheRequestKeepsTheIdentifier(_ since: Since) async throws {
        let test = try await Self.keyed(.file)
        try await Self.erasedWhileHeld(test)
        try await since.record(test)

        test.move(to: instant("2032-01-01"))
        let last = try await test.ledger.applyRetention()
        #expect(last.requested.count == 2, "the bookkeeping copy goes as asked")
        #expect(!last.erasures.contains { $0.body.erasureIdentifierErased })
        #expect(try await !test.store.facts(about: RightsLedger.kari).isEmpty)
    }
}

extension Fact.Body {
    /// Whether this is an erasure that erased its subject's identifier.
    fileprivate var erasureIdentifierErased: Bool {
        guard case .erasure(let erasure) = self else { return false }
        return erasure.identifierErased
    }
}
