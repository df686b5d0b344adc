import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct ReportLabelsTests {
    static let shipped: [Language] = [.english, .danish, .finnish, .norwegianBokmal, .swedish]

    @Test func shipsFiveLanguagesEnglishFirst() {
        #expect(ReportLabels.languages == Self.shipped)
        #expect(Language.reportLanguages == Self.shipped)
    }

    /// A key missing from any column fails here: no language falls back to English.
    @Test(arguments: ReportLabel.allCases, shipped)
    func everyLabelHasATextInEveryShippedLanguage(_ key: ReportLabel, _ language: Language) {
        #expect(ReportLabels.columns[language]?[key]?.isEmpty == false, "\(key) has no \(language) text")
    }

    /// Every column holds exactly the keys of ``ReportLabel``: none missing, none left over.
    @Test(arguments: shipped)
    func everyColumnHasEveryKeyAndNoOther(_ language: Language) throws {
        let column = try #require(ReportLabels.columns[language])
        #expect(Set(column.keys) == Set(ReportLabel.allCases))
    }

    /// A translation that drops or invents a `{n}` would lose or garble a value.
    @Test(arguments: ReportLabel.allCases, shipped.filter { $0 != .english })
    func everyTranslationHasTheEnglishPlaceholders(_ key: ReportLabel, _ language: Language) {
        func placeholders(_ text: String?) -> [String] {
            (text ?? "").matches(of: /\{[0-9]+\}/).map { String($0.output) }.sorted()
        }
        #expect(placeholders(ReportLabels.columns[language]?[key]) == placeholders(ReportLabels.english[key]))
    }

    /// A letter cites the GDPR by the name its official text has in the letter's language.
    @Test(arguments: [
        (Language.norwegianBokmal, "personvernforordningen"), (.swedish, "dataskyddsförordningen"),
        (.danish, "databeskyttelsesforordningen"), (.finnish, "tietosuoja-asetuksen"), (.english, "GDPR"),
    ])
    func rightsCiteTheRegulationByItsNameInTheLanguage(_ language: Language, _ name: String) {
        #expect(ReportLabels(language)[.rightAccess].contains(name))
        #expect(ReportLabels(language)[.automatedDecisions].contains(name))
    }

    @Test(arguments: [
        ("nb", ReportLabel.title, "Dine personopplysninger"), ("nb-NO", .title, "Dine personopplysninger"),
        ("en", .title, "Your personal data"), ("sv", .title, "Dina personuppgifter"),
        ("sv-FI", .title, "Dina personuppgifter"), ("da", .title, "Dine personoplysninger"),
        ("fi", .title, "Henkilötietosi"), ("de", .title, "Your personal data"), ("en-GB", .greeting, "Hello,"),
    ])
    func aLanguageWithoutAColumnFallsBackToItsPrimaryLanguageThenEnglish(
        _ tag: String, _ key: ReportLabel, _ expected: String
    ) {
        #expect(ReportLabels(Language(tag))[key] == expected)
    }

    /// A column that lacks a text — a language being translated — shows the English one.
    @Test(arguments: [
        (ReportLabel.title, "Ihre personenbezogenen Daten"), (.greeting, "Hello,"),
        (.subjectLine, "Reply to your request"),
    ])
    func aTextMissingFromAColumnFallsBackToEnglish(_ key: ReportLabel, _ expected: String) {
        var columns = ReportLabels.columns
        columns[Language("de")] = [.title: "Ihre personenbezogenen Daten"]
        #expect(ReportLabels(Language("de"), columns: columns)(key, "x").hasPrefix(expected))
    }

    @Test(arguments: [
        ("a {1} b {2}", ["x", "y"], "a x b y"), ("{2} before {1}", ["x", "y"], "y before x"),
        ("{1} keeps {2}", ["{2}", "z"], "{2} keeps z"), ("no {3} value", ["x"], "no {3} value"),
        ("{ not {x} a placeholder }", ["x"], "{ not {x} a placeholder }"),
    ])
    func placeholdersAreFilledInOnePass(_ template: String, _ values: [String], _ expected: String) {
        #expect(ReportLabels.fill(template, with: values) == expected)
    }

    enum Rendering: String, CaseIterable {
        case plainText, markdown, html, recordOfProcessingMarkdown, recordOfProcessingCSV, breach
    }

    static func render(_ rendering: Rendering, in language: Language) async throws -> String {
        let test = try await ReportFixtures.karisStory()
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        let record = try await test.ledger.recordOfProcessing()
        let breach = try await test.ledger.breachImpact(
            systems: ["webshop.orders", "service.cases"], from: TestLedger.start, to: test.clock.now)
        return switch rendering {
        case .plainText: report.plainText(in: language, country: .norway)
        case .markdown: report.markdown(in: language, catalog: .focusNordic, country: .norway)
        case .html: report.htmlLetter(in: language, catalog: .focusNordic, country: .norway)
        case .recordOfProcessingMarkdown: record.markdown(in: language)
        case .recordOfProcessingCSV: record.csv(in: language)
        case .breach: breach.plainText(in: language, country: .norway)
        }
    }

    /// German has no column: every report renders, entirely in English.
    @Test(arguments: Rendering.allCases)
    func aGermanReportRendersInEnglish(_ rendering: Rendering) async throws {
        let german = try await Self.render(rendering, in: Language("de"))
        let english = try await Self.render(rendering, in: .english)
        #expect(german == english.replacing(#"<html lang="en">"#, with: #"<html lang="de">"#))
    }

    /// No fixed text of a report in a shipped language comes out in English: every piece of an
    /// English text between its placeholders that is long enough to be a phrase is absent.
    @Test(arguments: Rendering.allCases, shipped.filter { $0 != .english })
    func noEnglishTextInAReportInAnotherLanguage(_ rendering: Rendering, _ language: Language) async throws {
        let rendered = try await Self.render(rendering, in: language)
        for (key, english) in ReportLabels.english where ReportLabels.columns[language]?[key] != english {
            for phrase in english.split(separator: /\{[0-9]+\}/) where phrase.count >= 16 {
                #expect(!rendered.contains(phrase), "\(key): '\(phrase)' in \(language)")
            }
        }
    }
}
