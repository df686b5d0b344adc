import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// Erasure requests are remembered (issue 10, item 4): what a hold keeps is recorded with why and
/// until when, shown in the report, and erased by the retention sweep once the hold ends.
@Suite struct PendingErasureTests {
    /// The values only the order holds: the bookkeeping copy holds the name and billing address.
    static let orderOnly = ["Hyttevegen 7, 2480 Koppang", "kari.order@example.no"]

    /// Kari's undelivered order (name, delivery address, phone, email) and its bookkeeping copy
    /// (name, billing address), a holding of its own.
    static func orderAndInvoice(_ test: RightsLedger) async throws -> (order: [Fact], invoice: [Fact]) {
        let order = try await test.ledger.record(
            [
                .name("Kari Nordmann"), .deliveryAddress(orderOnly[0]), .phone("+47 912 34 567"),
                .email(orderOnly[1]),
            ], about: RightsLedger.kari, in: "webshop.orders", for: .customerAccountAndOrders,
            reference: "order:50017")
        let invoice = try await test.ledger.record(
            [.name("Kari Nordmann"), .billingAddress("Storgata 1, 0155 Oslo")], about: RightsLedger.kari,
            in: "accounting", for: .legalObligations, reference: "invoice:2026-0001")
        return (order, invoice)
    }

    @Test(arguments: StoreFactory.all)
    func anErasureRequestOnAnUndeliveredOrderIsCarriedOutAtDelivery(store: StoreFactory) async throws {
        let test = try await RightsLedger.make(store)
        let (order, invoice) = try await Self.orderAndInvoice(test)
        var values = Self.orderOnly
        if case .holding(let phone) = order[2].body, let stored = phone.value?.revealed { values.append(stored) }

        let result = try await test.ledger.erase(RightsLedger.kari)
        #expect(result.erased.isEmpty)
        #expect(result.erasures.count == 1, "the request is recorded although nothing can go yet")
        let pending = try await test.ledger.pendingErasures(of: RightsLedger.kari)
        #expect(pending.map(\.holding) == (order + invoice).map(\.sequence))
        #expect(pending.prefix(4).allSatisfy { $0.hold == .ongoingContract && $0.untilEvent == .orderDelivered })
        #expect(pending.suffix(2).allSatisfy { $0.hold == .bookkeepingObligation && $0.until == instant("2032-01-01") })
        #expect(pending.allSatisfy { !$0.isDue && $0.reason == .subjectRequest })
        #expect(try await test.ledger.applyRetention().erasures.isEmpty, "the order is not delivered yet")

        try await test.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))
        let due = try await test.ledger.retentionDue()
        #expect(due.requested.map(\.holding) == order.map(\.sequence))
        #expect(due.holdings.isEmpty, "the order's own retention runs two more years")

        let sweep = try await test.ledger.applyRetention()
        #expect(sweep.requested.map(\.holding) == order.map(\.sequence))
        guard case .erasure(let erasure) = try #require(sweep.erasures.first).body else {
            Issue.record("not an erasure")
            return
        }
        #expect(erasure.reason == .subjectRequest)
        #expect(Set(erasure.erased) == Set(order.map(\.sequence)))
        for needle in values {
            let facts = try await test.store.facts(about: RightsLedger.kari)
            #expect(!facts.contains { $0.body.personalValues.contains { $0.revealed == needle } })
            if let directory = test.owner as? TemporaryDirectory {
                #expect(FileStoreTesting.filesContaining(needle, in: directory.ledger).isEmpty, "\(needle) survives")
            }
        }
        // The bookkeeping copy stays for its own period, and still waits for it.
        let left = try await test.ledger.pendingErasures(of: RightsLedger.kari)
        #expect(left.map(\.holding) == invoice.map(\.sequence))
        if let directory = test.owner as? TemporaryDirectory {
            #expect(FileStoreTesting.filesContaining("Storgata 1, 0155 Oslo", in: directory.ledger) == ["values.vault"])
        }
        #expect(try await test.ledger.applyRetention().erasures.isEmpty)

        test.move(to: instant("2032-01-01"))
        let last = try await test.ledger.applyRetention()
        #expect(last.requested.map(\.holding) == invoice.map(\.sequence))
        #expect(try await test.ledger.pendingErasures(of: RightsLedger.kari).isEmpty)
        try await test.store.verify()
    }

    @Test func anOpenCaseKeepsTheComplaintUntilItCloses() async throws {
        let test = try await RightsLedger.make(.inMemory)
        let complaint = try await test.ledger.record(
            [.phone("+47 912 34 567")], about: RightsLedger.kari, in: "service.cases", for: .complaintsAndService,
            reference: "case:7001")
        try await test.ledger.erase(RightsLedger.kari)
        #expect(try await test.ledger.pendingErasures(of: RightsLedger.kari).map(\.untilEvent) == [.caseClosed])
        try await test.event(.caseClosed, "case:7001", at: instant("2026-04-01T10:00:00Z"))
        let sweep = try await test.ledger.applyRetention()
        #expect(
            sweep.requested.map(\.holding) == complaint.map(\.sequence), "erased for the request, not its retention")
        #expect(try await test.ledger.pendingErasures(of: RightsLedger.kari).isEmpty)
    }

    @Test func aRestrictedPendingErasureWaitsForTheRestrictionToBeLifted() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.recordOrder()
        try await test.ledger.erase(RightsLedger.kari)
        try await test.ledger.restrict(RightsLedger.kari)
        try await test.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))
        #expect(try await test.ledger.applyRetention().erasures.isEmpty)
        try await test.ledger.liftRestriction(RightsLedger.kari)
        #expect(try await test.ledger.applyRetention().requested.count == 4)
    }

    /// The letter says what was kept, why and until when, in the person's language.
    struct LetterCase: Sendable, CustomTestStringConvertible {
        let language: Language
        let heading: String
        let until: String
        let lastDay: String
        /// The held data's own end for a holding that waits: erased then, not "as the rule says".
        let keptLine: String
        /// The erasure that erased nothing yet says so, not "0 values erased".
        let nothingYet: String
        var testDescription: String { language.rawValue }
    }

    @Test(arguments: [
        LetterCase(
            language: .english, heading: "Erasure you asked for that must wait",
            until: "an ongoing contract with you needs it, until the order is delivered", lastDay: "31 December 2031",
            keptLine: "until the order is delivered, then erased as you asked", nothingYet: "nothing erased yet"),
        LetterCase(
            language: .norwegianBokmal, heading: "Sletting du har bedt om, men som må vente",
            until: "til ordren er levert. Da sletter vi det.", lastDay: "31. desember 2031",
            keptLine: "til ordren er levert, deretter slettet slik du har bedt om", nothingYet: "ingenting slettet ennå"
        ),
    ])
    func theLetterShowsThePendingErasure(_ row: LetterCase) async throws {
        let (language, heading, until, lastDay) = (row.language, row.heading, row.until, row.lastDay)
        let test = try await RightsLedger.make(.inMemory)
        _ = try await Self.orderAndInvoice(test)
        try await test.ledger.erase(RightsLedger.kari)
        let report = try await test.ledger.issueReport(for: RightsLedger.kari, requestedBy: "dpo")
        #expect(report.pendingErasures?.count == 6)
        for text in [report.plainText(in: language), report.markdown(in: language), report.htmlLetter(in: language)] {
            #expect(text.contains(heading))
            #expect(text.contains(until))
        }
        // The bookkeeping copy names the last day kept, as "kept until" does.
        #expect(report.plainText(in: language).contains(lastDay))
        #expect(report.plainText(in: language).contains(row.keptLine))
        #expect(report.plainText(in: language).contains(row.nothingYet))
        let decoded = try AccessReport(jsonData: report.jsonData())
        #expect(decoded.pendingErasures == report.pendingErasures)
    }
}
