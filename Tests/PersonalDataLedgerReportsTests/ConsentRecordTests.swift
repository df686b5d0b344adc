import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct ConsentRecordTests {
    @Test func recordCarriesTheISO27560Fields() async throws {
        let test = try await ReportFixtures.karisStory()
        let export = try await test.ledger.consentRecords(for: TestLedger.kari)
        #expect(export.records.count == 1)
        let record = try #require(export.records.first)
        #expect(record.piiPrincipalID == TestLedger.kari)
        #expect(record.privacyNotice.version == "2018-05-25")
        #expect(record.language == "nb")
        #expect(record.jurisdiction == "NO")
        #expect(record.purpose.map(\.dpv) == ["https://w3id.org/dpv#DirectMarketing"])
        #expect(record.lawfulBasis.map(\.dpv) == ["https://w3id.org/dpv/legal/eu/gdpr#A6-1-a"])
        #expect(record.piiInformation.map(\.id).sorted() == ["deliveryAddress", "email", "name", "phone"])
        #expect(record.piiInformation.contains { $0.dpv == "https://w3id.org/dpv/pd#EmailAddress" })
        #expect(record.piiControllers.map(\.contact) == ["GDPR@focusnordic.com"])
        #expect(record.storageLocations == ["marketing.contacts"])
        #expect(record.collectionMethod == "checkout-checkbox")
        #expect(record.withdrawalMethod.contains("GDPR@focusnordic.com"))
        #expect(record.withdrawalMethod.contains("unsubscribe-link"))
        #expect(record.state == "https://w3id.org/dpv#ConsentWithdrawn")
        #expect(record.events.map(\.eventType) == ["given", "withdrawn"])
        #expect(
            record.events.map(\.eventState) == [
                "https://w3id.org/dpv#ConsentGiven", "https://w3id.org/dpv#ConsentWithdrawn",
            ])
        #expect(record.events[0].evidence == "form:checkout-v3")

        let json = String(decoding: try export.jsonData(), as: UTF8.self)
        for key in [
            "record_id", "pii_principal_id", "privacy_notice", "language", "purpose", "lawful_basis", "pii_information",
            "pii_controllers", "storage_locations", "retention_period", "jurisdiction", "recipient_third_parties",
            "withdrawal_method", "collection_method", "event_time", "event_type", "event_state",
        ] {
            #expect(json.contains("\"\(key)\""), "missing \(key)")
        }
        #expect(!json.contains("kari.nordmann@example.no"))
        #expect(try ConsentRecordExport(jsonData: export.jsonData()) == export)
    }

    @Test func everyonesRecordsWithoutASubject() async throws {
        let test = try await ReportFixtures.karisStory()
        try await test.ledger.consent(
            .refused, by: "customer:20002", for: .campaignsAndCompetitions, policy: "2018-05-25", channel: "popup")
        let export = try await test.ledger.consentRecords()
        #expect(export.records.map(\.piiPrincipalID) == [TestLedger.kari, "customer:20002"])
        #expect(export.records[1].state == "https://w3id.org/dpv#ConsentRefused")
        #expect(export.records[1].storageLocations.isEmpty)
    }

    @Test func portableCopyRevealsEverything() async throws {
        let test = try await ReportFixtures.karisStory()
        let copy = try await test.ledger.issuePortableCopy(of: TestLedger.kari, requestedBy: "dpo")
        #expect(copy.revealsHighSensitivityValues)
        #expect(String(decoding: try copy.jsonData(), as: UTF8.self).contains("16822548834"))
    }
}
