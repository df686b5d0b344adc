import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// Each rule of DESIGN.md §3.2 that the ledger enforces: the write is refused with the rule named,
/// the message holds no personal value, and nothing is recorded.
@Suite struct LedgerValidationTests {
    /// Runs `write`, expects a refusal for `rule`, and checks the store did not change.
    func expectRefusal(
        _ rule: LedgerError.Rule, in test: TestLedger, mentioning forbidden: [String] = [],
        _ write: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = try await test.store.integrityHead()
        do {
            try await write()
            Issue.record("expected a refusal for \(rule)", sourceLocation: sourceLocation)
        } catch let error as LedgerError {
            #expect(error.rule == rule, sourceLocation: sourceLocation)
            for value in forbidden {
                #expect(
                    !error.message.contains(value), "the message echoes a personal value",
                    sourceLocation: sourceLocation)
                #expect(!"\(error)".contains(value), sourceLocation: sourceLocation)
            }
        }
        #expect(
            try await test.store.integrityHead() == before, "a refused write changed the store",
            sourceLocation: sourceLocation)
    }

    @Test func unknownCategoryIsRefused() async throws {
        let test = try await TestLedger.make()
        try await expectRefusal(.unknownCategory, in: test) {
            try await test.ledger.record(
                [.init("emial", value: "kari@example.no")], about: TestLedger.kari, in: "webshop.orders",
                for: .customerAccountAndOrders)
        }
    }

    @Test func unknownPurposeIsRefused() async throws {
        let test = try await TestLedger.make()
        try await expectRefusal(.unknownPurpose, in: test) {
            try await test.ledger.record(
                [.name("Kari")], about: TestLedger.kari, in: "webshop.orders", for: "profiling")
        }
    }

    @Test func unknownSystemIsRefused() async throws {
        let test = try await TestLedger.make()
        try await expectRefusal(.unknownSystem, in: test) {
            try await test.ledger.record(
                [.name("Kari")], about: TestLedger.kari, in: "webshop.order", for: .customerAccountAndOrders)
        }
    }

    @Test func unknownRecipientIsRefused() async throws {
        let test = try await TestLedger.make()
        try await test.recordKarisOrder()
        try await expectRefusal(.unknownRecipient, in: test) {
            try await test.ledger.disclose([.name], of: TestLedger.kari, to: "carier", for: .shipping)
        }
    }

    @Test func unknownOccasionIsRefused() async throws {
        let test = try await TestLedger.make()
        try await test.recordKarisOrder()
        try await expectRefusal(.unknownOccasion, in: test) {
            try await test.ledger.disclose([.name], of: TestLedger.kari, to: "carrier", for: "marketingResale")
        }
    }

    @Test func aMisspeltLifecycleKindIsRefused() async throws {
        let test = try await TestLedger.make()
        try await expectRefusal(.unknownLifecycleKind, in: test) {
            try await test.ledger.recordLifecycleEvent("orderDeliverd", reference: "order:50017")
        }
    }

    @Test func aCatalogDeclaresTheKindsItsRetentionRulesStartAt() {
        var catalog = Catalog.focusNordic
        catalog.lifecycleKinds = []
        #expect(catalog.declaredLifecycleKinds.contains(.orderDelivered))
        #expect(!catalog.declaredLifecycleKinds.contains("orderDeliverd"))
    }

    @Test(arguments: [
        (Purpose.customerAccountAndOrders, DataCategory.nationalIDNumber),
        (.customerAccountAndOrders, .bankAccount),
        (.contactRegister, .billingAddress),
        (.contactRegister, .ipAddress),
        (.jobApplicants, .deliveryAddress),
        (.legalObligations, .ipAddress),
        (.complaintsAndService, .bankAccount),
        (.campaignsAndCompetitions, .ipAddress),
    ])
    func purposeLimitationRefusesUndeclaredCategories(purpose: Purpose, category: DataCategory) async throws {
        let test = try await TestLedger.make()
        try await test.ledger.consent(.given, by: TestLedger.kari, for: purpose, policy: "2018-05-25", channel: "form")
        try await expectRefusal(.purposeLimitation, in: test) {
            try await test.ledger.record(
                [.init(category)], about: TestLedger.kari, in: "webshop.orders", for: purpose)
        }
    }

    @Test func basisThePurposeDoesNotAllowIsRefused() async throws {
        let test = try await TestLedger.make()
        try await expectRefusal(.basisNotAllowed, in: test) {
            try await test.ledger.record(
                [.name("Kari")], about: TestLedger.kari, in: "webshop.orders", for: .customerAccountAndOrders,
                basis: .legitimateInterests)
        }
    }

    @Test func consentBasedHoldingWithoutConsentIsRefused() async throws {
        let test = try await TestLedger.make()
        try await expectRefusal(.consentRequired, in: test, mentioning: ["kari.nordmann@example.no"]) {
            try await test.ledger.record(
                [.email("kari.nordmann@example.no")], about: TestLedger.kari, in: "marketing.contacts",
                for: .contactRegister)
        }
    }

    @Test func consentBasedHoldingAfterWithdrawalIsRefused() async throws {
        let test = try await TestLedger.make()
        try await test.ledger.consent(
            .given, by: TestLedger.kari, for: .contactRegister, policy: "2018-05-25", channel: "checkout")
        try await test.ledger.record(
            [.email("kari.nordmann@example.no")], about: TestLedger.kari, in: "marketing.contacts",
            for: .contactRegister)
        test.clock.advance(by: 60)
        try await test.ledger.consent(
            .withdrawn, by: TestLedger.kari, for: .contactRegister, policy: "2018-05-25", channel: "unsubscribe-link")
        try await expectRefusal(.consentRequired, in: test) {
            try await test.ledger.record(
                [.name("Kari")], about: TestLedger.kari, in: "marketing.contacts", for: .contactRegister)
        }
    }

    @Test func consentUnderAnUnpublishedPolicyIsRefused() async throws {
        let test = try await TestLedger.make()
        try await expectRefusal(.unknownPolicyVersion, in: test) {
            try await test.ledger.consent(
                .given, by: TestLedger.kari, for: .contactRegister, policy: "2031-01-01", channel: "form")
        }
    }

    @Test func disclosureOutsideTheRecipientsAgreementIsRefused() async throws {
        let test = try await TestLedger.make()
        try await test.recordKarisOrder()
        try await expectRefusal(.recipientOccasion, in: test) {
            try await test.ledger.disclose([.name, .email], of: TestLedger.kari, to: "carrier", for: .customerSupport)
        }
    }

    @Test func grantOutsideTheRecipientsAgreementIsRefused() async throws {
        let test = try await TestLedger.make()
        try await expectRefusal(.recipientOccasion, in: test) {
            try await test.ledger.grantAccess(
                to: "backup-provider", on: "webshop.orders", for: .development, from: TestLedger.start)
        }
    }

    @Test func disclosureOfACategoryNotHeldIsRefused() async throws {
        let test = try await TestLedger.make()
        try await test.recordKarisOrder()
        try await expectRefusal(.invalidRequest, in: test) {
            try await test.ledger.disclose([.nationalIDNumber], of: TestLedger.kari, to: "carrier", for: .shipping)
        }
    }

    @Test(arguments: [
        DataItem.email("kari.nordmann(at)example.no"),
        .email("kari@"),
        .phone("12"),
        .phone("+47 912 34 567 888 999 000"),
        .name("   "),
    ])
    func malformedValuesAreRefusedWithoutEchoingThem(item: DataItem) async throws {
        let test = try await TestLedger.make()
        let raw = item.value!.revealed!
        let forbidden = raw.trimmingCharacters(in: .whitespaces).isEmpty ? [] : [raw]
        try await expectRefusal(.malformedValue, in: test, mentioning: forbidden) {
            try await test.ledger.record(
                [item], about: TestLedger.kari, in: "webshop.orders", for: .customerAccountAndOrders)
        }
    }

    @Test func malformedNationalIDNumberIsRefusedWithoutEchoingIt() async throws {
        let test = try await TestLedger.make()
        try await expectRefusal(.malformedValue, in: test, mentioning: ["16822548835", "168225"]) {
            try await test.ledger.record(
                [.nationalIDNumber("16822548835")], about: TestLedger.kari, in: "service.cases",
                for: .complaintsAndService, reference: "case:7001")
        }
    }

    @Test func oneBadItemRefusesTheWholeRecord() async throws {
        let test = try await TestLedger.make()
        try await expectRefusal(.malformedValue, in: test) {
            try await test.ledger.record(
                [.name("Kari Nordmann"), .email("not-an-email")], about: TestLedger.kari, in: "webshop.orders",
                for: .customerAccountAndOrders)
        }
        #expect(try await test.store.facts(about: TestLedger.kari).isEmpty)
    }

    @Test func specialCategoryWithoutAnArticle9ConditionIsRefused() async throws {
        var catalog = Catalog.focusNordic
        catalog.add(CategoryDefinition("healthData", label: .init("Health data"), sensitivity: .specialCategory))
        catalog.purposes[.complaintsAndService]?.allowedCategories.insert("healthData")
        let test = try await TestLedger.make(catalog: catalog)
        try await expectRefusal(.specialCategory, in: test) {
            try await test.ledger.record(
                [.init("healthData", value: "allergic to latex")], about: TestLedger.kari, in: "service.cases",
                for: .complaintsAndService, reference: "case:7001")
        }
        try await test.ledger.record(
            [.init("healthData", value: "allergic to latex")], about: TestLedger.kari, in: "service.cases",
            for: .complaintsAndService, reference: "case:7001", specialCategoryCondition: .legalClaims)
    }

    @Test func objectionToDirectMarketingRefusesEverythingForIt() async throws {
        let test = try await TestLedger.make()
        try await test.ledger.consent(
            .given, by: TestLedger.kari, for: .contactRegister, policy: "2018-05-25", channel: "checkout")
        try await test.ledger.object(TestLedger.kari, to: .contactRegister)
        try await expectRefusal(.objection, in: test) {
            try await test.ledger.record(
                [.name("Kari")], about: TestLedger.kari, in: "marketing.contacts", for: .contactRegister)
        }
        #expect(try await !test.ledger.mayProcess(TestLedger.kari, for: .contactRegister).isAllowed)
    }

    @Test func restrictionRefusesNewRecordsAndDisclosures() async throws {
        let test = try await TestLedger.make()
        try await test.recordKarisOrder()
        try await test.ledger.restrict(TestLedger.kari)
        try await expectRefusal(.restriction, in: test) {
            try await test.ledger.record(
                [.phone("+4791234567")], about: TestLedger.kari, in: "webshop.orders", for: .customerAccountAndOrders)
        }
        try await expectRefusal(.restriction, in: test) {
            try await test.ledger.disclose([.name], of: TestLedger.kari, to: "carrier", for: .shipping)
        }
        try await test.ledger.liftRestriction(TestLedger.kari)
        try await test.ledger.disclose([.name], of: TestLedger.kari, to: "carrier", for: .shipping)
    }

    @Test(arguments: ["", "customer 10001", "customer:\n1", String(repeating: "x", count: 201)])
    func malformedSubjectIDsAreRefused(raw: String) async throws {
        let test = try await TestLedger.make()
        try await expectRefusal(.malformedSubjectID, in: test) {
            try await test.ledger.record(
                [.name("Kari")], about: SubjectID(raw), in: "webshop.orders", for: .customerAccountAndOrders)
        }
    }

    @Test func valuesAreStoredNormalised() async throws {
        let test = try await TestLedger.make()
        let facts = try await test.ledger.record(
            [.phone("912 34 567"), .email("  Kari.Nordmann@EXAMPLE.no ")], about: TestLedger.kari, in: "webshop.orders",
            for: .customerAccountAndOrders)
        #expect(facts.map { $0.body.personalValues.first?.revealed } == ["+4791234567", "Kari.Nordmann@example.no"])
    }

    @Test func aUserCatalogCanDeclareNewVocabulary() async throws {
        var catalog = Catalog.focusNordic
        catalog.add(SystemDefinition("crm", label: .init("CRM")))
        catalog.purposes[.contactRegister]?.allowedCategories.insert(.billingAddress)
        let test = try await TestLedger.make(catalog: catalog)
        try await test.ledger.consent(
            .given, by: TestLedger.kari, for: .contactRegister, policy: "2018-05-25", channel: "form")
        try await test.ledger.record(
            [.billingAddress("Storgata 1, 0155 Oslo")], about: TestLedger.kari, in: "crm", for: .contactRegister)
        #expect(try await test.store.facts(about: TestLedger.kari).count == 2)
    }
}
