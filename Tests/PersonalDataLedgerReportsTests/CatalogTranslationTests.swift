import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerReports

/// The catalog's own texts — what a letter names each category, purpose, system, recipient,
/// occasion and basis, and how it words each retention rule — exist in every language a letter
/// is written in, so a Swedish letter has no English purpose in it.
@Suite struct CatalogTranslationTests {
    static let catalog = Catalog.focusNordic

    static var texts: [(String, LocalizedText)] {
        var texts: [(String, LocalizedText)] = []
        for (id, category) in catalog.categories { texts.append(("category \(id)", category.label)) }
        for (id, purpose) in catalog.purposes {
            texts.append(("purpose \(id)", purpose.label))
            texts.append(("retention of \(id)", purpose.retention.summary))
        }
        for (id, system) in catalog.systems { texts.append(("system \(id)", system.label)) }
        for (id, recipient) in catalog.recipients { texts.append(("recipient \(id)", recipient.label)) }
        for occasion in catalog.occasions { texts.append(("occasion \(occasion)", occasion.label)) }
        for basis in LegalBasis.gdprArticle6 { texts.append(("basis \(basis)", basis.label)) }
        return texts.sorted { $0.0 < $1.0 }
    }

    @Test(arguments: Language.reportLanguages)
    func everyCatalogTextHasTheLanguage(_ language: Language) {
        for (name, text) in Self.texts {
            #expect(text[language]?.isEmpty == false, "\(name) has no \(language) text")
        }
    }

    /// The review of the Norwegian letter: Norwegians say fødselsnummer, Danes CPR-nummer.
    @Test(arguments: [
        (Language.norwegianBokmal, "Fødselsnummer"), (.swedish, "Personnummer"), (.danish, "CPR-nummer"),
        (.finnish, "Henkilötunnus"),
    ])
    func theNationalIDNumberHasItsCountrysName(_ language: Language, _ name: String) {
        #expect(Self.catalog.categories[.nationalIDNumber]?.label[language] == name)
    }
}
