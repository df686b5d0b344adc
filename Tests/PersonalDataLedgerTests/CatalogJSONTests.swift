import Foundation
import Testing

@testable import PersonalDataLedger

/// The catalog's JSON form (`pdl.catalog` v1): it round-trips, and every refusal names its rule,
/// the path of the entry and the line and column of the key or value at fault.
@Suite struct CatalogJSONTests {
    /// A small valid catalog; the cases below change one line of it. Line numbers are the
    /// literal's: line 1 is `{`.
    static let base = """
        {
          "schema": "pdl.catalog",
          "schemaVersion": 1,
          "controller": { "name": "Nordlys Foto", "privacyContact": "privacy@nordlys.example" },
          "categories": {
            "email": { "label": { "en": "Email address" }, "format": "email" }
          },
          "purposes": {
            "newsletter": {
              "label": { "en": "Newsletter" },
              "allowedCategories": ["email"],
              "defaultBasis": "consent",
              "subjectKinds": ["customer"],
              "retention": {
                "summary": { "en": "Until you unsubscribe" },
                "clocks": [{ "startsAt": "consentWithdrawn", "keepFor": "immediately" }]
              }
            }
          },
          "systems": { "crm": { "label": { "en": "CRM", "nb": "Kunderegister" } } },
          "recipients": {},
          "occasions": []
        }
        """

    /// The base with `old` replaced by `new`, once.
    static func changed(_ old: String, _ new: String) -> Data {
        precondition(base.components(separatedBy: old).count == 2, "'\(old)' must occur once in the base")
        return Data(base.replacingOccurrences(of: old, with: new).utf8)
    }

    struct Fault: Sendable, CustomTestStringConvertible {
        let name: String
        let old: String
        let new: String
        let rule: CatalogError.Rule
        let line: Int
        let column: Int
        let path: String

        var testDescription: String { name }
    }

    static let faults: [Fault] = [
        Fault(
            name: "a misspelt key", old: "\"label\": { \"en\": \"Newsletter\" }",
            new: "\"lable\": { \"en\": \"Newsletter\" }", rule: .unknownKey, line: 10, column: 7,
            path: "purposes.newsletter.lable"),
        Fault(
            name: "a category the catalog does not declare", old: "[\"email\"],",
            new: "[\"email\", \"loyaltyNumber\"],", rule: .undeclaredCategory, line: 11, column: 38,
            path: "purposes.newsletter.allowedCategories[loyaltyNumber]"),
        Fault(
            name: "a value format that does not exist", old: "\"format\": \"email\"", new: "\"format\": \"e-mail\"",
            rule: .invalidValue, line: 6, column: 62, path: "categories.email.format"),
        Fault(
            name: "a trailing comma", old: "\"occasions\": []", new: "\"occasions\": [],", rule: .syntax, line: 23,
            column: 1, path: ""),
        Fault(
            name: "a key twice", old: "\"CRM\", \"nb\"", new: "\"CRM\", \"en\"", rule: .duplicateKey, line: 20,
            column: 49, path: ""),
        Fault(
            name: "a key twice after letters outside ASCII (columns count characters)", old: "\"CRM\", \"nb\"",
            new: "\"ÆØÅ\", \"en\"", rule: .duplicateKey, line: 20, column: 49, path: ""),
        Fault(
            name: "a version as a string", old: "\"schemaVersion\": 1", new: "\"schemaVersion\": \"1\"",
            rule: .wrongType, line: 3, column: 20, path: "schemaVersion"),
        Fault(
            name: "a newer schema version", old: "\"schemaVersion\": 1", new: "\"schemaVersion\": 2",
            rule: .unsupportedSchema, line: 3, column: 20, path: "schemaVersion"),
        Fault(
            name: "another file's schema", old: "\"pdl.catalog\"", new: "\"pdl.settings\"", rule: .unsupportedSchema,
            line: 2, column: 13, path: "schema"),
        Fault(
            name: "a default basis the purpose does not allow", old: "\"defaultBasis\": \"consent\",",
            new: "\"defaultBasis\": \"consent\", \"allowedBases\": [\"contract\"],", rule: .defaultBasisNotAllowed,
            line: 12, column: 23, path: "purposes.newsletter.defaultBasis"),
        Fault(
            name: "a basis outside GDPR Art. 6(1)", old: "\"defaultBasis\": \"consent\",",
            new: "\"defaultBasis\": \"consnet\",", rule: .invalidValue, line: 12, column: 23,
            path: "purposes.newsletter.defaultBasis"),
        Fault(
            name: "a period of zero days", old: "\"keepFor\": \"immediately\"", new: "\"keepFor\": \"0d\"",
            rule: .invalidValue, line: 16, column: 65, path: "purposes.newsletter.retention.clocks[0].keepFor"),
        Fault(
            name: "a missing key", old: "\"subjectKinds\": [\"customer\"],", new: "", rule: .missingKey, line: 9,
            column: 19, path: "purposes.newsletter.subjectKinds"),
        Fault(
            name: "an empty label", old: "\"en\": \"CRM\"", new: "\"en\": \"\"", rule: .emptyLabel, line: 20,
            column: 42,
            path: "systems.crm.label.en"),
        Fault(
            name: "an occasion the catalog does not declare", old: "\"recipients\": {}",
            new:
                "\"recipients\": { \"carrier\": { \"label\": { \"en\": \"Carrier\" }, \"role\": \"thirdParty\", \"occasions\": [\"shipping\"] } }",
            rule: .undeclaredOccasion, line: 21, column: 98, path: "recipients.carrier.occasions[shipping]"),
        Fault(
            name: "a system name with a space", old: "{ \"crm\":", new: "{ \"c rm\":", rule: .invalidValue, line: 20,
            column: 16, path: "systems[\"c rm\"]"),
        Fault(
            name: "a language tag that is none", old: "\"nb\": \"Kunderegister\"", new: "\"norsk!\": \"Kunderegister\"",
            rule: .invalidValue, line: 20, column: 49, path: "systems.crm.label[\"norsk!\"]"),
    ]

    @Test(arguments: faults)
    func aFaultIsRefusedAtItsLineAndColumn(_ fault: Fault) throws {
        do {
            _ = try Catalog(jsonData: Self.changed(fault.old, fault.new))
            Issue.record("the catalog was accepted")
        } catch {
            #expect(error.rule == fault.rule, "\(error)")
            #expect(error.line == fault.line && error.column == fault.column, "\(error)")
            #expect(error.path == fault.path, "\(error)")
            #expect(error.description.hasPrefix("\(fault.line):\(fault.column): refused (\(fault.rule))"))
        }
    }

    @Test func theBaseIsValid() throws {
        let catalog = try Catalog(jsonData: Data(Self.base.utf8))
        #expect(catalog.systems["crm"]?.label.text(in: .norwegianBokmal) == "Kunderegister")
        #expect(catalog.purposes["newsletter"]?.allowedBases == [.consent])
        #expect(catalog.categories["email"]?.format == .email)
    }

    @Test(arguments: [
        ([0xFF], 56), ([0xC3], 56), ([0xE0, 0x80, 0x80], 56), ([0xED, 0xA0, 0x80], 56), ([0xC0, 0xAF], 56),
    ])
    func textThatIsNotUTF8IsRefusedAtItsByte(bytes: [UInt8], column: Int) {
        var data = Array(Self.base.utf8)
        let at = Array(Self.base.utf8).firstRange(of: Array("Kunderegister".utf8))!.lowerBound
        data.replaceSubrange(at..<at + 1, with: bytes)
        do {
            _ = try Catalog(jsonData: Data(data))
            Issue.record("text that is not UTF-8 was accepted")
        } catch {
            #expect(error.rule == .invalidUTF8)
            #expect(error.line == 20 && error.column == column, "\(error)")
            #expect(!error.message.contains("Kunde"))
        }
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let catalog = try Catalog(jsonData: Data([0xEF, 0xBB, 0xBF] + Array(Self.base.utf8)))
        #expect(catalog.controller.name == "Nordlys Foto")
    }

    @Test func nestingTooDeepIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: CatalogError.self) { try Catalog(jsonData: Data(deep.utf8)) }
    }

    @Test func focusNordicRoundTripsExactly() throws {
        let data = try Catalog.focusNordic.jsonData()
        let back = try Catalog(jsonData: data)
        #expect(back == .focusNordic)
        #expect(try back.jsonData() == data)
    }

    @Test func anExtendedCatalogRoundTrips() throws {
        var catalog = Catalog.focusNordic
        catalog.add(
            SystemDefinition("crm", label: [.english: "Customer relationship management", .swedish: "Kundregister"]))
        catalog.occasions.insert("analytics")
        catalog.lifecycleKinds = LifecycleKind.builtIn.union(["membershipEnded"])
        catalog.thirdCountryTransfers = [
            .init(
                recipient: "it-partner", destination: "United States",
                safeguard: [.english: "Standard contractual clauses"])
        ]
        catalog.securityMeasures = [.english: "Encrypted at rest"]
        catalog.occasionLabels = ["analytics": [.english: "Analytics", .norwegianBokmal: "Analyse"]]
        catalog.lifecycleLabels = ["membershipEnded": [.english: "the membership ends"]]
        catalog.purposes[.employees]?.retention.clocks.append(
            .init(startsAt: .latestEvent("membershipEnded"), keepFor: .days(30), onlyWithConsentTo: .contactRegister))
        #expect(try Catalog(jsonData: try catalog.jsonData()) == catalog)
    }

    @Test func aCatalogInCodeIsValidatedToo() {
        var catalog = Catalog.focusNordic
        catalog.purposes[.contactRegister]?.allowedCategories.insert("loyaltyNumber")
        do {
            try catalog.validate()
            Issue.record("a purpose allowing an undeclared category was accepted")
        } catch {
            #expect(error.rule == .undeclaredCategory)
            #expect(error.path == "purposes.contactRegister.allowedCategories[loyaltyNumber]")
            #expect(error.line == nil)
        }
    }

    @Test func aLabelForAnUndeclaredLifecycleKindIsRefused() {
        var catalog = Catalog.focusNordic
        catalog.lifecycleLabels = ["membershipEndd": [.english: "the membership ends"]]
        #expect(throws: CatalogError.self) { try catalog.validate() }
        catalog.lifecycleLabels = ["orderDelivered": [.english: "the parcel arrives"]]
        #expect(throws: Never.self) { try catalog.validate() }
    }

    @Test func focusNordicIsValid() throws {
        try Catalog.focusNordic.validate()
    }
}
