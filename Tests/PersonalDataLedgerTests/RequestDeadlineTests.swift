import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct RequestDeadlineTests {
    /// Received (instant), months to answer in, due day.
    static let table: [(String, Int, String)] = [
        ("2026-01-31", 1, "2026-02-28"),  // no 31 February: the month's last day
        ("2028-01-31", 1, "2028-02-29"),  // leap year
        ("2026-03-15", 1, "2026-04-15"),
        ("2026-03-31", 1, "2026-04-30"),
        ("2026-12-15", 1, "2027-01-15"),  // across the year
        ("2026-01-31", 3, "2026-04-30"),  // extended by two: counted from receipt, not from 28 February
        ("2026-01-31", 2, "2026-03-31"),
        ("2026-03-15", 3, "2026-06-15"),
        ("2100-01-31", 1, "2100-02-28"),  // not a leap year
        ("2000-01-31", 1, "2000-02-29"),  // a leap year
        ("2026-03-15T23:30:00Z", 1, "2026-04-15"),  // the UTC day counts, not the instant
        ("2026-03-15T00:00:00.001Z", 1, "2026-04-15"),
    ]

    @Test(arguments: table)
    func theDueDayIsTheSameDayMonthsLaterClampedToTheMonthsEnd(received: String, months: Int, due: String) {
        let dueAt = RequestDeadline.dueAt(receivedOn: instant(received), months: months)
        #expect(dueAt == instant(due).addingTimeInterval(86_400 - 0.001), "the end of the due day, UTC")
        #expect(RequestDeadline.day(of: dueAt) == instant(due))
    }

    @Test(arguments: [
        ("2026-02-28T12:00:00Z", 0), ("2026-02-27T23:59:59Z", 1), ("2026-03-01T00:00:00Z", -1), ("2026-02-01", 27),
    ])
    func daysRemainingCountUTCDays(asOf: String, days: Int) {
        let due = RequestDeadline.dueAt(receivedOn: instant("2026-01-31"), months: 1)
        #expect(RequestDeadline.daysRemaining(until: due, asOf: instant(asOf)) == days)
    }
}
