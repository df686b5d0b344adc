import Foundation
import Testing

@testable import PDLCommands
@testable import PersonalDataLedger

/// Dates typed on the command line: local time unless they carry an offset, never rolled over.
@Suite struct CommandLineDateTests {
    static let oslo = Region.norway.timeZone
    static let helsinki = Region.finland.timeZone

    @Test(arguments: [
        ("2026-03-05", false, oslo, "2026-03-04T23:00:00.000Z"),
        ("2026-03-05", true, oslo, "2026-03-05T22:59:59.999Z"),
        ("2026-07-01", false, oslo, "2026-06-30T22:00:00.000Z"),  // summer time
        ("2026-07-01", false, helsinki, "2026-06-30T21:00:00.000Z"),
        ("2026-03-29", true, oslo, "2026-03-29T21:59:59.999Z"),  // a 23-hour day
        ("2026-03-05T10:00", false, oslo, "2026-03-05T09:00:00.000Z"),
        ("2026-03-05T10:00:30.25", false, oslo, "2026-03-05T09:00:30.250Z"),
        ("2026-03-05T10:00:00Z", false, oslo, "2026-03-05T10:00:00.000Z"),
        ("2026-03-05T10:00:00+02:00", false, oslo, "2026-03-05T08:00:00.000Z"),
        ("2026-03-05T10:00:00-0130", false, oslo, "2026-03-05T11:30:00.000Z"),
        ("2026-03-05T10:00:00Z", false, nil, "2026-03-05T10:00:00.000Z"),
    ])
    func readsLocalTimeUnlessAnOffsetIsGiven(_ text: String, _ endOfDay: Bool, _ zone: TimeZone?, _ expected: String)
        throws
    {
        let date = try CommandLineDate(text, option: "at", endOfDay: endOfDay).date(in: zone)
        let instant = try Date(expected, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        #expect(abs(date.timeIntervalSince(instant)) < 0.000_1, "\(date) is not \(expected)")
    }

    @Test(arguments: [
        ("2026-02-31", "not a day of the calendar"), ("2026-13-01", "not a day of the calendar"),
        ("2026-03-05T24:00", "not a time of day"), ("2026-03-05T10:60", "not a time of day"),
        ("2026-03-05 10:00", "must be a date such as"), ("05.03.2026", "must be a date such as"),
        ("2026-03-05T10:00+15:00", "must be a date such as"), ("2026-03-05T10:00:00Zx", "must be a date such as"),
        ("2026-3-5", "must be a date such as"),
    ])
    func refusesWhatIsNotADateNamingTheRule(_ text: String, _ message: String) {
        #expect {
            try CommandLineDate(text, option: "at")
        } throws: { error in
            (error as? UsageError)?.message.contains(message) == true
        }
    }

    @Test(arguments: [
        ("2026-03-29T02:30", oslo, "does not exist in Europe/Oslo"), ("2026-03-05", nil, "no known time zone"),
    ])
    func refusesALocalTimeThatCannotBeRead(_ text: String, _ zone: TimeZone?, _ message: String) {
        #expect {
            try CommandLineDate(text, option: "at").date(in: zone)
        } throws: { error in
            (error as? UsageError)?.message.contains(message) == true
        }
    }

    /// A request's day is the calendar day its deadline counts: UTC midnight, whatever the zone.
    @Test func aRequestDayIsTheCalendarDay() throws {
        let day = try CommandLineDate("2026-03-01", option: "received").requestDay(in: Self.oslo)
        #expect(day.formatted(.iso8601) == "2026-03-01T00:00:00Z")
        let time = try CommandLineDate("2026-03-01T00:30", option: "received").requestDay(in: Self.oslo)
        #expect(time.formatted(.iso8601) == "2026-02-28T23:30:00Z")
    }
}
