import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerReports
@testable import TestSupport

/// Import judges each fact by the predicates recording does, against the state the facts before
/// it leave the person in.
@Suite struct FactImportValidationTests {
    static let health: DataCategory = "healthData"

    /// Focus Nordic with a special category the complaints purpose may hold.
    static var catalog: Catalog {
        var catalog = Catalog.focusNordic
        catalog.add(CategoryDefinition(health, label: .init("Health data"), sensitivity: .specialCategory))
        catalog.purposes[.complaintsAndService]?.allowedCategories.insert(health)
        return catalog
    }

    /// The export of a ledger where Kari consents to the contact register, is held there under
    /// consent, and has a special-category holding under legal claims.
    func exportLines() async throws -> [String] {
        let test = try await TestLedger.make(catalog: Self.catalog)
        try await test.ledger.consent(
            .given, by: TestLedger.kari, for: .contactRegister, policy: "2018-05-25", channel: "form")
        try await test.ledger.record(
            [.name("Kari Nordmann")], about: TestLedger.kari, in: "marketing.contacts", for: .contactRegister)
        try await test.ledger.record(
            [.init(Self.health, value: "allergic to latex")], about: TestLedger.kari, in: "service.cases",
            for: .complaintsAndService, reference: "case:7001", specialCategoryCondition: .legalClaims)
        try await test.ledger.disclose([.name], of: TestLedger.kari, to: "carrier", for: .shipping)
        return String(decoding: try await test.ledger.exportFacts(), as: UTF8.self).split(separator: "\n")
            .map(String.init)
    }

    func target() -> (Ledger, InMemoryLedgerStore) {
        let store = InMemoryLedgerStore()
        return (Ledger(store: store, catalog: Self.catalog, clock: .fixed(TestLedger.start)), store)
    }

    /// The line number (1 is the header) of the first line containing `needle`.
    func line(containing needle: String, in lines: [String]) throws -> Int {
        try #require(lines.firstIndex { $0.contains(needle) }) + 1
    }

    @Test func theUntouchedExportImports() async throws {
        let lines = try await exportLines()
        let (ledger, store) = target()
        let summary = try await ledger.importFacts(lines: lines)
        #expect(summary.imported == lines.count - 1)
        #expect(try await store.integrityHead().count == UInt64(lines.count - 1))
    }

    @Test func aConditionThatIsNotInArticle9IsRefused() async throws {
        var lines = try await exportLines()
        let number = try line(containing: "\"legalClaims\"", in: lines)
        lines[number - 1] = lines[number - 1].replacing("\"legalClaims\"", with: "\"astrology\"")
        let (ledger, store) = target()
        let error = await #expect(throws: LedgerError.self) { try await ledger.importFacts(lines: lines, chain: .new) }
        #expect(error?.rule == .specialCategory)
        #expect(error?.message.hasPrefix("Line \(number): ") == true)
        #expect(error?.message.contains("allergic") == false)
        // Nothing of the refused line or after it is in the ledger: only the lines before it.
        #expect(try await store.integrityHead().count == UInt64(number - 2))
    }

    @Test func explicitConsentWithoutConsentIsRefused() async throws {
        var lines = try await exportLines()
        let number = try line(containing: "\"legalClaims\"", in: lines)
        lines[number - 1] = lines[number - 1].replacing("\"legalClaims\"", with: "\"explicitConsent\"")
        let (ledger, store) = target()
        let error = await #expect(throws: LedgerError.self) { try await ledger.importFacts(lines: lines, chain: .new) }
        #expect(error?.rule == .consentRequired)
        #expect(error?.message.hasPrefix("Line \(number): ") == true)
        #expect(try await store.integrityHead().count == UInt64(number - 2))
    }

    @Test func aConsentBasedHoldingWithoutPriorConsentIsRefused() async throws {
        var lines = try await exportLines()
        // The consent becomes someone else's: Kari's holding under consent has none before it.
        let consent = try line(containing: "\"kind\":\"consentDecision\"", in: lines)
        lines[consent - 1] = lines[consent - 1].replacing("customer:10001", with: "customer:99999")
        let holding = try line(containing: "\"contactRegister\"", in: Array(lines.dropFirst(consent))) + consent
        let (ledger, store) = target()
        let error = await #expect(throws: LedgerError.self) {
            try await ledger.importFacts(lines: lines, batchSize: 1, chain: .new)
        }
        #expect(error?.rule == .consentRequired)
        #expect(error?.message.hasPrefix("Line \(holding): ") == true)
        #expect(try await store.integrityHead().count == UInt64(holding - 2))
        #expect(
            try await store.facts(about: TestLedger.kari).allSatisfy {
                if case .holding = $0.body { false } else { true }
            })
    }

    @Test func aDisclosureOfACategoryNotHeldIsRefused() async throws {
        var lines = try await exportLines()
        let number = try line(containing: "\"kind\":\"disclosure\"", in: lines)
        #expect(lines[number - 1].contains("\"name\""))
        lines[number - 1] = lines[number - 1].replacing("\"name\"", with: "\"email\"")
        let (ledger, store) = target()
        let error = await #expect(throws: LedgerError.self) { try await ledger.importFacts(lines: lines, chain: .new) }
        #expect(error?.rule == .invalidRequest)
        #expect(error?.message.hasPrefix("Line \(number): Category 'email' is not held") == true)
        #expect(try await store.integrityHead().count == UInt64(number - 2))
    }

    @Test func aPolicyVersionPublishedTwiceIsRefused() async throws {
        var lines = try await exportLines()
        #expect(lines[1].contains("\"kind\":\"policyVersion\"") && lines[1].hasSuffix("\"sequence\":1}"))
        lines.append(lines[1].replacing("\"sequence\":1}", with: "\"sequence\":\(lines.count)}"))
        let (ledger, store) = target()
        let error = await #expect(throws: LedgerError.self) { try await ledger.importFacts(lines: lines, chain: .new) }
        #expect(error?.rule == .policyVersionConflict)
        #expect(error?.message.hasPrefix("Line \(lines.count): ") == true)
        #expect(try await store.integrityHead().count == UInt64(lines.count - 2))
    }

    @Test func consentUnderAnUnpublishedPolicyIsRefused() async throws {
        var lines = try await exportLines()
        let consent = try line(containing: "\"kind\":\"consentDecision\"", in: lines)
        lines[consent - 1] = lines[consent - 1].replacing("\"2018-05-25\"", with: "\"1999-01-01\"")
        let (ledger, _) = target()
        let error = await #expect(throws: LedgerError.self) { try await ledger.importFacts(lines: lines, chain: .new) }
        #expect(error?.rule == .unknownPolicyVersion)
        #expect(error?.message.hasPrefix("Line \(consent): ") == true)
    }

    @Test func aPrefixAlreadyImportedStillCountsAsState() async throws {
        let lines = try await exportLines()
        let (ledger, store) = target()
        let consent = try line(containing: "\"kind\":\"consentDecision\"", in: lines)
        // The ledger holds the prefix up to the consent; the rest needs that consent in force.
        let cut = await #expect(throws: LedgerError.self) {
            try await ledger.importFacts(lines: Array(lines.prefix(consent)))
        }
        #expect(cut?.message.contains("cut short") == true)
        let summary = try await ledger.importFacts(lines: lines)
        #expect(summary.skipped == consent - 1)
        #expect(try await store.integrityHead().count == UInt64(lines.count - 1))
    }

    @Test func numberedWritesRefuseAGap() async throws {
        let (ledger, store) = target()
        let fact = Fact(
            sequence: 5, recordedAt: TestLedger.start, actor: "dpo",
            body: .policyVersion(PolicyVersion(version: "x", effectiveFrom: TestLedger.start, isMajor: false)))
        let error = await #expect(throws: LedgerError.self) { try await ledger.write(numbered: [fact]) }
        #expect(error?.rule == .invalidRequest)
        #expect(try await store.integrityHead().count == 0)
    }
}

extension FactImportValidationTests {
    /// An identifier erased after its consent-based holdings: every fact of it reads `(erased)`,
    /// and the export still imports — the state of erased identifiers is not judged.
    @Test func anExportWithAnErasedIdentifierImports() async throws {
        let test = try await TestLedger.make(catalog: Self.catalog)
        try await test.ledger.consent(
            .given, by: TestLedger.kari, for: .contactRegister, policy: "2018-05-25", channel: "form")
        try await test.ledger.record(
            [.name("Kari Nordmann")], about: TestLedger.kari, in: "marketing.contacts", for: .contactRegister)
        try await test.ledger.consent(
            .withdrawn, by: TestLedger.kari, for: .contactRegister, policy: "2018-05-25", channel: "form")
        let result = try await test.ledger.erase(TestLedger.kari)
        #expect(result.identifiersErased == [TestLedger.kari])
        let exported = try await test.ledger.exportFacts()
        let (ledger, store) = target()
        try await ledger.importFacts(jsonLines: exported)
        #expect(try await store.facts(from: 1, limit: .max) == test.allFacts())
    }
}
