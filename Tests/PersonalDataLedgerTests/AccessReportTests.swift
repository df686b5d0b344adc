import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct AccessReportTests {
    /// Kari's story: an order, a carrier, a backup grant, a complaint with her national ID
    /// number, a newsletter consent given and withdrawn.
    func karisStory() async throws -> TestLedger {
        let test = try await TestLedger.make()
        let kari = TestLedger.kari
        try await test.ledger.grantAccess(
            to: "backup-provider", on: "webshop.orders", for: .backup,
            from: TestLedger.start.addingTimeInterval(-86_400))
        try await test.ledger.grantAccess(
            to: "it-partner", on: "service.cases", for: .maintenance,
            from: TestLedger.start.addingTimeInterval(-10 * 86_400),
            until: TestLedger.start.addingTimeInterval(-5 * 86_400))
        test.clock.advance(by: 3600)
        try await test.recordKarisOrder()
        try await test.ledger.consent(
            .given, by: kari, for: .contactRegister, policy: "2018-05-25", channel: "checkout-checkbox",
            evidence: "form:checkout-v3")
        test.clock.advance(by: 86_400)
        try await test.ledger.disclose(
            [.name, .deliveryAddress, .phone], of: kari, to: "carrier", for: .shipping, reference: "order:50017")
        test.clock.advance(by: 86_400)
        try await test.ledger.record(
            [.nationalIDNumber("16822548834"), .name("Kari Nordmann")], about: kari, in: "service.cases",
            for: .complaintsAndService, reference: "case:7001")
        test.clock.advance(by: 86_400)
        try await test.ledger.consent(
            .withdrawn, by: kari, for: .contactRegister, policy: "2018-05-25", channel: "unsubscribe-link")
        return test
    }

    @Test func reportListsEveryCategoryWithSystemPurposeBasisSourceAndRetention() async throws {
        let test = try await karisStory()
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        #expect(
            report.heldData.map(\.category) == [
                .name, .billingAddress, .deliveryAddress, .phone, .email, .ipAddress, .nationalIDNumber, .name,
            ])
        let email = try #require(report.heldData.first { $0.category == .email })
        #expect(email.value == "kari.nordmann@example.no")
        #expect(email.valueState == .shown)
        #expect(email.system == "webshop.orders")
        #expect(email.purpose == .customerAccountAndOrders)
        #expect(email.basis == .contract)
        #expect(email.basisArticle == "6(1)(b)")
        #expect(email.source == "the data subject")
        #expect(email.since == TestLedger.start.addingTimeInterval(3600))
        #expect(email.reference == "order:50017")
        #expect(email.retention.text(in: .english).contains("delivered"))
        #expect(email.categoryMapping.dpvIRI == "https://w3id.org/dpv/pd#EmailAddress")
    }

    @Test func highSensitivityValuesAreMaskedUnlessRevealed() async throws {
        let test = try await karisStory()
        let masked = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        let id = try #require(masked.heldData.first { $0.category == .nationalIDNumber })
        #expect(id.valueState == .masked)
        #expect(id.value == "168225*****")
        let json = String(decoding: try masked.jsonData(), as: UTF8.self)
        #expect(!json.contains("16822548834"))
        #expect(!masked.plainText().contains("16822548834"))

        let revealed = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo", revealing: true)
        #expect(revealed.heldData.first { $0.category == .nationalIDNumber }?.value == "16822548834")
    }

    @Test func recipientsIncludeDisclosuresAndGrantsOnSystemsWhileTheyHeldTheData() async throws {
        let test = try await karisStory()
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        let carrier = try #require(report.recipients.first { $0.recipient == "carrier" })
        #expect(carrier.channel == .disclosure)
        #expect(carrier.occasion == .shipping)
        #expect(carrier.categories == [.name, .deliveryAddress, .phone])
        #expect(carrier.reference == "order:50017")
        let backup = try #require(report.recipients.first { $0.recipient == "backup-provider" })
        #expect(backup.channel == .accessGrant)
        #expect(backup.system == "webshop.orders")
        #expect(backup.categories == [.name, .billingAddress, .deliveryAddress, .phone, .email, .ipAddress])
        // The IT partner's grant on service.cases ended before Kari's complaint was recorded.
        #expect(!report.recipients.contains { $0.recipient == "it-partner" })
        #expect(report.recipients.count == 2)
    }

    @Test func consentHistoryKeepsPolicyVersionsAndChannels() async throws {
        let test = try await karisStory()
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        #expect(report.consentHistory.map(\.decision) == [.given, .withdrawn])
        #expect(report.consentHistory.map(\.policyVersion) == ["2018-05-25", "2018-05-25"])
        #expect(report.consentHistory.map(\.channel) == ["checkout-checkbox", "unsubscribe-link"])
        #expect(report.consentHistory[0].evidence == "form:checkout-v3")
    }

    @Test func producingAReportIsRecorded() async throws {
        let test = try await karisStory()
        _ = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        let last = try #require(try await test.allFacts().last)
        #expect(last.body == .reportIssued(ReportIssued(subject: TestLedger.kari, requestedBy: "dpo")))
        #expect(last.actor == "dpo")
    }

    @Test func reportFollowsSubjectLinks() async throws {
        let test = try await karisStory()
        try await test.ledger.record(
            [.name("Kari Nordmann"), .email("kari@fotobutikken.example")], about: "b2b:contact:77", in: "b2b.portal",
            for: .customerAccountAndOrders, source: .thirdParty("Fotobutikken AS"))
        try await test.ledger.link(TestLedger.kari, to: "b2b:contact:77")
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        #expect(report.linkedSubjects == ["b2b:contact:77"])
        let b2b = try #require(report.heldData.first { $0.subject == "b2b:contact:77" && $0.category == .email })
        #expect(b2b.source == "Fotobutikken AS")
    }

    @Test func jsonCarriesTheSchemaVersionAndRoundTrips() async throws {
        let test = try await karisStory()
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        let data = try report.jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schema"] as? String == "pdl.access-report")
        #expect(object["schemaVersion"] as? Int == 1)
        #expect((object["generatedAt"] as? String)?.hasSuffix("Z") == true)
        let decoded = try AccessReport(jsonData: data)
        #expect(decoded.heldData.map(\.category) == report.heldData.map(\.category))
        #expect(decoded.recipients.map(\.recipient) == report.recipients.map(\.recipient))
    }

    @Test func plainTextNamesEverySectionInBothLanguages() async throws {
        let test = try await karisStory()
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        let english = report.plainText(in: .english)
        #expect(english.contains("Who received it"))
        #expect(english.contains("Carrier — Completing shipments"))
        #expect(english.contains("Backup provider — Backup services: Access to webshop.orders"))
        #expect(english.contains("GDPR@focusnordic.com"))
        let norwegian = report.plainText(in: .norwegianBokmal)
        #expect(norwegian.contains("Hvem som har mottatt opplysningene"))
        #expect(norwegian.contains("Transportør — Ferdigstillelse av forsendelser"))
        #expect(norwegian.contains("trukket tilbake"))
    }

    @Test func unknownSubjectGetsAnEmptyReport() async throws {
        let test = try await TestLedger.make()
        let report = try await test.ledger.issueReport(for: "customer:404", requestedBy: "dpo")
        #expect(report.heldData.isEmpty)
        #expect(report.recipients.isEmpty)
    }
}
