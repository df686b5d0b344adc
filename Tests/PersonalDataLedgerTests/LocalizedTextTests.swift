import Foundation
import PersonalDataLedger
import Testing

@Suite struct LocalizedTextTests {
    static let texts: [LocalizedText] = [
        [.english: "Name", .norwegianBokmal: "Navn"],
        [.english: "Delivery address", .norwegianBokmal: "Leveringsadresse", Language("sv"): "Leveransadress"],
        LocalizedText("CRM"),
        [Language("nb-NO"): "Kontaktregister"],
        [:],
    ]

    @Test(arguments: LocalizedTextTests.texts)
    func jsonRoundTripsInTheShapeKeyedByTag(_ text: LocalizedText) throws {
        let data = try JSONEncoder().encode(text)
        #expect(try JSONDecoder().decode(LocalizedText.self, from: data) == text)
    }

    @Test func encodesAnObjectKeyedByTag() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text: LocalizedText = [.english: "Name", .norwegianBokmal: "Navn"]
        #expect(String(decoding: try encoder.encode(text), as: UTF8.self) == #"{"en":"Name","nb":"Navn"}"#)
    }

    @Test func decodesTheFormerShapeWithFixedFields() throws {
        let old = Data(#"{"english":"Email address","norwegian":"E-postadresse"}"#.utf8)
        let text = try JSONDecoder().decode(LocalizedText.self, from: old)
        #expect(text == [.english: "Email address", .norwegianBokmal: "E-postadresse"])
    }

    @Test func refusesAKeyThatIsNoLanguageTag() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(LocalizedText.self, from: Data(#"{"en_GB":"Name"}"#.utf8))
        }
    }

    /// Requested, then its primary language, then English, then the smallest tag.
    @Test(arguments: [
        ("nb", "Navn"), ("nb-NO", "Navn"), ("en", "Name"), ("sv", "Name"), ("en-GB", "Name"), ("da", "Name"),
    ])
    func fallsBackToPrimaryLanguageThenEnglish(_ tag: String, _ expected: String) {
        let text: LocalizedText = [.english: "Name", .norwegianBokmal: "Navn"]
        #expect(text.text(in: Language(tag)) == expected)
    }

    @Test func withoutEnglishFallsBackToTheSmallestTag() {
        let text: LocalizedText = [Language("sv"): "Namn", .norwegianBokmal: "Navn"]
        #expect(text.text(in: Language("fi")) == "Navn")
        #expect(LocalizedText([:]).text(in: .english) == "")
    }

    @Test func catalogJSONRoundTripsWithLabelsKeyedByTag() throws {
        let data = try JSONEncoder().encode(Catalog.focusNordic)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""nb":"Nettbutikkordre""#))
        #expect(!json.contains(#""norwegian""#))
        #expect(try JSONDecoder().decode(Catalog.self, from: data) == .focusNordic)
    }
}
