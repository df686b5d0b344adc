import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// One holding the Focus Nordic catalog allows: a purpose, a category it may hold, a basis it may
/// rest on, with or without a business reference, with or without the person's consent to the
/// purpose kept in force.
struct CatalogHolding: Sendable, CustomTestStringConvertible {
    let purpose: Purpose
    let category: DataCategory
    let basis: LegalBasis
    let hasReference: Bool
    let consentKept: Bool

    var testDescription: String {
        "\(purpose)/\(category)/\(basis)" + (hasReference ? " with a reference" : " without a reference")
            + (consentKept ? ", consent kept" : "")
    }

    /// The business object the holding belongs to: the order itself for order data, otherwise an
    /// object (a case, an application, a campaign, an employment) that concerns the order.
    var reference: BusinessReference? {
        guard hasReference else { return nil }
        return purpose == .customerAccountAndOrders ? CatalogHolding.order : "ref:walk"
    }

    static let order: BusinessReference = "order:walk"

    /// Every combination the catalog allows; a holding under consent needs consent to record it.
    static let all: [CatalogHolding] = Catalog.focusNordic.purposes.values.sorted { $0.id < $1.id }.flatMap {
        definition in
        definition.allowedCategories.sorted().flatMap { category in
            definition.allowedBases.sorted().flatMap { basis in
                [false, true].flatMap { hasReference in
                    [false, true].compactMap { consentKept in
                        basis == .consent && !consentKept
                            ? nil
                            : CatalogHolding(
                                purpose: definition.id, category: category, basis: basis, hasReference: hasReference,
                                consentKept: consentKept)
                    }
                }
            }
        }
    }
}

/// A lifecycle that always ends (issue 10, item 3): every holding the catalog allows has a
/// retention end that some sequence of lifecycle events reaches.
@Suite struct CatalogLifecycleTests {
    /// Records the holding, then every lifecycle event the catalog declares — each on the
    /// holding's own reference, except the delivery, which happens to the order that reference
    /// concerns — and, only for a holding that rests on consent, the withdrawal. The end must then
    /// be a date, and the holding due on it. A holding whose retention could never end (no
    /// business object for a rule that only starts at one) may not be recorded at all.
    @Test(arguments: CatalogHolding.all)
    func everyCatalogHoldingHasAReachableRetentionEnd(_ row: CatalogHolding) async throws {
        let test = try await RightsLedger.make(.inMemory)
        let ledger = test.ledger
        if row.consentKept { try await test.consent(to: row.purpose) }
        let recorded: [Fact]
        do {
            recorded = try await ledger.record(
                [DataItem(row.category)], about: RightsLedger.kari, in: "webshop.orders", for: row.purpose,
                basis: row.basis, reference: row.reference)
        } catch let error as LedgerError {
            #expect(error.rule == .referenceRequired, "\(error)")
            #expect(!row.hasReference && row.basis != .consent)
            #expect(try await test.store.facts(about: RightsLedger.kari).allSatisfy { $0.body.kind != .holding })
            return
        }
        let holding = recorded[0].sequence

        test.move(to: TestLedger.start.addingTimeInterval(86_400))
        if let reference = row.reference, reference != CatalogHolding.order {
            try await ledger.linkReference(reference, concerns: CatalogHolding.order)
        }
        for kind in Catalog.focusNordic.declaredLifecycleKinds.sorted() {
            let on = kind == .orderDelivered ? CatalogHolding.order : row.reference ?? "ref:unrelated"
            try await ledger.recordLifecycleEvent(kind, reference: on)
        }
        var end = try await ledger.retentionSchedule(of: RightsLedger.kari).first { $0.holding == holding }?.end
        if end?.date == nil, row.basis == .consent {
            try await test.consent(.withdrawn, to: row.purpose)
            end = try await ledger.retentionSchedule(of: RightsLedger.kari).first { $0.holding == holding }?.end
        }
        let date = try #require(end?.date, "never ends: \(String(describing: end))")
        let due = try await ledger.retentionDue(asOf: date)
        #expect(due.holdings.map(\.holding).contains(holding))
    }

    /// The consent-kept complaint case the issue reproduced: kept until the warranty counted from
    /// the delivery of the order the case concerns; without the link it would wait for ever.
    @Test(arguments: StoreFactory.all)
    func complaintDataWithConsentEndsWithTheWarrantyOfTheOrderTheCaseConcerns(store: StoreFactory) async throws {
        let test = try await RightsLedger.make(store)
        try await test.recordOrder()
        try await test.consent(to: .complaintsAndService)
        try await test.ledger.record(
            [.phone("+47 912 34 567")], about: RightsLedger.kari, in: "service.cases", for: .complaintsAndService,
            reference: "case:9001")
        try await test.event(.orderDelivered, "order:50017", at: RetentionCase.delivered)
        try await test.event(.caseClosed, "case:9001", at: RetentionCase.caseClosed)
        func complaintEnd() async throws -> RetentionEnd? {
            let schedule = try await test.ledger.retentionSchedule(of: RightsLedger.kari)
            return schedule.first { $0.purpose == .complaintsAndService }?.end
        }
        #expect(try await complaintEnd() == .event([.orderDelivered], consentWithdrawal: true))

        try await test.ledger.linkReference("case:9001", concerns: "order:50017")
        #expect(try await complaintEnd() == .date(instant("2028-03-11")))
        let sweep = try await test.ledger.applyRetention()
        #expect(sweep.erased.isEmpty, "the case closed, but consent keeps it to the end of the warranty")
        test.move(to: instant("2028-03-11"))
        #expect(try await test.ledger.applyRetention().erased.map(\.purpose).contains(.complaintsAndService))
    }

    @Test func aReferenceLinkNamesTwoDifferentObjects() async throws {
        let test = try await RightsLedger.make(.inMemory)
        let count = try await test.store.integrityHead().count
        for (reference, other) in [("case:1", "case:1"), ("", "order:1"), ("case:1", "")] {
            let error = try await #require(throws: LedgerError.self) {
                try await test.ledger.linkReference(BusinessReference(reference), concerns: BusinessReference(other))
            }
            #expect(error.rule == .invalidRequest)
        }
        #expect(try await test.store.integrityHead().count == count)
    }

    /// Account data that belongs to no single order runs from the customer's last delivered
    /// order: while one is undelivered it waits; a customer without orders is kept the complaint
    /// period after the data was recorded.
    @Test func accountDataWithoutAnOrderRunsFromTheLastDeliveredOrder() async throws {
        let test = try await RightsLedger.make(.inMemory)
        let account = try await test.ledger.record(
            [.email("kari.nordmann@example.no")], about: RightsLedger.kari, in: "webshop.accounts",
            for: .customerAccountAndOrders)
        func accountEnd() async throws -> RetentionEnd? {
            let schedule = try await test.ledger.retentionSchedule(of: RightsLedger.kari)
            return schedule.first { $0.holding == account[0].sequence }?.end
        }
        #expect(try await accountEnd() == .date(instant("2028-03-03")), "no order: two years after 2026-03-02")

        try await test.recordOrder(reference: "order:1")
        try await test.recordOrder(reference: "order:2")
        #expect(try await accountEnd() == .event([.orderDelivered], consentWithdrawal: false))
        try await test.event(.orderDelivered, "order:1", at: RetentionCase.delivered)
        #expect(try await accountEnd() == .event([.orderDelivered], consentWithdrawal: false))
        try await test.event(.orderDelivered, "order:2", at: instant("2026-06-01T12:00:00Z"))
        #expect(try await accountEnd() == .date(instant("2028-06-02")))
        // Each order's own data still runs from its own delivery.
        let ends = try await test.ledger.retentionSchedule(of: RightsLedger.kari).filter { $0.reference == "order:1" }
        #expect(ends.allSatisfy { $0.end == .date(instant("2028-03-11")) })
    }

    @Test func aHoldingWhoseRetentionCouldNeverEndIsRefusedAndNamesNoValue() async throws {
        let test = try await RightsLedger.make(.inMemory)
        let count = try await test.store.integrityHead().count
        let error = try await #require(throws: LedgerError.self) {
            try await test.ledger.record(
                [.phone("+47 912 34 567")], about: RightsLedger.kari, in: "service.cases", for: .complaintsAndService)
        }
        #expect(error.rule == .referenceRequired)
        #expect(error.message.contains("caseClosed") && error.message.contains("reference"))
        #expect(!error.message.contains("912"))
        #expect(try await test.store.integrityHead().count == count)
    }
}
