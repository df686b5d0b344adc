import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct ReportRenderingTests {
    @Test func htmlEscapesEveryTextFromTheLedger() async throws {
        let test = try await TestLedger.make()
        let mallory: SubjectID = "customer:<b>666</b>"
        try await test.ledger.record(
            [.name("<script>alert('x')</script> & \"Co\""), .deliveryAddress("Gate 1 <img src=x onerror=alert(1)>")],
            about: mallory, in: "webshop.orders", for: .customerAccountAndOrders, reference: "order:<i>1</i>")
        let report = try await test.ledger.issueReport(for: mallory, requestedBy: "dpo")
        for language in ReportLabels.languages {
            let html = report.htmlLetter(in: language, catalog: .focusNordic, country: .norway)
            #expect(!html.contains("<script>"))
            #expect(!html.contains("<img"))
            #expect(!html.contains("<b>666"))
            #expect(!html.contains("<i>1"))
            #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"))
            #expect(html.contains("order:&lt;i&gt;1&lt;/i&gt;"))
            // The document's own markup is intact and self-contained.
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.contains("<style>"))
            #expect(html.contains("@media print"))
            #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("url("))
            #expect(!html.contains("<link"))
        }
    }

    @Test func markdownEscapesMarkupAndHTML() async throws {
        let test = try await TestLedger.make()
        let subject: SubjectID = "customer:20002"
        try await test.ledger.record(
            [.name("<script>x</script> | *bold* [link](http://evil)")], about: subject, in: "webshop.orders",
            for: .customerAccountAndOrders)
        let markdown = try await test.ledger.issueReport(for: subject, requestedBy: "dpo").markdown()
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("&lt;script&gt;x&lt;/script&gt; \\| \\*bold\\* \\[link\\](http://evil)"))
    }

    @Test func highSensitivityValuesStayMaskedUnlessRevealed() async throws {
        let test = try await ReportFixtures.karisStory()
        let masked = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        for language in ReportLabels.languages {
            let html = masked.htmlLetter(in: language)
            let markdown = masked.markdown(in: language)
            #expect(!html.contains("16822548834"))
            #expect(!markdown.contains("16822548834"))
            #expect(html.contains("168225*****"))
            #expect(markdown.contains("168225\\*\\*\\*\\*\\*"))
        }
        let revealed = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo", revealing: true)
        #expect(revealed.htmlLetter().contains("16822548834"))
        #expect(revealed.htmlLetter().contains("Keep it safe"))
        #expect(revealed.markdown(in: .norwegianBokmal).contains("16822548834"))
        #expect(revealed.markdown(in: .norwegianBokmal).contains("Oppbevar den trygt"))
    }

    @Test func letterHasEverySectionInNorwegian() async throws {
        let test = try await ReportFixtures.karisStory()
        try await test.ledger.restrict(TestLedger.kari, purpose: .complaintsAndService)
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        let html = report.htmlLetter(in: .norwegianBokmal, catalog: .focusNordic, country: .norway)
        #expect(html.contains("<html lang=\"nb\">"))
        for text in [
            "Hva vi har lagret om deg", "Kundekonto og ordrehåndtering", "Nettbutikkordre",
            "Avtale (personvernforordningen art. 6 nr. 1 bokstav b)", "Hei Kari Nordmann,",
            "Hvem som har mottatt opplysningene", "Transportør", "Leverandør av sikkerhetskopi", "Dine samtykker",
            "Trukket tilbake", "2018-05-25", "Begrensning og protester", "Dine rettigheter",
            "enkelte, deler av eller alle", "Datatilsynet (Postboks 458 Sentrum, 0105 Oslo, www.datatilsynet.no)",
            "mailto:GDPR@focusnordic.com", "Dataportabilitet", "Automatiserte avgjørelser", "heller ikke profilering",
            "3. mars 2026",
        ] {
            #expect(html.contains(text), "missing: \(text)")
        }
        let markdown = report.markdown(in: .norwegianBokmal, catalog: .focusNordic, country: .norway)
        for text in ["## Dine rettigheter", "GDPR@focusnordic.com", "| Navn |", "Trukket tilbake", "Datatilsynet"] {
            #expect(markdown.contains(text), "missing: \(text)")
        }
    }

    @Test func letterInEnglish() async throws {
        let test = try await ReportFixtures.karisStory()
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        let html = report.htmlLetter(in: .english, country: .norway)
        for text in [
            "<html lang=\"en\">", "What we hold about you", "Customer account and orders", "Who received it", "Carrier",
            "Your consents", "Withdrawn", "Your rights", "some, part of or all", "Datatilsynet", "GDPR@focusnordic.com",
            "3 March 2026",
        ] {
            #expect(html.contains(text), "missing: \(text)")
        }
        #expect(!html.contains("Hva vi har lagret"))
    }

    @Test func openRequestsAndErasuresAppear() async throws {
        let test = try await ReportFixtures.karisStory()
        let facts = try await test.allFacts()
        let ipAddress = try #require(
            facts.first {
                if case .holding(let holding) = $0.body { return holding.category == .ipAddress }
                return false
            })
        try await ReportFixtures.erase([ipAddress.sequence], of: TestLedger.kari, in: test)
        _ = try await test.store.append([
            NewFact(
                recordedAt: test.clock.now, actor: "dpo",
                body: .request(
                    RequestEvent(
                        requestID: "mail:4711", subject: TestLedger.kari, kind: .erasure, action: .received,
                        dueAt: test.clock.now.addingTimeInterval(30 * ReportFixtures.day))))
        ])
        let report = try await test.ledger.issueReport(for: TestLedger.kari, requestedBy: "dpo")
        let html = report.htmlLetter(in: .norwegianBokmal)
        #expect(html.contains("Dine åpne henvendelser"))
        #expect(html.contains("mail:4711"))
        #expect(html.contains("Hva vi har slettet"))
        #expect(html.contains("etter forespørsel fra deg"))
        #expect(html.contains("(slettet "))
        let markdown = report.markdown()
        #expect(markdown.contains("Your open requests"))
        #expect(markdown.contains("What we have erased"))
    }
}
