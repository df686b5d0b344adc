import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// A ledger's settings and their JSON form (`Documentation/Settings.md`).
@Suite struct LedgerSettingsTests {
    static func changed() -> LedgerSettings {
        var settings = LedgerSettings(defaultRegion: .sweden)
        settings.retention.timeZone = TimeZone(identifier: "Europe/Stockholm")!
        settings.retention.regions[.finland]?.consumerComplaint = .years(2)
        settings.retention.regions[.norway]?.consumerComplaintByPurpose[.complaintsAndService] = .years(5)
        settings.retention.regions[.denmark]?.rejectedApplicantKeptWithConsent = .months(36)
        settings.retention.regions[.norway]?.fiscalYearEnd = MonthDay(month: 6, day: 30)
        return settings
    }

    @Test(arguments: [LedgerSettings.defaults, changed()])
    func theJSONFormRoundTrips(settings: LedgerSettings) throws {
        let back = try LedgerSettings(jsonData: try settings.jsonData())
        #expect(back.defaultRegion == settings.defaultRegion)
        #expect(back.retention.regions == settings.retention.regions)
        #expect(back.retention.timeZone.identifier == settings.retention.timeZone.identifier)
    }

    @Test func theJSONFormNamesItsSchemaAndVersion() throws {
        let json = String(decoding: try Self.changed().jsonData(), as: UTF8.self)
        #expect(json.contains("\"schema\" : \"pdl.settings\""))
        #expect(json.contains("\"schemaVersion\" : 1"))
        #expect(json.contains("\"defaultCountry\" : \"SE\""))
        #expect(json.contains("\"complaintsAndService\" : \"5y\""))
        #expect(json.contains("\"counting\" : \"toEndOfCalendarYear\""))
        #expect(json.contains("\"fiscalYearEnd\" : \"06-30\""))
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        let name: String
        let edit: @Sendable (String) -> String
        let mentions: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        BadFile(name: "not JSON", edit: { _ in "settings" }, mentions: "not JSON of schema pdl.settings"),
        BadFile(
            name: "another schema", edit: { $0.replacingOccurrences(of: "pdl.settings", with: "pdl.other") },
            mentions: "pdl.other"),
        BadFile(
            name: "a newer version",
            edit: { $0.replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 2") },
            mentions: "version 2"),
        BadFile(
            name: "an unknown time zone", edit: { $0.replacingOccurrences(of: "Europe/Stockholm", with: "Mars/Base") },
            mentions: "Mars/Base"),
        BadFile(
            name: "a malformed period", edit: { $0.replacingOccurrences(of: "\"3y\"", with: "\"3 years\"") },
            mentions: "'3 years'"),
        BadFile(
            name: "a zero period", edit: { $0.replacingOccurrences(of: "\"3y\"", with: "\"0y\"") }, mentions: "'0y'"),
        BadFile(
            name: "a malformed fiscal year end", edit: { $0.replacingOccurrences(of: "06-30", with: "06-31") },
            mentions: "06-31"),
        BadFile(
            name: "an unknown counting",
            edit: { $0.replacingOccurrences(of: "toEndOfCalendarYear", with: "whenever") }, mentions: "whenever"),
        BadFile(
            name: "a default country without periods",
            edit: { $0.replacingOccurrences(of: "\"defaultCountry\" : \"SE\"", with: "\"defaultCountry\" : \"IS\"") },
            mentions: "'IS'"),
    ])
    func aBadFileIsRefusedNamingWhatIsWrong(row: BadFile) throws {
        let json = row.edit(String(decoding: try Self.changed().jsonData(), as: UTF8.self))
        #expect(json != String(decoding: try Self.changed().jsonData(), as: UTF8.self) || row.name == "not JSON")
        do {
            _ = try LedgerSettings(jsonData: Data(json.utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.rule == .invalidSettings)
            #expect(error.message.contains(row.mentions), "\(error.message)")
        }
    }

    @Test(arguments: ["2y", "18m", "30d", "1200d"])
    func periodsReadAsWritten(text: String) {
        #expect(CalendarPeriod(setting: text)?.setting == text)
    }

    @Test(arguments: ["", "y", "2", "2w", "-2y", "0d", "1201y", "2 y", "٢y"])
    func malformedPeriodsAreRefused(text: String) {
        #expect(CalendarPeriod(setting: text) == nil)
    }

    /// A ledger made with settings uses their default country and periods.
    @Test func aLedgerCountsWithItsSettings() async throws {
        var settings = LedgerSettings(defaultRegion: .sweden)
        settings.retention.regions[.sweden]?.bookkeeping = .toEndOfCalendarYear(yearsAfterFiscalYearEnd: 8)
        let clock = ManualClock(instant("2026-03-02T10:00:00Z"))
        let ledger = Ledger(store: InMemoryLedgerStore(), settings: settings, clock: clock.ledgerClock)
        #expect(ledger.region == .sweden)
        try await ledger.record(
            [.name("Sven Svensson")], about: "customer:1", in: "accounting", for: .legalObligations)
        #expect(try await ledger.retentionSchedule(of: "customer:1").map(\.end) == [.date(instant("2035-01-01"))])
    }
}
