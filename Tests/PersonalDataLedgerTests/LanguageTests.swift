import Foundation
import PersonalDataLedger
import Testing

@Suite struct LanguageTests {
    @Test(arguments: [
        ("nb", "nb"), ("EN", "en"), ("nb-no", "nb-NO"), ("zh-hant-tw", "zh-Hant-TW"), ("sv", "sv"),
        ("en-GB", "en-GB"), ("es-419", "es-419"),
    ])
    func wellFormedTagsReadInTheirConventionalCase(_ tag: String, _ canonical: String) {
        #expect(Language(rawValue: tag)?.rawValue == canonical)
    }

    @Test(arguments: ["", "n", "nb_NO", "nb-", "-nb", "123", "nb-toolongsubtag", "nø", "en--GB"])
    func malformedTagsAreRefused(_ tag: String) {
        #expect(Language(rawValue: tag) == nil)
    }

    @Test func shippedLanguagesAreBokmalAndEnglish() {
        #expect(Language.norwegianBokmal.rawValue == "nb")
        #expect(Language.english.rawValue == "en")
        #expect(Language("NB") == .norwegianBokmal)
    }

    @Test(arguments: [("nb-NO", "nb"), ("en-GB", "en"), ("zh-Hant-TW", "zh")])
    func primaryLanguageDropsRegionAndScript(_ tag: String, _ primary: String) {
        #expect(Language(tag).primaryLanguage == Language(primary))
    }

    @Test func encodesAsItsTagAndKeysAnObjectByIt() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(Language("nb-NO")), as: UTF8.self) == "\"nb-NO\"")
        let keyed: [Language: Int] = [.english: 1, .norwegianBokmal: 2]
        #expect(String(decoding: try encoder.encode(keyed), as: UTF8.self) == #"{"en":1,"nb":2}"#)
        #expect(try JSONDecoder().decode([Language: Int].self, from: Data(#"{"sv":3}"#.utf8)) == [Language("sv"): 3])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Language.self, from: Data(#""n_b""#.utf8)) }
    }
}
