import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// The law per holding: each holding's country — its own, else its person's, else the ledger's —
/// decides its periods, how its values are read, and the consent record's jurisdiction.
@Suite struct CountryTests {
    /// Finland with a complaint period, so every country computes.
    static let settings: RetentionSettings = {
        var settings = RetentionSettings.nordicDefaults
        settings.regions[.finland]?.consumerComplaint = .years(2)
        return settings
    }()

    struct CountryCase: Sendable, CustomTestStringConvertible {
        let region: Region
        /// The first instant a sale of 2026-03-02 is due, its last day kept being the day before.
        let bookkeepingDue: String
        /// The first instant order data delivered on 2026-03-10 is due.
        let complaintDue: String
        var testDescription: String { "\(region)" }
    }

    static let countries = [
        CountryCase(region: .norway, bookkeepingDue: "2032-01-01", complaintDue: "2028-03-11"),
        CountryCase(region: .sweden, bookkeepingDue: "2034-01-01", complaintDue: "2029-03-11"),
        CountryCase(region: .denmark, bookkeepingDue: "2032-01-01", complaintDue: "2028-03-11"),
        CountryCase(region: .finland, bookkeepingDue: "2037-01-01", complaintDue: "2028-03-11"),
    ]

    /// In a Norwegian ledger, a holding recorded with a country is kept for that country's
    /// bookkeeping period (Sweden: to 2033-12-31; Denmark and Norway: 2031-12-31), through every store.
    @Test(arguments: StoreFactory.all, countries)
    func bookkeepingFollowsTheHoldingsCountry(store: StoreFactory, row: CountryCase) async throws {
        let test = try await RightsLedger.make(store, region: .norway, retention: Self.settings)
        try await test.ledger.record(
            [.name("Kari Nordmann")], about: RightsLedger.kari, in: "accounting", for: .legalObligations,
            reference: "invoice:2026-0001", region: row.region)
        let schedule = try await test.ledger.retentionSchedule(of: RightsLedger.kari)
        #expect(schedule.map(\.end) == [.date(instant(row.bookkeepingDue))])
        let stored = try await test.store.facts(about: RightsLedger.kari)
        #expect(stored.compactMap { if case .holding(let h) = $0.body { h.region } else { nil } } == [row.region])
    }

    @Test(arguments: countries)
    func theComplaintPeriodFollowsTheHoldingsCountry(row: CountryCase) async throws {
        let test = try await RightsLedger.make(.inMemory, region: .norway, retention: Self.settings)
        try await test.ledger.record(
            [.name("Kari Nordmann")], about: RightsLedger.kari, in: "webshop.orders", for: .customerAccountAndOrders,
            reference: "order:50017", region: row.region)
        try await test.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))
        let schedule = try await test.ledger.retentionSchedule(of: RightsLedger.kari)
        #expect(schedule.map(\.end) == [.date(instant(row.complaintDue))])
    }

    /// The letter's "kept until" says the Swedish date, and the report names the person's country.
    @Test func aSwedishSaleIsReportedAsKeptUntil2033_12_31() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.ledger.record(
            [.name("Sven Svensson")], about: RightsLedger.kari, in: "accounting", for: .legalObligations,
            reference: "invoice:2026-0001", region: .sweden)
        let report = try await test.ledger.issueReport(for: RightsLedger.kari, requestedBy: "dpo")
        #expect(report.country == .sweden)
        #expect(report.heldData.map(\.country) == [.sweden])
        #expect(report.plainText().contains("Kept: until 31 December 2033"))
    }

    /// Finland has no complaint period: a Finnish holding whose complaint clock started is
    /// refused until it is set, in a ledger whose own country has one.
    @Test func aFinnishHoldingIsRefusedUntilFinlandsComplaintPeriodIsSet() async throws {
        let test = try await RightsLedger.make(.inMemory, region: .norway)
        try await test.ledger.record(
            [.name("Matti Meikäläinen")], about: RightsLedger.kari, in: "webshop.orders",
            for: .customerAccountAndOrders, reference: "order:50017", region: .finland)
        try await test.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))
        await #expect(throws: LedgerError.self) { try await test.ledger.retentionDue(asOf: instant("2029-01-01")) }
        let schedule = try await test.ledger.retentionSchedule(of: RightsLedger.kari)
        guard case .undetermined(let reason) = schedule.first?.end else {
            Issue.record("expected an undetermined end, got \(schedule.map(\.end))")
            return
        }
        #expect(reason.contains("pdl settings set --country FI --consumer-complaint"))
    }

    /// Norway's 5 years for goods meant to last, set for one purpose.
    @Test func aPurposesOwnComplaintPeriodWins() async throws {
        var settings = RetentionSettings.nordicDefaults
        settings.regions[.norway]?.consumerComplaintByPurpose[.customerAccountAndOrders] = .years(5)
        let test = try await RightsLedger.make(.inMemory, retention: settings)
        try await test.recordOrder()
        try await test.event(.orderDelivered, "order:50017", at: instant("2026-03-10T14:00:00Z"))
        let ends = try await test.ledger.retentionSchedule(of: RightsLedger.kari).map(\.end)
        #expect(!ends.isEmpty)
        #expect(ends.allSatisfy { $0 == .date(instant("2031-03-11")) })
    }

    // MARK: Resolution order

    struct ResolutionCase: Sendable, CustomTestStringConvertible {
        let name: String
        let ledger: Region
        /// Countries of the holdings recorded in order; the last one is looked at.
        let holdings: [Region?]
        let governing: Region
        let person: Region
        var testDescription: String { name }
    }

    @Test(arguments: [
        ResolutionCase(
            name: "the ledger's default", ledger: .denmark, holdings: [nil], governing: .denmark, person: .denmark),
        ResolutionCase(
            name: "the holding's own", ledger: .norway, holdings: [.sweden], governing: .sweden, person: .sweden),
        ResolutionCase(
            name: "the subject's, from an earlier holding", ledger: .norway, holdings: [.sweden, nil],
            governing: .sweden,
            person: .sweden),
        ResolutionCase(
            name: "the holding's own over the subject's", ledger: .norway, holdings: [.sweden, .denmark],
            governing: .denmark, person: .sweden),
        ResolutionCase(
            name: "the earliest naming one is the subject's", ledger: .norway, holdings: [nil, .finland, .sweden, nil],
            governing: .finland, person: .finland),
    ])
    func countryResolution(row: ResolutionCase) async throws {
        let test = try await RightsLedger.make(.inMemory, region: row.ledger, retention: Self.settings)
        for region in row.holdings {
            try await test.ledger.record(
                [.name("Kari Nordmann")], about: RightsLedger.kari, in: "accounting", for: .legalObligations,
                region: region)
        }
        let report = try await test.ledger.issueReport(for: RightsLedger.kari, requestedBy: "dpo")
        #expect(report.heldData.last?.country == row.governing)
        #expect(report.country == row.person)
        #expect(try await test.ledger.country(of: RightsLedger.kari) == row.person)
    }

    @Test func aLinkedIdentifiersCountryIsThePersonsWhenTheirOwnHasNone() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.ledger.record(
            [.name("Sven Svensson")], about: RightsLedger.ola, in: "accounting", for: .legalObligations,
            region: .sweden)
        try await test.ledger.link(RightsLedger.kari, to: RightsLedger.ola)
        #expect(try await test.ledger.country(of: RightsLedger.kari) == .sweden)
    }

    @Test func anUnknownCountryIsRefusedAndNothingRecorded() async throws {
        let test = try await RightsLedger.make(.inMemory)
        await #expect(throws: LedgerError.self) {
            try await test.ledger.record(
                [.name("Kari Nordmann")], about: RightsLedger.kari, in: "accounting", for: .legalObligations,
                region: "XX")
        }
        #expect(try await test.store.facts(about: RightsLedger.kari).isEmpty)
    }

    // MARK: Phone numbers

    struct PhoneCase: Sendable, CustomTestStringConvertible {
        let name: String
        let ledger: Region
        let earlier: Region?
        let holding: Region?
        let accepted: Bool
        var testDescription: String { name }
    }

    /// `070-123 45 67` is Swedish only without +46: accepted where the holding is Swedish.
    @Test(arguments: [
        PhoneCase(name: "Norwegian ledger, no country", ledger: .norway, earlier: nil, holding: nil, accepted: false),
        PhoneCase(name: "Swedish holding", ledger: .norway, earlier: nil, holding: .sweden, accepted: true),
        PhoneCase(name: "Swedish person", ledger: .norway, earlier: .sweden, holding: nil, accepted: true),
        PhoneCase(
            name: "Danish holding of a Swedish person", ledger: .norway, earlier: .sweden, holding: .denmark,
            accepted: false),
        PhoneCase(name: "Swedish ledger", ledger: .sweden, earlier: nil, holding: nil, accepted: true),
    ])
    func phoneNumbersAreReadByTheHoldingsCountry(row: PhoneCase) async throws {
        let test = try await RightsLedger.make(.inMemory, region: row.ledger)
        if let earlier = row.earlier {
            try await test.ledger.record(
                [.name("Sven Svensson")], about: RightsLedger.kari, in: "webshop.orders",
                for: .customerAccountAndOrders,
                region: earlier)
        }
        let attempt: () async throws -> [Fact] = {
            try await test.ledger.record(
                [.phone("070-123 45 67")], about: RightsLedger.kari, in: "webshop.orders",
                for: .customerAccountAndOrders, region: row.holding)
        }
        if row.accepted {
            let facts = try await attempt()
            guard case .holding(let holding) = facts.first?.body else {
                Issue.record("no holding recorded")
                return
            }
            #expect(holding.value?.revealed == "+46701234567")
        } else {
            await #expect(throws: LedgerError.self) { _ = try await attempt() }
        }
    }

    @Test func aCompletionKeepsTheCountryOfWhatItCompletes() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.ledger.record(
            [.name("Sven Svensson")], about: RightsLedger.ola, in: "webshop.orders", for: .customerAccountAndOrders,
            region: .denmark)
        try await test.ledger.record(
            [.name("Sven Svensson")], about: RightsLedger.kari, in: "webshop.orders", for: .customerAccountAndOrders,
            region: .sweden)
        let completed = try await test.ledger.complete(
            [.phone("070-123 45 67")], about: RightsLedger.kari, in: "webshop.orders", for: .customerAccountAndOrders)
        guard case .holding(let holding) = completed.facts.first?.body else {
            Issue.record("no holding recorded")
            return
        }
        #expect(holding.region == .sweden)
        #expect(holding.value?.revealed == "+46701234567")
    }

    /// A correction is read by the rules of the corrected holding's country.
    @Test(arguments: [Region.sweden, Region.norway])
    func aRectificationIsReadByTheHoldingsCountry(region: Region) async throws {
        let test = try await RightsLedger.make(.inMemory)
        let facts = try await test.ledger.record(
            [.phone("+46 70 123 45 67")], about: RightsLedger.kari, in: "webshop.orders",
            for: .customerAccountAndOrders, region: region)
        let attempt: () async throws -> RectificationResult = {
            try await test.ledger.rectify(holding: facts[0].sequence, of: RightsLedger.kari, to: "070-765 43 21")
        }
        if region == .sweden {
            let result = try await attempt()
            guard case .rectification(let rectification) = result.facts.first?.body else {
                Issue.record("no rectification recorded")
                return
            }
            #expect(rectification.value.revealed == "+46707654321")
        } else {
            await #expect(throws: LedgerError.self) { _ = try await attempt() }
        }
    }

    // MARK: Consent records

    struct ConsentCase: Sendable, CustomTestStringConvertible {
        let holding: Region?
        let jurisdiction: String
        let language: String
        var testDescription: String { holding?.rawValue ?? "no country" }
    }

    /// A consent record's jurisdiction and notice language follow the person's holdings for the
    /// purpose, in a Norwegian ledger.
    @Test(arguments: [
        ConsentCase(holding: nil, jurisdiction: "NO", language: "nb"),
        ConsentCase(holding: .sweden, jurisdiction: "SE", language: "sv"),
        ConsentCase(holding: .denmark, jurisdiction: "DK", language: "da"),
        ConsentCase(holding: .finland, jurisdiction: "FI", language: "fi"),
    ])
    func consentRecordsFollowTheHoldingsCountry(row: ConsentCase) async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.consent(to: .contactRegister)
        try await test.ledger.record(
            [.email("kari.nordmann@example.no")], about: RightsLedger.kari, in: "marketing.contacts",
            for: .contactRegister, region: row.holding)
        for records in [
            try await test.ledger.consentRecords(for: RightsLedger.kari), try await test.ledger.consentRecords(),
        ] {
            #expect(records.records.map(\.jurisdiction) == [row.jurisdiction])
            #expect(records.records.map(\.language) == [row.language])
        }
    }

    @Test func aConsentWithoutHoldingsFollowsThePersonsCountry() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.ledger.record(
            [.name("Sven Svensson")], about: RightsLedger.kari, in: "webshop.orders", for: .customerAccountAndOrders,
            region: .sweden)
        try await test.consent(to: .contactRegister)
        let records = try await test.ledger.consentRecords(for: RightsLedger.kari)
        #expect(records.records.map(\.jurisdiction) == ["SE"])
    }

    // MARK: The stored form

    /// A holding without a country keeps its record and canonical bytes; one with a country adds
    /// a trailing field, and both round-trip.
    @Test func aHoldingWithoutACountryEncodesAsBefore() throws {
        let tables = BinaryCodecTests.Tables()
        var holding = Holding(
            subject: "customer:1", category: .name, system: "accounting", purpose: .legalObligations,
            basis: .legalObligation, source: .dataSubject, reference: "invoice:1", value: PersonalValue("Kari"))
        let at = instant("2026-03-02T10:00:00Z")
        var plain = FactRecordEncoder(context: tables, sequence: 1)
        plain.encode(NewFact(recordedAt: at, actor: "webshop", body: .holding(holding)))
        holding.region = .sweden
        var swedish = FactRecordEncoder(context: tables, sequence: 1)
        swedish.encode(NewFact(recordedAt: at, actor: "webshop", body: .holding(holding)))
        // The same subject and salt-free commitments would differ in value offsets: compare prefixes.
        let marker = FactRecordFormat.holdingRegionMarker
        #expect(swedish.canonical.bytes.suffix(7) == [marker, 0, 0, 0, 2, UInt8(ascii: "S"), UInt8(ascii: "E")])
        #expect(plain.canonical.bytes.last != marker)
        #expect(swedish.record.bytes.count == plain.record.bytes.count + 2)
        for encoder in [plain, swedish] {
            let bytes = encoder.record.bytes
            var decoder = FactRecordDecoder(context: tables, bytes: bytes, from: 0, to: bytes.count, canonicalFor: 1)
            let decoded = try decoder.decode()
            #expect(decoder.canonicalBytes == encoder.canonical.bytes)
            guard case .holding(let back) = decoded.body else {
                Issue.record("not a holding")
                continue
            }
            #expect(back.region == (encoder.record.bytes.count == plain.record.bytes.count ? nil : .sweden))
        }
    }

    @Test func aMarkerOtherThanTheCountrysIsRefused() throws {
        let tables = BinaryCodecTests.Tables()
        let holding = Holding(
            subject: "customer:1", category: .name, system: "accounting", purpose: .legalObligations,
            basis: .legalObligation, source: .dataSubject)
        var encoder = FactRecordEncoder(context: tables, sequence: 1)
        encoder.encode(NewFact(recordedAt: instant("2026-03-02"), actor: "webshop", body: .holding(holding)))
        let bytes = encoder.record.bytes + [0x44, 0]
        var decoder = FactRecordDecoder(context: tables, bytes: bytes, from: 0, to: bytes.count, canonicalFor: nil)
        #expect(throws: (any Error).self) { try decoder.decode() }
    }

    /// The export carries the country, so an import keeps it; a holding without one has no key.
    @Test func exportAndImportCarryTheCountry() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.ledger.record(
            [.name("Sven Svensson")], about: RightsLedger.kari, in: "accounting", for: .legalObligations,
            region: .sweden)
        try await test.ledger.record(
            [.name("Kari Nordmann")], about: RightsLedger.ola, in: "accounting", for: .legalObligations)
        let exported = try await test.ledger.exportFacts()
        let lines = String(decoding: exported, as: UTF8.self).split(separator: "\n")
        #expect(lines.filter { $0.contains("\"region\":\"SE\"") }.count == 1)
        #expect(lines.filter { $0.contains("\"region\"") }.count == 1)
        let target = InMemoryLedgerStore()
        try await Ledger(store: target, actor: "import").importFacts(jsonLines: exported)
        let regions = try await target.facts(from: 1, limit: 100).compactMap { fact -> Region?? in
            if case .holding(let holding) = fact.body { return .some(holding.region) }
            return nil
        }
        #expect(regions == [.sweden, nil])
    }

    @Test func anImportedHoldingWithAnUnknownCountryIsRefused() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.ledger.record(
            [.name("Sven Svensson")], about: RightsLedger.kari, in: "accounting", for: .legalObligations,
            region: .sweden)
        let exported = String(decoding: try await test.ledger.exportFacts(), as: UTF8.self)
            .replacingOccurrences(of: "\"region\":\"SE\"", with: "\"region\":\"XX\"")
        let target = InMemoryLedgerStore()
        await #expect(throws: (any Error).self) {
            try await Ledger(store: target, actor: "import").importFacts(jsonLines: Data(exported.utf8))
        }
        #expect(try await target.integrityHead().count <= 1)
    }
}
