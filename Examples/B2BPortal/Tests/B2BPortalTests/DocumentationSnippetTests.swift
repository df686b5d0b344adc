import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
import PersonalDataLedgerTesting
import Testing

// The code of the DocC articles (Sources/PersonalDataLedger/PersonalDataLedger.docc), run as
// written, so the documentation cannot drift from the API. Kept here because this example is
// the cheapest package that links the library; each test names its article.

/// A ledger at 2026-03-02 with the policy version the articles use published.
func articleLedger(
    store: any LedgerStore = InMemoryLedgerStore(),
    clock: ManualClock = ManualClock(Date(timeIntervalSince1970: 1_772_442_000))
) async throws -> Ledger {
    let ledger = Ledger(
        store: store, catalog: .focusNordic, region: .norway, actor: "webshop", clock: clock.ledgerClock)
    try await ledger.publishPolicy(
        version: "2018-05-25", effectiveFrom: Date(timeIntervalSince1970: 1_527_206_400), isMajor: true)
    return ledger
}

@Suite struct GettingStarted {
    @Test func theWalkThrough() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "pdl-docs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try FileLedgerStore(directory: directory)
        let key = try store.identifierKey(creatingIfAbsent: true)
        let ledger = Ledger(store: store, catalog: .focusNordic, region: .norway, actor: "webshop", identifierKey: key)

        try await ledger.publishPolicy(
            version: "2018-05-25", effectiveFrom: Date(timeIntervalSince1970: 1_527_206_400), isMajor: true)

        let kari: SubjectID = "customer:10001"
        try await ledger.record(
            [.name("Kari Nordmann"), .email("kari.nordmann@example.no"), .deliveryAddress("Storgata 1, 0155 Oslo")],
            about: kari, in: "webshop.orders", for: .customerAccountAndOrders,
            source: .dataSubject, reference: "order:50017")
        try await ledger.disclose(
            [.name, .deliveryAddress], of: kari, to: "carrier", for: .shipping,
            reference: "order:50017")
        try await ledger.recordLifecycleEvent(.orderDelivered, reference: "order:50017")
        try await ledger.consent(
            .given, by: kari, for: .contactRegister, policy: "2018-05-25",
            channel: "checkout-checkbox", evidence: "form:checkout-v3")

        let decision = try await ledger.mayProcess(kari, for: .contactRegister)
        #expect(decision.isAllowed)

        var refusal: LedgerError?
        do {
            try await ledger.record(
                [.nationalIDNumber("16822548834")], about: kari, in: "webshop.orders",
                for: .customerAccountAndOrders, reference: "order:50017")
        } catch let error as LedgerError where error.rule == .purposeLimitation {
            refusal = error
        }
        #expect(
            refusal?.message.hasPrefix("Purpose 'customerAccountAndOrders' may not hold category 'nationalIDNumber'")
                == true)

        let matches = try await ledger.find(email: "Kari.Nordmann@example.no")
        #expect(matches.map(\.subject) == [kari])
        let report = try await ledger.issueReport(for: matches[0].subject, requestedBy: "dpo")
        let json = try report.jsonData()
        let letter = report.htmlLetter(in: .norwegianBokmal, catalog: ledger.catalog, country: .norway)
        #expect(try AccessReport(jsonData: json).heldData.count == 3)
        #expect(letter.contains("Kari Nordmann"))
        #expect(report.recipients.contains { $0.recipient == "carrier" })
        try await store.close()
    }

    @Test func aManualClock() {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_772_442_000))
        let ledger = Ledger(store: InMemoryLedgerStore(), clock: clock.ledgerClock)
        clock.advance(by: 60)
        #expect(ledger.clock.now() == Date(timeIntervalSince1970: 1_772_442_060))
    }
}

@Suite struct RecordingFacts {
    @Test func everyKindOfFact() async throws {
        let ledger = try await articleLedger()
        try await ledger.record(
            [.name("Kari Nordmann"), .deliveryAddress("Storgata 1, 0155 Oslo"), .phone("+47 912 34 567")],
            about: "customer:10001", in: "webshop.orders", for: .customerAccountAndOrders,
            basis: .contract, source: .dataSubject, reference: "order:50017")
        try await ledger.disclose(
            [.name, .deliveryAddress], of: "customer:10001", to: "carrier",
            for: .shipping, reference: "order:50017")
        try await ledger.grantAccess(
            to: "backup-provider", on: "webshop.orders", for: .backup,
            from: Date(timeIntervalSince1970: 1_704_067_200))
        try await ledger.recordLifecycleEvent(.orderDelivered, reference: "order:50017")
        try await ledger.link("b2b:nordlys-foto:rep-1", to: "customer:10001")

        var rule: LedgerError.Rule?
        do {
            try await ledger.record(
                [.email("kari(at)example.no")], about: "customer:10001",
                in: "webshop.orders", for: .customerAccountAndOrders)
        } catch let error as LedgerError {
            switch error.rule {
            case .malformedValue: rule = error.rule
            default: throw error
            }
        }
        #expect(rule == .malformedValue)

        let report = try await ledger.issueReport(for: "customer:10001", requestedBy: "dpo")
        #expect(Set(report.recipients.map(\.recipient)) == ["carrier", "backup-provider"])
        #expect(report.linkedSubjects == ["b2b:nordlys-foto:rep-1"])
        #expect(report.heldData.first { $0.category == .phone }?.value == "+4791234567")
    }

    @Test func extendingTheCatalog() async throws {
        var catalog = Catalog.focusNordic
        catalog.add(SystemDefinition("crm", label: [.english: "CRM", .norwegianBokmal: "CRM"]))
        catalog.purposes[.contactRegister]?.allowedCategories.insert(.billingAddress)
        let ledger = Ledger(store: InMemoryLedgerStore(), catalog: catalog)
        try await ledger.record([DataItem(.billingAddress)], about: "customer:1", in: "crm", for: .legalObligations)
        #expect(DataCategory.loyaltyNumber.rawValue == "loyaltyNumber")
    }
}

extension DataCategory {
    static let loyaltyNumber: Self = "loyaltyNumber"
}

@Suite struct Consent {
    @Test func givingWithdrawingAsking() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_772_442_000))
        let ledger = try await articleLedger(clock: clock)
        let kari: SubjectID = "customer:10001"
        try await ledger.consent(
            .given, by: kari, for: .contactRegister, policy: "2018-05-25",
            channel: "checkout-checkbox", evidence: "form:checkout-v3")
        try await ledger.record(
            [.email("kari.nordmann@example.no")], about: kari,
            in: "marketing.contacts", for: .contactRegister, basis: .consent)
        clock.advance(by: 86_400)
        try await ledger.consent(
            .withdrawn, by: kari, for: .contactRegister, policy: "2018-05-25",
            channel: "unsubscribe-link", evidence: "mail:newsletter-2026-05")

        let decision = try await ledger.mayProcess(kari, for: .contactRegister)
        #expect(!decision.isAllowed && decision.ground == .consentWithdrawn)
        #expect("\(decision)".hasPrefix("not allowed (consentWithdrawn, evidence #"))
        await #expect(throws: LedgerError.self) {
            try await ledger.record(
                [.email("kari.nordmann@example.no")], about: kari,
                in: "marketing.contacts", for: .contactRegister, basis: .consent)
        }

        let then = try await ledger.consentState(
            of: kari, for: .contactRegister,
            at: Date(timeIntervalSince1970: 1_772_442_000))
        #expect(then.isInForce && !then.isStale)

        try await ledger.object(kari, to: .contactRegister)
        #expect(try await ledger.mayProcess(kari, for: .contactRegister).ground == .objected)
        #expect(try await ledger.consentRecords(for: kari).records.count == 1)
        #expect(try await ledger.notificationList(for: "2018-05-25").version == "2018-05-25")
    }
}

@Suite struct Retention {
    @Test func settingsScheduleAndSweep() async throws {
        var settings = RetentionSettings.nordicDefaults
        settings.regions[.norway]?.consumerComplaint = .years(5)
        settings.regions[.finland]?.consumerComplaint = .years(2)
        _ = Ledger(store: InMemoryLedgerStore(), region: .finland, retention: settings)

        let clock = ManualClock(Date(timeIntervalSince1970: 1_772_442_000))  // 2026-03-02
        let ledger = try await articleLedger(clock: clock)
        try await ledger.record(
            [.name("Kari Nordmann")], about: "customer:10001", in: "webshop.orders",
            for: .customerAccountAndOrders, reference: "order:50017")
        clock.advance(by: 3 * 86_400)
        try await ledger.recordLifecycleEvent(.orderDelivered, reference: "order:50017")

        _ = RetentionRule(
            summary: [
                .english: "Kept for the complaint period after delivery.",
                .norwegianBokmal: "Lagres i reklamasjonsfristen etter levering.",
            ],
            clocks: [.init(startsAt: .event(.orderDelivered), keepFor: .consumerComplaint)])

        let schedule = try await ledger.retentionSchedule(of: "customer:10001")
        #expect(
            "\(schedule[0].category) \(schedule[0].purpose) \(schedule[0].end)"
                == "name customerAccountAndOrders until 2028-03-06T00:00:00Z")

        #expect(try await ledger.retentionDue().holdings.isEmpty)
        clock.advance(by: 3 * 365 * 86_400)
        let due = try await ledger.retentionDue()
        #expect(due.holdings.map(\.category) == [.name])
        #expect(due.holdings[0].rule.text(in: .english).hasPrefix("Active until fully delivered"))
        let sweep = try await ledger.applyRetention(actor: "dpo")
        #expect(sweep.erased.count == 1 && sweep.deferred.isEmpty)
        #expect(try await ledger.retentionDue().holdings.isEmpty)
    }
}

@Suite struct Erasure {
    @Test func planThenErase() async throws {
        let ledger = try await articleLedger()
        try await ledger.record(
            [.name("Kari Nordmann"), .email("kari.nordmann@example.no"), .deliveryAddress("Storgata 1, 0155 Oslo")],
            about: "customer:10001", in: "webshop.orders", for: .customerAccountAndOrders, reference: "order:50017")
        try await ledger.record(
            [.name("Kari Nordmann"), .billingAddress("Storgata 1, 0155 Oslo")],
            about: "customer:10001", in: "accounting", for: .legalObligations, reference: "order:50017")
        try await ledger.disclose(
            [.name, .deliveryAddress], of: "customer:10001", to: "carrier", for: .shipping,
            reference: "order:50017")
        try await ledger.recordLifecycleEvent(.orderDelivered, reference: "order:50017")

        let emailOnly = try await ledger.planErasure(of: "customer:10001", scope: .categories([.email]))
        #expect(emailOnly.erase.map(\.category) == [.email])

        let plan = try await ledger.planErasure(of: "customer:10001", scope: .everything, reason: .subjectRequest)
        #expect(Set(plan.erase.map(\.category)) == [.name, .email, .deliveryAddress])
        #expect(plan.keep.allSatisfy { $0.hold == .bookkeepingObligation && $0.until != nil })
        #expect(plan.keep.count == 2 && plan.identifiersErased.isEmpty)

        let result = try await ledger.erase(plan, actor: "dpo")
        #expect(result.recipientsToTell.map(\.recipient) == ["carrier"])
        #expect(try await ledger.erase(ledger.planErasure(of: "customer:10001"), actor: "dpo").isNoOp)
        let facts = try await ledger.store.facts(about: "customer:10001")
        #expect(facts.contains { $0.body.personalValues == [.erased] })
        try await ledger.store.verify()  // erasure does not break the chain
    }
}
