import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// What a letter to a person says and does not say: the authority of their country, one date
/// style in their local time, no self-contradiction, not the request it answers, not that we are
/// late, their name.
@Suite struct LetterTests {
    enum Format: String, CaseIterable { case html, markdown, text }

    static func render(
        _ report: AccessReport, _ format: Format, in language: Language, country: Region?, answering: String? = nil
    ) -> String {
        switch format {
        case .html: report.htmlLetter(in: language, catalog: .focusNordic, country: country, answering: answering)
        case .markdown: report.markdown(in: language, catalog: .focusNordic, country: country, answering: answering)
        case .text: report.plainText(in: language, country: country, answering: answering)
        }
    }

    static func karisReport() async throws -> AccessReport {
        let test = try await ReportFixtures.karisStory()
        return try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
    }

    @Test(arguments: Format.allCases)
    func aSwedishLetterNamesIntegritetsskyddsmyndigheten(_ format: Format) async throws {
        let letter = Self.render(try await Self.karisReport(), format, in: .swedish, country: .sweden)
        let expected = "Integritetsskyddsmyndigheten (IMY) (Box 8114, 104 20 Stockholm, www.imy.se)"
        #expect(letter.contains(format == .markdown ? MarkupEscaping.markdown(expected) : expected))
        #expect(!letter.contains("Datatilsynet"))
        #expect(letter.contains("dataskyddsförordningen art. 77"))
    }

    /// Each country's letter names its own authority, with its address, in the complaint
    /// paragraph; a person may also complain where they work or where the infringement was.
    @Test(arguments: [
        (
            Region.norway, Language.norwegianBokmal,
            "Datatilsynet (Postboks 458 Sentrum, 0105 Oslo, www.datatilsynet.no)"
        ),
        (.sweden, .swedish, "Integritetsskyddsmyndigheten (IMY) (Box 8114, 104 20 Stockholm, www.imy.se)"),
        (.denmark, .danish, "Datatilsynet (Carl Jacobsens Vej 35, 2500 Valby, www.datatilsynet.dk)"),
        (.finland, .finnish, "Tietosuojavaltuutetun toimisto (PL 800, 00531 Helsinki, tietosuoja.fi)"),
        (.finland, .english, "Office of the Data Protection Ombudsman (Tietosuojavaltuutetun toimisto) (PL 800"),
    ])
    func theComplaintParagraphNamesTheAuthorityOfThePersonsCountry(
        _ country: Region, _ language: Language, _ expected: String
    ) async throws {
        let html = Self.render(try await Self.karisReport(), .html, in: language, country: country)
        #expect(html.contains(expected))
    }

    @Test func aCountryWithoutAKnownAuthorityGetsNoAuthorityAndUTC() async throws {
        let html = Self.render(try await Self.karisReport(), .html, in: .english, country: "DE")
        #expect(!html.contains("Datatilsynet"))
        #expect(html.contains("the data protection supervisory authority of the country where you live"))
        #expect(html.contains(" UTC."))
    }

    /// One style: the language's long date, and no ISO date beside it (the policy version
    /// `2018-05-25` is a name, not a date the letter writes).
    @Test(arguments: Format.allCases, Language.reportLanguages)
    func everyDateInALetterHasOneStyle(_ format: Format, _ language: Language) async throws {
        let letter = Self.render(try await Self.karisReport(), format, in: language, country: .norway)
            .replacing("2018-05-25", with: "")
        #expect(letter.matches(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/).isEmpty)
        #expect(!letter.contains("T09:00:00Z"))
        let long = ReportLabels(language)(.dayFormat, "3", ReportLabels(language).month(3), "2026")
        #expect(letter.contains(long), "no \(long)")
    }

    /// The local time of the person's country: a retention end at local midnight names the day
    /// before it, as a period counted in UTC days does; the time of day is local.
    @Test(arguments: [
        ("2031-12-31T23:00:00Z", Region.norway, "31. desember 2031"),  // Oslo midnight, 1 January
        ("2032-01-01T00:00:00Z", .norway, "31. desember 2031"),  // a UTC-day period
        ("2031-12-31T22:00:00Z", .finland, "31. desember 2031"),  // Helsinki midnight
        ("2032-06-30T22:00:00Z", .sweden, "30. juni 2032"),  // Stockholm midnight in summer time
        ("2032-05-20T19:41:00Z", .norway, "20. mai 2032"),  // not at a midnight: its own day
    ])
    func aRetentionEndNamesTheLastLocalDayKept(_ instant: String, _ country: Region, _ expected: String) throws {
        let end = try Date(instant, strategy: .iso8601)
        #expect(LetterDate(.norwegianBokmal, country: country).lastDayKept(end) == expected)
    }

    @Test(arguments: [
        (Language.norwegianBokmal, Region?.some(.norway), "1. desember 2026 kl. 10.00"),
        (.swedish, .sweden, "1 december 2026 kl. 10.00"), (.danish, .denmark, "1. december 2026 kl. 10.00"),
        (.finnish, .finland, "1. joulukuuta 2026 klo 11.00"), (.english, .norway, "1 December 2026, 10:00"),
        (.english, nil, "1 December 2026, 09:00 UTC"),
    ])
    func theTimeOfDayIsLocal(_ language: Language, _ country: Region?, _ expected: String) throws {
        let instant = try Date("2026-12-01T09:00:00Z", strategy: .iso8601)
        #expect(LetterDate(language, country: country).dayAndTime(instant) == expected)
    }

    /// A bookkeeping copy kept by an erasure shows one end day: the same in the table and in
    /// the "kept" line of the erasure.
    @Test(arguments: Format.allCases)
    func aKeptHoldingHasOneEndDay(_ format: Format) async throws {
        let test = try await TestLedger.make()
        try await test.ledger.record(
            [.name("Kari Nordmann")], about: TestLedger.kari, in: "accounting", for: .legalObligations,
            reference: "invoice:2026-0001")
        try await test.ledger.consent(
            .given, by: TestLedger.kari, for: .contactRegister, policy: "2018-05-25", channel: "checkout-checkbox")
        try await test.ledger.record(
            [.email("kari.nordmann@example.no")], about: TestLedger.kari, in: "marketing.contacts",
            for: .contactRegister, basis: .consent)
        let plan = try await test.ledger.planErasure(of: TestLedger.kari, reason: .subjectRequest)
        _ = try await test.ledger.erase(plan)
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        let kept = try #require(report.erasures.first?.retained.first?.until)
        #expect(report.heldData.first { $0.purpose == .legalObligations }?.keptUntil == .date(kept))
        let letter = Self.render(report, format, in: .norwegianBokmal, country: .norway)
        let days = Set(letter.matches(of: /[0-9]{1,2}\. [a-z]+ 20(3[0-9])/).map { String($0.output.0) })
        #expect(days == ["31. desember 2031"], "\(days)")
    }

    /// The request the letter answers is its reference, not an open request; others stay listed.
    @Test(arguments: Format.allCases)
    func theAnsweredRequestIsNotListedAsOpen(_ format: Format) async throws {
        let test = try await ReportFixtures.karisStory()
        try await test.ledger.receiveRequest(
            id: "gdpr-2026-0042", from: TestLedger.kari, kind: .access, receivedOn: test.clock.now)
        try await test.ledger.receiveRequest(
            id: "gdpr-2026-0043", from: TestLedger.kari, kind: .erasure, receivedOn: test.clock.now)
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        #expect(report.openRequests.count == 2)
        let letter = Self.render(report, format, in: .norwegianBokmal, country: .norway)
        #expect(letter.ranges(of: "gdpr-2026-0042").count == (format == .text ? 0 : 1))
        #expect(letter.contains("gdpr-2026-0043"))
        if format != .text {
            #expect(
                letter.contains(
                    "Svar på forespørselen din om innsyn (personvernforordningen art. 15), referanse gdpr-2026-0042"))
        }
        // Naming the erasure request instead lists the access request as open.
        let other = Self.render(report, format, in: .english, country: .norway, answering: "gdpr-2026-0043")
        #expect(other.contains("gdpr-2026-0042"))
    }

    /// Data past its retention end is not told to the person: the letter leaves the end out,
    /// and ``AccessReport/overdueHoldings`` names it for the DPO.
    @Test(arguments: Format.allCases)
    func overdueDataIsNotToldToThePerson(_ format: Format) async throws {
        let test = try await TestLedger.make()
        try await test.ledger.record(
            [.name("Kari Nordmann"), .phone("+47 912 34 567")], about: TestLedger.kari, in: "service.cases",
            for: .complaintsAndService, reference: "case:7001")
        try await test.ledger.recordLifecycleEvent(.caseClosed, reference: "case:7001")
        test.clock.advance(by: 40 * ReportFixtures.day)
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        #expect(report.overdueHoldings.map(\.category) == [.name, .phone])
        for language in Language.reportLanguages {
            let letter = Self.render(report, format, in: language, country: .norway)
            #expect(!letter.contains(ReportLabels(language)[.keptUntil] + ":"), "\(language)")
            #expect(!letter.lowercased().contains("due for erasure"))
            #expect(!letter.contains("skal slettes"))
        }
    }

    @Test func theGreetingNamesThePersonWhenTheReportHoldsAName() async throws {
        let report = try await Self.karisReport()
        #expect(report.personName == "Kari Nordmann")
        #expect(Self.render(report, .html, in: .swedish, country: .sweden).contains("<p>Hej Kari Nordmann,</p>"))
        let test = try await TestLedger.make()
        try await test.ledger.record(
            [.email("anon@example.no")], about: "customer:20002", in: "webshop.orders", for: .customerAccountAndOrders)
        let nameless = try await test.ledger.issueReport(for: "customer:20002", requestedBy: "dpo")
        #expect(nameless.personName == nil)
        #expect(Self.render(nameless, .html, in: .swedish, country: .sweden).contains("<p>Hej,</p>"))
    }

    /// Art. 15(1)(h): the letter says that no decision is made by automated means alone.
    @Test(arguments: Format.allCases, Language.reportLanguages)
    func theLetterStatesThatNoDecisionIsAutomated(_ format: Format, _ language: Language) async throws {
        let letter = Self.render(try await Self.karisReport(), format, in: language, country: .norway)
        let statement = ReportLabels(language)[.automatedDecisions]
        #expect(letter.contains(format == .markdown ? MarkupEscaping.markdown(statement) : statement))
    }

    /// The legal basis cites its article as the official text of the letter's language does.
    @Test(arguments: [
        (Language.english, "GDPR Art. 6(1)(b)"), (.norwegianBokmal, "personvernforordningen art. 6 nr. 1 bokstav b"),
        (.swedish, "dataskyddsförordningen art. 6.1 b"),
        (.danish, "databeskyttelsesforordningen art. 6, stk. 1, litra b"),
        (.finnish, "tietosuoja-asetuksen 6 artiklan 1 kohdan b alakohta"),
    ])
    func theBasisCitesItsArticleInTheLanguagesStyle(_ language: Language, _ citation: String) async throws {
        let html = Self.render(try await Self.karisReport(), .html, in: language, country: .norway)
        #expect(html.contains("(\(citation))"), "\(citation)")
    }

    /// Holding numbers are for the DPO: in the text report, for `rectify` and `erase --holding`.
    @Test func theTextReportNumbersEveryHolding() async throws {
        let report = try await Self.karisReport()
        let text = Self.render(report, .text, in: .english, country: .norway)
        for item in report.heldData {
            #expect(text.contains("#\(item.sequence)  \(item.categoryLabel.text(in: .english))"))
        }
        #expect(
            !Self.render(report, .html, in: .english, country: .norway).contains("#\(report.heldData[0].sequence) "))
    }
}

/// Breach advice names the lead supervisory authority (Art. 56) of the ledger's country.
@Suite struct BreachAdviceTests {
    @Test(arguments: [
        (Region?.some(.norway), "Datatilsynet (Postboks 458 Sentrum, 0105 Oslo, www.datatilsynet.no)"),
        (.sweden, "Integritetsskyddsmyndigheten (IMY) (Box 8114, 104 20 Stockholm, www.imy.se)"),
        (.denmark, "Datatilsynet (Carl Jacobsens Vej 35, 2500 Valby, www.datatilsynet.dk)"),
        (.finland, "Office of the Data Protection Ombudsman (Tietosuojavaltuutetun toimisto) (PL 800"),
        (nil, "Notify the lead supervisory authority (GDPR Art. 56) within 72 hours"),
    ])
    func theAdviceNamesTheAuthorityOfTheLedgersCountry(_ country: Region?, _ expected: String) async throws {
        let test = try await ReportFixtures.karisStory()
        let breach = try await test.ledger.breachImpact(
            systems: ["webshop.orders"], from: TestLedger.start, to: test.clock.now)
        let text = breach.plainText(in: .english, country: country)
        #expect(text.contains(expected), "\(text)")
        #expect(country == .norway || country == .denmark || !text.contains("Datatilsynet"))
    }
}
