import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// A situation an erasure request meets, and the hold it must respect (or none).
struct HoldCase: Sendable, CustomTestStringConvertible {
    let name: String
    let hold: LegalHold?
    let until: Date?
    let untilEvent: LifecycleKind?
    let setup: @Sendable (RightsLedger) async throws -> Void

    var testDescription: String { name }

    static let table: [HoldCase] = [
        HoldCase(name: "order not yet delivered", hold: .ongoingContract, until: nil, untilEvent: .orderDelivered) {
            try await $0.recordOrder()
        },
        HoldCase(name: "order delivered", hold: nil, until: nil, untilEvent: nil) {
            try await $0.recordOrder()
            try await $0.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))
        },
        HoldCase(name: "complaint case open", hold: .legalClaims, until: nil, untilEvent: .caseClosed) {
            try await $0.ledger.record(
                [.phone("+47 912 34 567")], about: RightsLedger.kari, in: "service.cases", for: .complaintsAndService,
                reference: "case:7001")
        },
        HoldCase(name: "complaint case closed", hold: nil, until: nil, untilEvent: nil) {
            try await $0.ledger.record(
                [.phone("+47 912 34 567")], about: RightsLedger.kari, in: "service.cases", for: .complaintsAndService,
                reference: "case:7001")
            try await $0.event(.caseClosed, "case:7001", at: instant("2026-04-01T10:00:00Z"))
        },
        HoldCase(
            name: "business transaction within its bookkeeping period", hold: .bookkeepingObligation,
            until: instant("2032-01-01"), untilEvent: nil
        ) {
            try await $0.ledger.record(
                [.name("Kari Nordmann")], about: RightsLedger.kari, in: "accounting", for: .legalObligations,
                reference: "invoice:2026-0001")
        },
        HoldCase(name: "business transaction after its bookkeeping period", hold: nil, until: nil, untilEvent: nil) {
            try await $0.ledger.record(
                [.name("Kari Nordmann")], about: RightsLedger.kari, in: "accounting", for: .legalObligations,
                reference: "invoice:2026-0001")
            $0.move(to: instant("2032-01-01"))
        },
    ]
}

@Suite struct ErasureTests {
    @Test(arguments: StoreFactory.all, HoldCase.table)
    func erasurePlansWithEachKindOfHold(store: StoreFactory, row: HoldCase) async throws {
        let test = try await RightsLedger.make(store)
        try await row.setup(test)
        let count = try await test.store.integrityHead().count
        let plan = try await test.ledger.planErasure(of: RightsLedger.kari)
        #expect(try await test.store.integrityHead().count == count, "a plan changes nothing")

        if let hold = row.hold {
            #expect(plan.erase.isEmpty)
            #expect(!plan.keep.isEmpty)
            #expect(
                plan.keep.allSatisfy { $0.hold == hold && $0.until == row.until && $0.untilEvent == row.untilEvent })
            #expect(plan.identifiersErased.isEmpty, "an identifier with kept data stays")
        } else {
            #expect(plan.keep.isEmpty)
            #expect(!plan.erase.isEmpty)
            #expect(plan.identifiersErased == [RightsLedger.kari])
        }

        let result = try await test.ledger.erase(plan)
        #expect(result.kept == plan.keep)
        #expect(result.erased == plan.erase)
        #expect(result.erased.isEmpty == (row.hold != nil))
        // What is kept is remembered: the request is recorded, and asking again records nothing.
        #expect(result.erasures.count == 1)
        if let hold = row.hold {
            guard case .erasure(let erasure) = result.erasures[0].body else {
                Issue.record("not an erasure")
                return
            }
            #expect(erasure.erased.isEmpty)
            #expect(erasure.retained.map(\.hold) == plan.keep.map { _ in hold })
            let pending = try await test.ledger.pendingErasures(of: RightsLedger.kari)
            #expect(pending.map(\.holding) == plan.keep.map(\.holding))
            #expect(pending.allSatisfy { $0.hold == hold && $0.untilEvent == row.untilEvent && !$0.isDue })
            #expect(try await test.ledger.erase(RightsLedger.kari).isNoOp)
        }
    }

    @Test(arguments: StoreFactory.all)
    func erasingEverythingRemovesValuesAndTheIdentifierPhysically(store: StoreFactory) async throws {
        let test = try await RightsLedger.make(store)
        try await test.ledger.grantAccess(
            to: "backup-provider", on: "webshop.orders", for: .backup, from: instant("2025-01-01"))
        try await test.recordOrder()
        try await test.ledger.disclose(
            [.name, .deliveryAddress], of: RightsLedger.kari, to: "carrier", for: .shipping, reference: "order:50017")
        try await test.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))

        let plan = try await test.ledger.planErasure(of: RightsLedger.kari)
        #expect(plan.erase.count == 4)
        #expect(plan.recipientsToTell.map(\.recipient) == ["backup-provider", "carrier"])
        #expect(plan.recipientsToTell[0].channels == [.accessGrant])
        #expect(plan.recipientsToTell[0].categories.count == 4)
        #expect(plan.recipientsToTell[1].channels == [.disclosure])
        #expect(Set(plan.recipientsToTell[1].categories) == [.name, .deliveryAddress])
        #expect(plan.recipientsToTell[1].references == ["order:50017"])

        let result = try await test.ledger.erase(plan)
        #expect(result.identifiersErased == [RightsLedger.kari])
        #expect(result.recipientsToTell == plan.recipientsToTell)
        #expect(result.erasures.count == 1)

        #expect(try await test.store.facts(about: RightsLedger.kari).isEmpty)
        for fact in try await test.allFacts() {
            #expect(!fact.body.subjects.contains(RightsLedger.kari))
            #expect(fact.body.personalValues.allSatisfy { $0.isErased })
            if case .holding(let holding) = fact.body { #expect(holding.lookupToken?.isErased ?? true) }
        }
        guard case .erasure(let erasure) = result.erasures[0].body else {
            Issue.record("not an erasure")
            return
        }
        #expect(erasure.subject == .erased)
        #expect(erasure.identifierErased)
        #expect(erasure.erased == plan.erase.map(\.holding))
        try await test.store.verify()
    }

    @Test(arguments: StoreFactory.all)
    func erasingSomeCategoriesKeepsTheRestAndTellsOnlyThoseWhoReceivedThem(store: StoreFactory) async throws {
        let test = try await RightsLedger.make(store)
        try await test.ledger.grantAccess(
            to: "backup-provider", on: "webshop.orders", for: .backup, from: instant("2025-01-01"))
        let facts = try await test.recordOrder()
        try await test.ledger.disclose([.name], of: RightsLedger.kari, to: "carrier", for: .shipping)
        try await test.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))
        let phone = facts[2].sequence
        let rectification = try await test.store.append([
            NewFact(
                recordedAt: test.clock.now, actor: "dpo",
                body: .rectification(
                    Rectification(subject: RightsLedger.kari, holding: phone, value: PersonalValue("+4791234568"))))
        ])[0]

        let result = try await test.ledger.erase(RightsLedger.kari, scope: .categories([.phone]))
        #expect(result.erased.map(\.holding) == [phone])
        #expect(result.erased[0].rectifications == [rectification.sequence])
        #expect(result.identifiersErased.isEmpty)
        #expect(result.recipientsToTell.map(\.recipient) == ["backup-provider"])
        #expect(result.recipientsToTell[0].categories == [.phone])

        let after = try await test.store.facts(about: RightsLedger.kari)
        for fact in after {
            switch fact.body {
            case .holding(let holding): #expect(holding.value?.isErased == (fact.sequence == phone))
            case .rectification(let rectification): #expect(rectification.value.isErased)
            default: break
            }
        }
        let report = try await test.ledger.issueReport(for: RightsLedger.kari, requestedBy: "dpo")
        #expect(report.heldData.first { $0.sequence == phone }?.valueState == .erased)
        #expect(report.heldData.first { $0.sequence == phone }?.keptUntil == nil)
    }

    @Test(arguments: StoreFactory.all)
    func erasingWhatIsAlreadyErasedIsANoOp(store: StoreFactory) async throws {
        let test = try await RightsLedger.make(store)
        try await test.recordOrder()
        try await test.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))

        let first = try await test.ledger.erase(RightsLedger.kari, scope: .categories([.phone]))
        #expect(!first.isNoOp)
        let count = try await test.store.integrityHead().count
        let plan = try await test.ledger.planErasure(of: RightsLedger.kari, scope: .categories([.phone]))
        #expect(plan.isEmpty)
        #expect(plan.alreadyErased == first.erased.map(\.holding))
        let second = try await test.ledger.erase(plan)
        #expect(second.isNoOp)
        #expect(try await test.store.integrityHead().count == count)

        try await test.ledger.erase(RightsLedger.kari)
        let afterEverything = try await test.store.integrityHead().count
        #expect(try await test.ledger.erase(RightsLedger.kari).isNoOp)
        #expect(try await test.ledger.erase(RightsLedger.kari, scope: .holdings([1])).isNoOp)
        #expect(try await test.store.integrityHead().count == afterEverything)
    }

    @Test(arguments: StoreFactory.all)
    func linkedSubjectsAreIncluded(store: StoreFactory) async throws {
        let test = try await RightsLedger.make(store)
        let b2b: SubjectID = "b2b:77"
        try await test.recordOrder()
        try await test.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))
        try await test.ledger.record(
            [.email("kari@firma.example.no")], about: b2b, in: "b2b.portal", for: .customerAccountAndOrders)
        try await test.ledger.link(RightsLedger.kari, to: b2b)

        let plan = try await test.ledger.planErasure(of: RightsLedger.kari)
        #expect(plan.subjects == [b2b, RightsLedger.kari])
        #expect(plan.erase.count == 5)
        #expect(plan.identifiersErased == [b2b, RightsLedger.kari])

        let result = try await test.ledger.erase(plan)
        #expect(result.erasures.count == 2)
        #expect(try await test.store.facts(about: RightsLedger.kari).isEmpty)
        #expect(try await test.store.facts(about: b2b).isEmpty)
        for fact in try await test.allFacts() {
            #expect(fact.body.personalValues.allSatisfy { $0.isErased })
            if case .subjectLink(let link) = fact.body { #expect(link.subject == .erased && link.linked == .erased) }
        }
    }

    @Test func keptHoldingsAreRecordedWithTheirHold() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.recordOrder()
        try await test.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))
        let invoice = try await test.ledger.record(
            [.name("Kari Nordmann")], about: RightsLedger.kari, in: "accounting", for: .legalObligations,
            reference: "invoice:2026-0001")

        let result = try await test.ledger.erase(RightsLedger.kari)
        #expect(result.erased.count == 4)
        #expect(result.identifiersErased.isEmpty)
        guard case .erasure(let erasure) = result.erasures[0].body else {
            Issue.record("not an erasure")
            return
        }
        #expect(
            erasure.retained == [
                .init(holding: invoice[0].sequence, hold: .bookkeepingObligation, until: instant("2032-01-01"))
            ])
        #expect(!erasure.identifierErased)
        let report = try await test.ledger.issueReport(for: RightsLedger.kari, requestedBy: "dpo")
        #expect(report.erasures.first?.retained.first?.hold == .bookkeepingObligation)
    }

    @Test func executionRechecksThePlan() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.recordOrder()
        try await test.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))
        let plan = try await test.ledger.planErasure(of: RightsLedger.kari)
        #expect(plan.identifiersErased == [RightsLedger.kari])

        // Something new is recorded between the plan and its execution: it is not in the plan, so it
        // stays, and so does the identifier.
        try await test.consent(to: .contactRegister)
        let late = try await test.ledger.record(
            [.email("kari.nordmann@example.no")], about: RightsLedger.kari, in: "marketing.contacts",
            for: .contactRegister)
        let result = try await test.ledger.erase(plan)
        #expect(result.erased.count == 4)
        #expect(result.identifiersErased.isEmpty)
        let kept = try await test.store.facts(about: RightsLedger.kari).first { $0.sequence == late[0].sequence }
        guard case .holding(let holding)? = kept?.body else {
            Issue.record("the late holding is gone")
            return
        }
        #expect(holding.value?.revealed == "kari.nordmann@example.no")
    }

    @Test func unknownHoldingsAndEmptyScopesAreRefused() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.recordOrder()
        let unknown = await #expect(throws: LedgerError.self) {
            try await test.ledger.planErasure(of: RightsLedger.kari, scope: .holdings([999]))
        }
        #expect(unknown?.rule == .invalidRequest)
        #expect(unknown?.message.contains("999") == true)
        let empty = await #expect(throws: LedgerError.self) {
            try await test.ledger.planErasure(of: RightsLedger.kari, scope: .categories([]))
        }
        #expect(empty?.rule == .invalidRequest)
        let typo = await #expect(throws: LedgerError.self) {
            try await test.ledger.planErasure(of: RightsLedger.kari, scope: .purposes(["marketting"]))
        }
        #expect(typo?.rule == .unknownPurpose)
    }
}
