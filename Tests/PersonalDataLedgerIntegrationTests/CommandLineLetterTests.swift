import Foundation
import Testing

/// Letters a DPO can send (issue 10, item 7), from `pdl`: five languages, the authority of the
/// person's country, the answered request not listed as open, overdue data reported to the DPO
/// on standard error and not to the person, dates typed by hand read in the ledger's local time.
@Suite struct CommandLineLetterTests {
    static let kari = "customer:10001"

    @Test(arguments: [
        ("nb", "Dine personopplysninger", "Hei Kari Nordmann,"), ("sv", "Dina personuppgifter", "Hej Kari Nordmann,"),
        ("da", "Dine personoplysninger", "Hej Kari Nordmann,"), ("fi", "Henkilötietosi", "Hei Kari Nordmann,"),
        ("en", "Your personal data", "Dear Kari Nordmann,"),
    ])
    func reportWritesEveryLanguage(_ language: String, _ title: String, _ greeting: String) throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let letter = try pdl.run("report", Self.kari, "--format", "html", "--language", language)
        #expect(letter.status == 0, "\(letter)")
        #expect(letter.stdout.contains("<html lang=\"\(language)\">"))
        #expect(letter.stdout.contains("<h1>\(title)</h1>"), "\(letter)")
        #expect(letter.stdout.contains(greeting))
    }

    @Test func anUnknownLanguageOrCountryIsAUsageError() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let german = try pdl.run("report", Self.kari, "--language", "de")
        #expect(german.status == 2, "\(german)")
        #expect(german.stderr.contains("en, da, fi, nb, sv"), "\(german)")
        let iceland = try pdl.run("report", Self.kari, "--country", "IS")
        #expect(iceland.status == 2, "\(iceland)")
    }

    @Test func aSwedishLetterNamesIntegritetsskyddsmyndigheten() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let letter = try pdl.run("report", Self.kari, "--format", "html", "--language", "sv", "--country", "SE")
        #expect(letter.status == 0, "\(letter)")
        #expect(letter.stdout.contains("Integritetsskyddsmyndigheten (IMY) (Box 8114, 104 20 Stockholm, www.imy.se)"))
        #expect(!letter.stdout.contains("Datatilsynet"))
        // Without --country, the ledger's: Norway's Datatilsynet.
        let norwegian = try pdl.run("report", Self.kari, "--format", "markdown", "--language", "nb")
        #expect(norwegian.stdout.contains("Datatilsynet (Postboks 458 Sentrum, 0105 Oslo, www.datatilsynet.no)"))
    }

    /// The demo's complaint and newsletter data are past their end on 1 December 2026: the DPO
    /// hears it on standard error, with the holding numbers; the letter says nothing of it.
    @Test func overdueDataIsReportedToTheDPOOnStandardErrorNotInTheLetter() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let letter = try pdl.run("report", Self.kari, "--format", "html", "--language", "nb")
        #expect(letter.status == 0, "\(letter)")
        #expect(letter.stderr.contains("past their retention end"), "\(letter)")
        #expect(letter.stderr.contains("pdl erase \(Self.kari) --holding N"))
        for holding in try #require(
            try pdl.run("report", Self.kari, "--format", "json").json()["heldData"] as? [[String: Any]])
        where holding["purpose"] as? String == "complaintsAndService" {
            let sequence = try #require(holding["sequence"] as? Int)
            #expect(letter.stderr.contains("#\(sequence) "), "\(letter)")
        }
        for told in ["skal slettes", "fristen var", "2026-05-02", "2. mai 2026", "20. mai 2026 (", "overdue"] {
            #expect(!letter.stdout.contains(told), "the letter tells the person: \(told)")
        }
        #expect(!letter.stderr.contains("Kari Nordmann"), "the warning names no personal value")
    }

    /// The report answers the open access request: it is the letter's reference, not an open
    /// request, and standard error gives the fact number `requests close --facts` takes.
    @Test func theAnsweredRequestIsNotListedAndItsClosingIsNamed() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let received = try pdl.run(
            "requests", "receive", "gdpr-2026-0041", "--subject", Self.kari, "--kind", "access", "--received",
            "2026-11-20")
        #expect(received.status == 0, "\(received)")
        let letter = try pdl.run("report", Self.kari, "--format", "html", "--language", "nb")
        #expect(letter.stdout.contains("referanse gdpr-2026-0041"), "\(letter)")
        #expect(letter.stdout.ranges(of: "gdpr-2026-0041").count == 1, "listed as open as well")
        #expect(!letter.stdout.contains("Dine åpne henvendelser"))
        let fact = try #require(
            letter.stderr.firstMatch(of: /Recorded the report as fact (\d+)\./).map { String($0.1) })
        #expect(
            letter.stderr.contains("pdl requests close gdpr-2026-0041 --note \"access report sent\" --facts \(fact)"))
        let closed = try pdl.run("requests", "close", "gdpr-2026-0041", "--note", "access report sent", "--facts", fact)
        #expect(closed.status == 0, "\(closed)")
        let unknown = try pdl.run("report", Self.kari, "--request", "gdpr-2026-9999")
        #expect(unknown.status == 2, "\(unknown)")
        let closedAgain = try pdl.run("report", Self.kari, "--request", "gdpr-2026-0041")
        #expect(closedAgain.status == 2, "\(closedAgain)")
    }

    /// Holding numbers for `rectify` and `erase --holding` are in the text report.
    @Test func theTextReportNumbersTheHoldingsRectifyTakes() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let text = try pdl.run("report", Self.kari)
        let number = try #require(text.stdout.firstMatch(of: /#(\d+)\s+Telephone number/).map { String($0.1) })
        let history = try pdl.run("rectify", Self.kari, "--holding", number, "--history")
        #expect(history.status == 0, "\(history)")
        #expect(history.stdout.contains("phone"), "\(history)")
    }

    /// A day or a time without an offset is the ledger's local time (its settings' time zone,
    /// here Oslo); with an offset, as given; a day or a local time that does not exist is refused
    /// and records nothing.
    @Test(arguments: [
        ("2026-03-05", "2026-03-06", "from 2026-03-04T23:00:00Z until 2026-03-06T22:59:59Z"),
        ("2026-07-01T08:30", "2026-07-01T17:00:00+02:00", "from 2026-07-01T06:30:00Z until 2026-07-01T15:00:00Z"),
        ("2026-03-05T10:00:00Z", "2026-03-05T11:00:00Z", "from 2026-03-05T10:00:00Z until 2026-03-05T11:00:00Z"),
    ])
    func datesTypedByHandAreLocalUnlessTheyCarryAnOffset(_ from: String, _ until: String, _ expected: String)
        throws
    {
        let pdl = PDLRunner()
        try pdl.demo()
        #expect(try pdl.run("settings", "set", "--time-zone", "Europe/Oslo").status == 0)
        let granted = try pdl.run(
            "grant", "it-partner", "--system", "webshop.orders", "--occasion", "maintenance", "--from", from, "--until",
            until)
        #expect(granted.status == 0, "\(granted)")
        #expect(granted.stdout.contains(expected), "\(granted)")
    }

    @Test(arguments: [
        ("2026-02-31", "is not a day of the calendar"), ("2026-03-05T24:00", "is not a time of day"),
        ("2026-03-29T02:30", "does not exist in Europe/Oslo"), ("2026-03-05T10:00+25:00", "must be a date such as"),
        ("05.03.2026", "must be a date such as"),
    ])
    func impossibleDatesAreRefusedAndRecordNothing(_ date: String, _ message: String) throws {
        let pdl = PDLRunner()
        try pdl.demo()
        #expect(try pdl.run("settings", "set", "--time-zone", "Europe/Oslo").status == 0)
        let before = try pdl.head()
        let refused = try pdl.run(
            "grant", "it-partner", "--system", "webshop.orders", "--occasion", "maintenance", "--from", date)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains(message), "\(refused)")
        #expect(try pdl.head() == before)
    }
}
