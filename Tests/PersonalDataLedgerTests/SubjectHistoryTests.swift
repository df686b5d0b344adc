import Foundation
import Testing

@testable import PersonalDataLedger
@testable import TestSupport

/// The one fold of a subject's facts: built incrementally, read by every consumer alike.
@Suite struct SubjectHistoryTests {
    /// Kari's order, a rectified phone, an erased email, a disclosure and a restriction.
    func story() async throws -> (KeyedLedger, phone: UInt64, email: UInt64) {
        let test = try await KeyedLedger.make()
        let order = try await test.recordOrder()
        let phone = KeyedLedger.holding(.phone, in: order)
        let email = KeyedLedger.holding(.email, in: order)
        test.clock.advance(by: 60)
        try await test.ledger.rectify(holding: phone, of: KeyedLedger.kari, to: "+47 912 34 568")
        try await test.ledger.disclose([.name, .deliveryAddress], of: KeyedLedger.kari, to: "carrier", for: .shipping)
        try await test.eraseValues([email], of: KeyedLedger.kari)
        try await test.ledger.restrict(KeyedLedger.kari, purpose: .customerAccountAndOrders)
        // Delivered: no legal hold keeps the order's data from the plan.
        try await test.ledger.recordLifecycleEvent(.orderDelivered, reference: "order:50017")
        return (test, phone, email)
    }

    @Test func foldingOneFactAtATimeGivesTheWholeFold() async throws {
        let (test, phone, email) = try await story()
        let facts = try await test.store.facts(about: KeyedLedger.kari)
        var incremental = SubjectHistory()
        for fact in facts { incremental.apply(fact) }
        // Applying a fact twice, or out of order, changes nothing.
        incremental.apply(facts[0])
        let whole = SubjectHistory(facts)
        #expect(incremental.lastSequence == whole.lastSequence)
        #expect(incremental.holdingOrder == whole.holdingOrder)
        #expect(incremental.liveHoldings.map(\.sequence) == whole.liveHoldings.map(\.sequence))
        #expect(whole.holdings[email]?.isErased == true)
        #expect(whole.holdings[phone]?.currentValue?.revealed == "+4791234568")
        #expect(whole.holdings[phone]?.rectifications.count == 1)
        #expect(whole.holdings[phone]?.lookupTokens.count == 2)
        #expect(whole.disclosures.count == 1)
        #expect(whole.restriction(of: KeyedLedger.kari, for: .customerAccountAndOrders) != nil)
        #expect(whole.restriction(of: KeyedLedger.kari, for: .contactRegister) == nil)
    }

    @Test func theReportFindAndErasurePlanReadTheSameHistory() async throws {
        let (test, phone, email) = try await story()
        let report = try await test.ledger.issueReport(for: KeyedLedger.kari, requestedBy: "dpo")
        let plan = try await test.ledger.planErasure(of: KeyedLedger.kari)
        let schedule = try await test.ledger.retentionSchedule(of: KeyedLedger.kari)

        // Erased: the report shows it erased, find does not find it, the plan lists it as done.
        #expect(report.heldData.first { $0.sequence == email }?.valueState == .erased)
        #expect(try await test.ledger.find(email: "kari.nordmann@example.no").isEmpty)
        #expect(plan.alreadyErased == [email])
        #expect(!schedule.map(\.holding).contains(email))

        // Rectified: the report shows the new value; find finds both, the old one not current; the
        // plan erases the rectification with the holding.
        let phoneEntry = try #require(report.heldData.first { $0.sequence == phone })
        #expect(phoneEntry.rectifiedAt != nil)
        let current = try await test.ledger.find(phone: "+4791234568")
        let old = try await test.ledger.find(phone: "+4791234567")
        #expect(current.first?.locations.map(\.isCurrent) == [true])
        #expect(old.first?.locations.map(\.isCurrent) == [false])
        let planned = try #require(plan.erase.first { $0.holding == phone })
        #expect(planned.rectifications.count == 1)

        // Live holdings agree across all of them.
        let live = report.heldData.filter { $0.valueState != .erased }.map(\.sequence)
        #expect(Set(live) == Set(plan.erase.map(\.holding) + plan.keep.map(\.holding)))
        #expect(Set(live) == Set(schedule.map(\.holding)))
    }

    /// Regression: the report folded the restrictions of linked identifiers into one table keyed
    /// by purpose, so one identifier lifting its own restriction hid another's that still stands
    /// (validation and retention, folding per identifier, kept it).
    @Test func aLinkedIdentifierLiftingItsRestrictionDoesNotHideAnothers() async throws {
        let test = try await KeyedLedger.make()
        try await test.recordOrder()
        try await test.ledger.link(KeyedLedger.kari, to: KeyedLedger.kariAtWork)
        try await test.ledger.restrict(KeyedLedger.kari)
        try await test.ledger.restrict(KeyedLedger.kariAtWork)
        try await test.ledger.liftRestriction(KeyedLedger.kariAtWork)
        try await test.ledger.object(KeyedLedger.kari, to: .contactRegister)
        try await test.ledger.object(KeyedLedger.kariAtWork, to: .contactRegister)
        try await test.ledger.withdrawObjection(KeyedLedger.kariAtWork, to: .contactRegister)

        let decision = try await test.ledger.mayProcess(KeyedLedger.kari, for: .customerAccountAndOrders)
        #expect(decision.ground == .restricted)
        let report = try await test.ledger.issueReport(for: KeyedLedger.kariAtWork, requestedBy: "dpo")
        #expect(report.restrictions.map(\.purpose) == [nil])
        #expect(report.objections.map(\.purpose) == [.contactRegister])
    }

    /// Regression: for a request whose receipt names no day (a store that does not keep it), the
    /// report gave the time it was recorded as received, the request list the day a month before
    /// the due date.
    @Test func theReportAndTheRequestListAgreeOnWhenARequestArrived() async throws {
        let test = try await KeyedLedger.make()
        try await test.recordOrder()
        let due = TestLedger.start.addingTimeInterval(20 * 86_400)
        _ = try await test.store.append([
            NewFact(
                recordedAt: TestLedger.start.addingTimeInterval(3600), actor: "dpo",
                body: .request(
                    RequestEvent(
                        requestID: "r-1", subject: KeyedLedger.kari, kind: .access, action: .received, dueAt: due)))
        ])
        let request = try await test.ledger.request("r-1")
        let report = try await test.ledger.issueReport(for: KeyedLedger.kari, requestedBy: "dpo")
        #expect(report.openRequests.map(\.receivedAt) == [request.receivedOn])
        #expect(report.openRequests.map(\.dueAt) == [request.dueAt])
    }

    @Test func validationJudgesAHoldingByStateAlone() async throws {
        let test = try await KeyedLedger.make()
        try await test.ledger.consent(
            .given, by: KeyedLedger.kari, for: .contactRegister, policy: "2018-05-25", channel: "form")
        // A history whose holding values are all erased judges a new holding the same way.
        var history = SubjectHistory(try await test.store.facts(about: KeyedLedger.kari))
        let holding = Holding(
            subject: KeyedLedger.kari, category: .name, system: "marketing.contacts", purpose: .contactRegister,
            basis: .consent, source: .dataSubject, value: nil)
        try test.ledger.validator.holding(permitted: holding, history: history)
        history.apply(
            Fact(
                sequence: history.lastSequence + 1, recordedAt: TestLedger.start, actor: "webshop",
                body: .consentDecision(
                    ConsentDecision(
                        subject: KeyedLedger.kari, purpose: .contactRegister, decision: .withdrawn,
                        policyVersion: "2018-05-25", channel: "form"))))
        #expect(throws: LedgerError.self) { try test.ledger.validator.holding(permitted: holding, history: history) }
    }
}

extension SubjectHistoryTests {
    /// A whole-ledger scan folds each subject's history as the facts stream by; it equals the
    /// history read from the subject's own facts.
    @Test func theStreamingFoldEqualsTheSubjectsOwnFold() async throws {
        let (test, _, _) = try await story()
        try await test.recordOrder(for: KeyedLedger.ola, email: "ola@example.no", reference: "order:50018")
        try await test.ledger.link(KeyedLedger.kari, to: KeyedLedger.kariAtWork)
        var histories = SubjectHistories()
        for fact in try await test.allFacts() { histories.apply(fact) }
        for subject in [KeyedLedger.kari, KeyedLedger.ola, KeyedLedger.kariAtWork] {
            let own = SubjectHistory(try await test.store.facts(about: subject))
            let streamed = histories[subject]
            #expect(streamed.lastSequence == own.lastSequence)
            #expect(streamed.holdingOrder == own.holdingOrder)
            #expect(streamed.liveHoldings.map(\.sequence) == own.liveHoldings.map(\.sequence))
            #expect(streamed.erasures.map(\.sequence) == own.erasures.map(\.sequence))
            #expect(streamed.links.map(\.sequence) == own.links.map(\.sequence))
            #expect(streamed.disclosures.map(\.sequence) == own.disclosures.map(\.sequence))
        }
        #expect(histories.allHoldings.count == 8)
    }
}
