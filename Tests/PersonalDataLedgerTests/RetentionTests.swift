import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// One purpose's retention in one region: what happens, and the first instant erasure is due.
struct RetentionCase: Sendable, CustomTestStringConvertible {
    let scenario: String
    let region: Region
    let due: Date
    let setup: @Sendable (RightsLedger) async throws -> Void

    var testDescription: String { "\(scenario) in \(region)" }

    /// Every settings the table runs with: the Nordic defaults, plus a Finnish complaint period
    /// (Finland has no default).
    static let settings: RetentionSettings = {
        var settings = RetentionSettings.nordicDefaults
        settings.regions[.finland]?.consumerComplaint = .years(2)
        return settings
    }()

    static let delivered = instant("2026-03-10T14:00:00Z")
    static let caseClosed = instant("2026-04-01T10:00:00Z")

    /// The first day complaint data is due after delivery on 2026-03-10, per region.
    static let complaintDue: [Region: String] = [
        .norway: "2028-03-11", .sweden: "2029-03-11", .denmark: "2028-03-11", .finland: "2028-03-11",
    ]
    /// The first day bookkeeping data of a sale on 2026-03-02 is due, per region.
    static let bookkeepingDue: [Region: String] = [
        .norway: "2032-01-01", .sweden: "2034-01-01", .denmark: "2032-01-01", .finland: "2037-01-01",
    ]

    static let table: [RetentionCase] = Region.nordic.flatMap { region -> [RetentionCase] in
        [
            RetentionCase(
                scenario: "order data, delivered", region: region, due: instant(complaintDue[region]!)
            ) { test in
                try await test.recordOrder()
                try await test.event(.orderDelivered, "order:50017", at: delivered)
            },
            RetentionCase(
                scenario: "complaint data, case closed without consent", region: region, due: caseClosed
            ) { test in
                try await test.ledger.record(
                    [.name("Kari Nordmann"), .phone("+47 912 34 567")], about: RightsLedger.kari, in: "service.cases",
                    for: .complaintsAndService, reference: "order:50017")
                try await test.event(.orderDelivered, "order:50017", at: delivered)
                try await test.event(.caseClosed, "order:50017", at: caseClosed)
            },
            RetentionCase(
                scenario: "complaint data, case closed with consent", region: region,
                due: instant(complaintDue[region]!)
            ) { test in
                try await test.ledger.record(
                    [.name("Kari Nordmann"), .phone("+47 912 34 567")], about: RightsLedger.kari, in: "service.cases",
                    for: .complaintsAndService, reference: "order:50017")
                try await test.event(.orderDelivered, "order:50017", at: delivered)
                try await test.consent(to: .complaintsAndService)
                try await test.event(.caseClosed, "order:50017", at: caseClosed)
            },
            RetentionCase(
                scenario: "campaign entry, campaign ended", region: region, due: instant("2026-06-30T22:00:00Z")
            ) { test in
                try await test.consent(to: .campaignsAndCompetitions)
                try await test.ledger.record(
                    [.name("Kari Nordmann"), .email("kari.nordmann@example.no")], about: RightsLedger.kari,
                    in: "marketing.campaigns", for: .campaignsAndCompetitions, reference: "campaign:summer")
                try await test.event(.campaignEnded, "campaign:summer", at: instant("2026-06-30T22:00:00Z"))
            },
            RetentionCase(
                scenario: "applicant, rejected without consent", region: region, due: instant("2026-05-01T08:00:00Z")
            ) { test in
                try await test.ledger.record(
                    [.name("Kari Nordmann")], about: RightsLedger.kari, in: "recruitment", for: .jobApplicants,
                    reference: "application:9")
                try await test.event(.applicationRejected, "application:9", at: instant("2026-05-01T08:00:00Z"))
            },
            RetentionCase(
                scenario: "applicant, rejected with consent to be kept", region: region, due: instant("2027-05-02")
            ) { test in
                try await test.ledger.record(
                    [.name("Kari Nordmann")], about: RightsLedger.kari, in: "recruitment", for: .jobApplicants,
                    reference: "application:9")
                try await test.consent(to: .jobApplicants)
                try await test.event(.applicationRejected, "application:9", at: instant("2026-05-01T08:00:00Z"))
            },
            RetentionCase(
                scenario: "contact register, consent withdrawn", region: region, due: instant("2026-09-01T12:00:00Z")
            ) { test in
                try await test.consent(to: .contactRegister)
                try await test.ledger.record(
                    [.email("kari.nordmann@example.no")], about: RightsLedger.kari, in: "marketing.contacts",
                    for: .contactRegister)
                test.move(to: instant("2026-09-01T12:00:00Z"))
                try await test.consent(.withdrawn, to: .contactRegister)
            },
            RetentionCase(
                scenario: "business transaction, bookkeeping", region: region, due: instant(bookkeepingDue[region]!)
            ) { test in
                try await test.ledger.record(
                    [.name("Kari Nordmann"), .billingAddress("Storgata 1, 0155 Oslo")], about: RightsLedger.kari,
                    in: "accounting", for: .legalObligations, reference: "invoice:2026-0001")
            },
        ]
    }
}

@Suite struct RetentionTests {
    /// The day before the boundary (midday of the last day kept), the boundary itself, and the day
    /// after: not due, due, due.
    @Test(arguments: StoreFactory.all, RetentionCase.table)
    func eachPurposeInEachRegionAroundItsBoundary(store: StoreFactory, row: RetentionCase) async throws {
        let test = try await RightsLedger.make(store, region: row.region, retention: RetentionCase.settings)
        try await row.setup(test)
        test.move(to: row.due.addingTimeInterval(2 * 86_400))

        let schedule = try await test.ledger.retentionSchedule(of: RightsLedger.kari)
        #expect(!schedule.isEmpty)
        #expect(schedule.allSatisfy { $0.end == .date(row.due) }, "\(schedule.map(\.end))")

        let before = try await test.ledger.retentionDue(asOf: row.due.addingTimeInterval(-12 * 3600))
        let on = try await test.ledger.retentionDue(asOf: row.due)
        let after = try await test.ledger.retentionDue(asOf: row.due.addingTimeInterval(86_400))
        #expect(before.holdings.isEmpty)
        #expect(Set(on.holdings.map(\.holding)) == Set(schedule.map(\.holding)))
        #expect(Set(after.holdings.map(\.holding)) == Set(schedule.map(\.holding)))
        #expect(on.holdings.allSatisfy { $0.end == .date(row.due) && $0.clock != nil })
    }

    @Test func aNorwegianSaleOn2026_03_02IsKeptUntil2031_12_31() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.ledger.record(
            [.name("Kari Nordmann")], about: RightsLedger.kari, in: "accounting", for: .legalObligations,
            reference: "invoice:2026-0001")
        let schedule = try await test.ledger.retentionSchedule(of: RightsLedger.kari)
        #expect(schedule.map(\.end) == [.date(instant("2032-01-01"))])
        #expect(schedule[0].clock == .init(startsAt: .recorded, keepFor: .bookkeeping))

        let report = try await test.ledger.issueReport(for: RightsLedger.kari, requestedBy: "dpo")
        #expect(report.heldData[0].keptUntil == .date(instant("2032-01-01")))
        #expect(report.plainText(country: .norway).contains("Kept: until 31 December 2031"))
        #expect(report.plainText(in: .norwegianBokmal, country: .norway).contains("Lagres: til 31. desember 2031"))
    }

    struct FiscalYearCase: Sendable, CustomTestStringConvertible {
        let region: Region
        let sale: String
        let due: String
        var testDescription: String { "\(region) sale \(sale)" }
    }

    /// Bookkeeping counts from the end of the fiscal year the sale belongs to (here 30 April).
    @Test(arguments: [
        FiscalYearCase(region: .norway, sale: "2026-03-02T09:00:00Z", due: "2031-05-01"),
        FiscalYearCase(region: .norway, sale: "2026-04-30T23:00:00Z", due: "2031-05-01"),
        FiscalYearCase(region: .norway, sale: "2026-05-01T00:00:00Z", due: "2032-05-01"),
        FiscalYearCase(region: .sweden, sale: "2026-03-02T09:00:00Z", due: "2034-01-01"),
        FiscalYearCase(region: .sweden, sale: "2026-05-15T09:00:00Z", due: "2035-01-01"),
        FiscalYearCase(region: .denmark, sale: "2026-05-15T09:00:00Z", due: "2032-05-01"),
        FiscalYearCase(region: .finland, sale: "2026-05-15T09:00:00Z", due: "2037-05-01"),
    ])
    func bookkeepingFromANonCalendarFiscalYear(row: FiscalYearCase) async throws {
        var settings = RetentionSettings.nordicDefaults
        settings.regions[row.region]?.fiscalYearEnd = MonthDay(month: 4, day: 30)
        let test = try await RightsLedger.make(.inMemory, region: row.region, retention: settings)
        test.move(to: instant(row.sale))
        try await test.ledger.record(
            [.name("Kari Nordmann")], about: RightsLedger.kari, in: "accounting", for: .legalObligations)
        #expect(try await test.ledger.retentionSchedule(of: RightsLedger.kari).map(\.end) == [.date(instant(row.due))])
    }

    @Test func everyPeriodIsOverridable() async throws {
        var settings = RetentionSettings.nordicDefaults
        settings.regions[.norway]?.consumerComplaint = .years(5)  // goods meant to last considerably longer
        settings.regions[.norway]?.bookkeeping = .afterFiscalYearEnd(years: 3)
        settings.regions[.norway]?.rejectedApplicantKeptWithConsent = .years(3)
        let test = try await RightsLedger.make(.inMemory, retention: settings)
        try await test.recordOrder()
        try await test.ledger.record(
            [.name("Kari Nordmann")], about: RightsLedger.kari, in: "accounting", for: .legalObligations)
        try await test.ledger.record(
            [.name("Kari Nordmann")], about: RightsLedger.kari, in: "recruitment", for: .jobApplicants,
            reference: "application:9")
        try await test.consent(to: .jobApplicants)
        try await test.event(.orderDelivered, "order:50017", at: RetentionCase.delivered)
        try await test.event(.applicationRejected, "application:9", at: instant("2026-05-01T08:00:00Z"))
        let ends = Dictionary(
            try await test.ledger.retentionSchedule(of: RightsLedger.kari).map { ($0.purpose, $0.end) },
            uniquingKeysWith: { a, _ in a })
        #expect(ends[.customerAccountAndOrders] == .date(instant("2031-03-11")))
        #expect(ends[.legalObligations] == .date(instant("2030-01-01")))
        #expect(ends[.jobApplicants] == .date(instant("2029-05-02")))
    }

    @Test func finlandWithoutAComplaintPeriodRefusesAndSaysSo() async throws {
        let test = try await RightsLedger.make(.inMemory, region: .finland)
        try await test.recordOrder()
        try await test.event(.orderDelivered, "order:50017", at: RetentionCase.delivered)

        let error = try await #require(throws: LedgerError.self) { try await test.ledger.retentionDue() }
        #expect(error.rule == .retentionSettingMissing)
        #expect(error.message.contains("consumerComplaint"))
        #expect(!error.message.contains("Kari"))
        await #expect(throws: LedgerError.self) { try await test.ledger.applyRetention() }

        // The access report still works, and says the date is not determined yet.
        let report = try await test.ledger.issueReport(for: RightsLedger.kari, requestedBy: "dpo")
        #expect(report.heldData.allSatisfy { if case .undetermined = $0.keptUntil { true } else { false } })
        #expect(report.plainText().contains("Kept: not yet determined"))
    }

    @Test func untilAnEventWhileNoClockHasStarted() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.recordOrder()
        try await test.consent(to: .contactRegister)
        try await test.ledger.record(
            [.email("kari.nordmann@example.no")], about: RightsLedger.kari, in: "marketing.contacts",
            for: .contactRegister)
        let ends = try await test.ledger.retentionSchedule(of: RightsLedger.kari).map(\.end)
        #expect(ends.dropLast().allSatisfy { $0 == .event([.orderDelivered], consentWithdrawal: false) })
        #expect(ends.last == .event([], consentWithdrawal: true))
        let text = try await test.ledger.issueReport(for: RightsLedger.kari, requestedBy: "dpo").plainText()
        #expect(text.contains("Kept: until the order is delivered, then as described above"))
        #expect(text.contains("Kept: until you withdraw your consent"))
        #expect(try await test.ledger.retentionDue().holdings.isEmpty)
    }

    @Test func consentWithdrawnAfterTheCaseClosedEndsTheExtension() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.ledger.record(
            [.phone("+47 912 34 567")], about: RightsLedger.kari, in: "service.cases", for: .complaintsAndService,
            reference: "order:50017")
        try await test.event(.orderDelivered, "order:50017", at: RetentionCase.delivered)
        try await test.consent(to: .complaintsAndService)
        try await test.event(.caseClosed, "order:50017", at: RetentionCase.caseClosed)
        #expect(
            try await test.ledger.retentionSchedule(of: RightsLedger.kari).map(\.end) == [.date(instant("2028-03-11"))])
        test.move(to: instant("2026-07-01T12:00:00Z"))
        try await test.consent(.withdrawn, to: .complaintsAndService)
        #expect(
            try await test.ledger.retentionSchedule(of: RightsLedger.kari).map(\.end) == [
                .date(instant("2026-07-01T12:00:00Z"))
            ])
    }

    @Test(arguments: StoreFactory.all)
    func applyingRetentionErasesPhysicallyAndRecordsWhy(store: StoreFactory) async throws {
        let test = try await RightsLedger.make(store)
        try await test.recordOrder()
        try await test.ledger.disclose([.name, .deliveryAddress], of: RightsLedger.kari, to: "carrier", for: .shipping)
        try await test.consent(to: .contactRegister)
        try await test.ledger.record(
            [.email("kari.contact@example.no")], about: RightsLedger.kari, in: "marketing.contacts",
            for: .contactRegister)
        try await test.event(.orderDelivered, "order:50017", at: RetentionCase.delivered)
        try await test.consent(.withdrawn, to: .contactRegister)

        // Withdrawal makes the contact register due at once; the order waits for its period.
        let now = try await test.ledger.retentionDue()
        #expect(now.holdings.map(\.purpose) == [.contactRegister])
        let first = try await test.ledger.applyRetention()
        #expect(first.erased.map(\.purpose) == [.contactRegister])
        #expect(first.erasures.count == 1)
        guard case .erasure(let erasure) = first.erasures[0].body else {
            Issue.record("not an erasure")
            return
        }
        #expect(erasure.reason == .consentWithdrawn)
        #expect(!erasure.identifierErased)

        test.move(to: instant("2028-03-11"))
        await #expect(throws: LedgerError.self) {
            try await test.ledger.applyRetention(asOf: instant("2030-01-01"))
        }
        let second = try await test.ledger.applyRetention()
        #expect(second.erased.count == 4)
        guard case .erasure(let expired) = second.erasures[0].body else {
            Issue.record("not an erasure")
            return
        }
        #expect(expired.reason == .retentionExpired)
        #expect(second.recipientsToTell.map(\.recipient) == ["carrier"])
        #expect(Set(second.recipientsToTell[0].categories) == [.name, .deliveryAddress])

        let facts = try await test.store.facts(about: RightsLedger.kari)
        for fact in facts {
            if case .holding(let holding) = fact.body { #expect(holding.value == .erased) }
        }
        #expect(try await test.ledger.retentionDue().holdings.isEmpty)
        #expect(try await test.ledger.applyRetention().erasures.isEmpty)
        try await test.store.verify()
    }

    @Test func restrictedHoldingsAreDeferredNotErased() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.recordOrder()
        try await test.event(.orderDelivered, "order:50017", at: RetentionCase.delivered)
        try await test.ledger.restrict(RightsLedger.kari)
        test.move(to: instant("2028-03-11"))
        let due = try await test.ledger.retentionDue()
        #expect(due.holdings.isEmpty)
        #expect(due.deferred.count == 4)
        let sweep = try await test.ledger.applyRetention()
        #expect(sweep.erasures.isEmpty)
        #expect(sweep.deferred.count == 4)
    }

    @Test func retentionEndIsPortableJSON() throws {
        let ends: [RetentionEnd] = [
            .date(instant("2032-01-01")), .event([.orderDelivered], consentWithdrawal: true), .noLimit,
            .undetermined(reason: "set it"),
        ]
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let data = try encoder.encode(ends)
        #expect(try decoder.decode([RetentionEnd].self, from: data) == ends)
        #expect(String(decoding: data, as: UTF8.self).contains(#""kind":"date""#))
    }
}
