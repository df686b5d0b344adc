import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct ReportLabelsTests {
    static let shipped: [Language] = [.english, .norwegianBokmal]

    @Test func shipsBokmalAndEnglish() {
        #expect(ReportLabels.languages == Self.shipped)
    }

    @Test(arguments: ReportLabel.allCases, [Language.english, .norwegianBokmal])
    func everyLabelHasATextInEveryShippedLanguage(_ key: ReportLabel, _ language: Language) {
        #expect(ReportLabels.columns[language]?[key]?.isEmpty == false, "\(key) has no \(language) text")
    }

    /// A translation that drops or invents a `{n}` would lose or garble a value.
    @Test(arguments: ReportLabel.allCases)
    func everyTranslationHasTheEnglishPlaceholders(_ key: ReportLabel) {
        func placeholders(_ text: String?) -> [String] {
            (text ?? "").matches(of: /\{[0-9]+\}/).map { String($0.output) }.sorted()
        }
        #expect(placeholders(ReportLabels.norwegianBokmal[key]) == placeholders(ReportLabels.english[key]))
    }

    @Test(arguments: [
        ("nb", ReportLabel.title, "Dine personopplysninger"), ("nb-NO", .title, "Dine personopplysninger"),
        ("en", .title, "Your personal data"), ("sv", .title, "Your personal data"),
        ("en-GB", .greeting, "Hello,"),
    ])
    func aLanguageWithoutAColumnFallsBackToItsPrimaryLanguageThenEnglish(
        _ tag: String, _ key: ReportLabel, _ expected: String
    ) {
        #expect(ReportLabels(Language(tag))[key] == expected)
    }

    /// A column that lacks a text — a language being translated — shows the English one.
    @Test(arguments: [
        (ReportLabel.title, "Dina personuppgifter"), (.greeting, "Hello,"), (.subjectLine, "Reply to your request"),
    ])
    func aTextMissingFromAColumnFallsBackToEnglish(_ key: ReportLabel, _ expected: String) {
        var columns = ReportLabels.columns
        columns[Language("sv")] = [.title: "Dina personuppgifter"]
        #expect(ReportLabels(Language("sv"), columns: columns)(key, "x").hasPrefix(expected))
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

    /// Swedish has no column yet: every report renders, entirely in English.
    @Test(arguments: Rendering.allCases)
    func aSwedishReportRendersInEnglish(_ rendering: Rendering) async throws {
        let test = try await ReportFixtures.karisStory()
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        let record = try await test.ledger.recordOfProcessing()
        let breach = try await test.ledger.breachImpact(
            systems: ["webshop.orders", "service.cases"], from: TestLedger.start, to: test.clock.now)
        func render(_ language: Language) -> String {
            switch rendering {
            case .plainText: report.plainText(in: language)
            case .markdown: report.markdown(in: language, catalog: .focusNordic)
            case .html: report.htmlLetter(in: language, catalog: .focusNordic)
            case .recordOfProcessingMarkdown: record.markdown(in: language)
            case .recordOfProcessingCSV: record.csv(in: language)
            case .breach: breach.plainText(in: language)
            }
        }
        let swedish = render(Language("sv"))
        let english = render(.english).replacing(#"<html lang="en">"#, with: #"<html lang="sv">"#)
        #expect(swedish == english)
        #expect(swedish != render(.norwegianBokmal))
    }
}
