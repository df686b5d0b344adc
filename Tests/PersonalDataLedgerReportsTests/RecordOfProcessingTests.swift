import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct RecordOfProcessingTests {
    @Test func declaresEveryPurposeWithItsArticle30Points() async throws {
        let test = try await ReportFixtures.karisStory()
        let record = try await test.ledger.recordOfProcessing()
        #expect(record.controller.privacyContact == "GDPR@focusnordic.com")
        #expect(record.activities.map(\.purpose) == PurposeDefinition.focusNordic.map(\.id))
        let orders = try #require(record.activities.first { $0.purpose == .customerAccountAndOrders })
        let declared = try #require(orders.declared)
        #expect(
            declared.categories.map(\.category) == [
                .name, .billingAddress, .deliveryAddress, .phone, .email, .ipAddress,
            ])
        #expect(declared.allowedBases.map(\.article) == ["6(1)(b)"])
        #expect(declared.retention.text(in: .english).contains("delivered"))
        #expect(declared.subjectKinds.contains(.customer))
        #expect(orders.mapping.dpvIRI == "https://w3id.org/dpv#CustomerOrderManagement")
        #expect(orders.observed.holdings == 6)
        #expect(orders.observed.subjects == 1)
        #expect(orders.observed.systems == ["webshop.orders"])
        #expect(orders.observed.recipientsWithAccess == ["backup-provider"])
        #expect(record.thirdCountryTransfers.isEmpty)
        #expect(record.thirdCountryTransfersStatement.text(in: .english).hasPrefix("None declared"))
        #expect(record.securityMeasures == RecordOfProcessing.defaultSecurityMeasures)
        let carrier = try #require(record.recipients.first { $0.recipient == "carrier" })
        #expect(carrier.disclosures == 1)
        #expect(carrier.dpvIRI == "https://w3id.org/dpv#ThirdParty")
        let backup = try #require(record.recipients.first { $0.recipient == "backup-provider" })
        #expect(backup.grants.map(\.system) == ["webshop.orders"])
        #expect(record.differences.isEmpty)
        #expect(
            record.differences.unusedPurposes == [
                .campaignsAndCompetitions, .jobApplicants, .employees, .legalObligations,
            ])
    }

    @Test func showsCategoriesRecordedThatThePurposeNoLongerDeclares() async throws {
        var wide = Catalog.focusNordic
        wide.purposes[.contactRegister]?.allowedCategories.insert(.ipAddress)
        wide.add(
            PurposeDefinition(
                "loyaltyProgramme", label: .init("Loyalty"), allowedCategories: [.email], defaultBasis: .contract,
                subjectKinds: [.customer], retention: .init(summary: .init("Until the member leaves."), clocks: [])))
        let test = try await TestLedger.make(catalog: wide)
        try await test.ledger.consent(
            .given, by: TestLedger.kari, for: .contactRegister, policy: "2018-05-25", channel: "form")
        try await test.ledger.record(
            [.email("kari.nordmann@example.no"), .ipAddress("203.0.113.42")], about: TestLedger.kari,
            in: "marketing.contacts", for: .contactRegister, basis: .consent)
        try await test.ledger.record(
            [.email("kari.nordmann@example.no")], about: TestLedger.kari, in: "webshop.accounts",
            for: "loyaltyProgramme")

        // The catalog is narrowed again (the policy changed): the facts now go beyond it.
        let narrowed = Ledger(store: test.store, catalog: .focusNordic, clock: test.clock.ledgerClock)
        let record = try await narrowed.recordOfProcessing()
        #expect(record.differences.undeclaredCategories.map(\.category) == [.ipAddress])
        #expect(record.differences.undeclaredCategories.map(\.purpose) == [.contactRegister])
        #expect(record.differences.undeclaredPurposes == ["loyaltyProgramme"])
        let contacts = try #require(record.activities.first { $0.purpose == .contactRegister })
        #expect(contacts.undeclaredCategories == [.ipAddress])
        #expect(!contacts.isUnused)
        let loyalty = try #require(record.activities.last)
        #expect(loyalty.purpose == "loyaltyProgramme")
        #expect(loyalty.declared == nil)
        #expect(record.differences.unusedPurposes.contains(.customerAccountAndOrders))

        let markdown = record.markdown()
        #expect(markdown.contains("Category `ipAddress` recorded for `contactRegister`, which does not declare it"))
        #expect(markdown.contains("Purpose `loyaltyProgramme` was recorded but is not declared."))
        let csv = record.csv()
        #expect(csv.contains("contactRegister,"))
        let ipRow = try #require(
            csv.split(separator: "\r\n").first { $0.hasPrefix("contactRegister,") && $0.contains(",ipAddress,") })
        #expect(ipRow.contains(",no,yes,1,1,1,"))
        let json = String(decoding: try record.jsonData(), as: UTF8.self)
        #expect(json.contains("\"schema\" : \"pdl.record-of-processing\""))
        #expect(!json.contains("kari.nordmann"))
        #expect(try RecordOfProcessing(jsonData: record.jsonData()) == record)
    }

    @Test func csvQuotesFieldsPerRFC4180() async throws {
        var catalog = Catalog.focusNordic
        catalog.purposes[.contactRegister]?.label = [
            .english: "Mailings, \"news\"\nand offers", .norwegianBokmal: "Utsendelser",
        ]
        catalog.securityMeasures = .init("Encrypted disks, access control")
        let test = try await TestLedger.make(catalog: catalog)
        let csv = try await test.ledger.recordOfProcessing().csv()
        #expect(csv.hasPrefix("\u{FEFF}" + RecordOfProcessing.csvColumns.joined(separator: ",") + "\r\n"))
        #expect(csv.contains(",\"Mailings, \"\"news\"\"\nand offers\","))
        #expect(csv.contains(",\"Encrypted disks, access control\"\r\n"))
        // Every record has as many fields as the header, once quoting is honoured.
        for record in Self.parseCSV(csv) {
            #expect(record.count == RecordOfProcessing.csvColumns.count)
        }
    }

    /// A spreadsheet set to a Nordic locale reads `;` between fields; a field holding `;` is quoted.
    @Test(arguments: [CSVDialect.standard, .nordic, CSVDialect(delimiter: "\t", startsWithByteOrderMark: false)])
    func everyDialectKeepsEveryRecordWhole(_ dialect: CSVDialect) async throws {
        var catalog = Catalog.focusNordic
        catalog.securityMeasures = .init("Encrypted disks; access control, logging")
        let test = try await TestLedger.make(catalog: catalog)
        let csv = try await test.ledger.recordOfProcessing().csv(dialect: dialect)
        #expect(csv.hasPrefix("\u{FEFF}") == dialect.startsWithByteOrderMark)
        let records = Self.parseCSV(csv, delimiter: dialect.delimiter)
        #expect(records.first == RecordOfProcessing.csvColumns)
        #expect(records.dropFirst().allSatisfy { $0.count == RecordOfProcessing.csvColumns.count })
        #expect(records.contains { $0.last == "Encrypted disks; access control, logging" })
    }

    @Test func thirdCountryTransfersWhenDeclared() async throws {
        var catalog = Catalog.focusNordic
        catalog.thirdCountryTransfers = [
            .init(
                recipient: "backup-provider", destination: "US",
                safeguard: .init("Standard contractual clauses (Art. 46(2)(c))"))
        ]
        let test = try await TestLedger.make(catalog: catalog)
        let record = try await test.ledger.recordOfProcessing()
        #expect(record.thirdCountryTransfers.count == 1)
        #expect(record.markdown().contains("- US — `backup-provider`: Standard contractual clauses"))
    }

    /// A minimal RFC 4180 reader, to check the writer against.
    static func parseCSV(_ text: String, delimiter: Character = ",") -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == delimiter {
                record.append(field)
                field = ""
            } else if character == "\r\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(character)
            }
        }
        return records
    }
}
