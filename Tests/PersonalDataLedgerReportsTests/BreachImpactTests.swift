import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct BreachImpactTests {
    static let day = ReportFixtures.day

    @Test func countsSubjectsCategoriesAndHighSensitivity() async throws {
        let test = try await ReportFixtures.karisStory()
        let start = TestLedger.start
        let impact = try await test.ledger.breachImpact(
            systems: ["webshop.orders", "service.cases"], from: start, to: start.addingTimeInterval(10 * Self.day))
        #expect(impact.subjects == [TestLedger.kari])
        #expect(impact.highSensitivitySubjects == [TestLedger.kari])
        #expect(
            impact.categories.map(\.category) == [
                .name, .billingAddress, .deliveryAddress, .phone, .email, .ipAddress, .nationalIDNumber,
            ])
        #expect(impact.categories.first { $0.category == .name }?.holdings == 2)
        #expect(impact.perSystem.map(\.system) == ["service.cases", "webshop.orders"])
        let grant = try #require(impact.recipients.first { $0.channel == .accessGrant })
        #expect(grant.recipient == "backup-provider")
        #expect(grant.subjects == 1)
        let disclosure = try #require(impact.recipients.first { $0.channel == .disclosure })
        #expect(disclosure.recipient == "carrier")
        let json = String(decoding: try impact.jsonData(), as: UTF8.self)
        #expect(!json.contains("Kari") && !json.contains("16822548834"))
        let text = impact.plainText()
        #expect(text.contains("Affected subjects: 1"))
        #expect(text.contains("customer:10001  (high sensitivity)"))
        #expect(!text.contains("Kari Nordmann"))
    }

    @Test func windowEdgesAreInclusive() async throws {
        let test = try await TestLedger.make()
        test.clock.advance(by: 3600)
        let recordedAt = test.clock.now
        let facts = try await test.recordKarisOrder()
        test.clock.advance(by: Self.day)
        let erasedAt = test.clock.now
        try await ReportFixtures.erase(facts.map(\.sequence), of: TestLedger.kari, in: test)

        func subjects(_ from: Date, _ to: Date) async throws -> [SubjectID] {
            try await test.ledger.breachImpact(systems: ["webshop.orders"], from: from, to: to).subjects
        }
        // Ends the instant it was recorded: held.
        #expect(try await subjects(recordedAt.addingTimeInterval(-Self.day), recordedAt) == [TestLedger.kari])
        // Ends just before it was recorded: not held yet.
        #expect(
            try await subjects(recordedAt.addingTimeInterval(-Self.day), recordedAt.addingTimeInterval(-0.001)) == [])
        // Starts the instant it was erased: still held then.
        #expect(try await subjects(erasedAt, erasedAt.addingTimeInterval(Self.day)) == [TestLedger.kari])
        // Starts just after it was erased: gone.
        #expect(try await subjects(erasedAt.addingTimeInterval(0.001), erasedAt.addingTimeInterval(Self.day)) == [])
        // Another system: nothing.
        #expect(
            try await test.ledger.breachImpact(systems: ["accounting"], from: recordedAt, to: erasedAt).subjects == [])
    }

    @Test func grantsCountOnlyWhenInForceDuringTheWindow() async throws {
        let test = try await TestLedger.make()
        let start = TestLedger.start
        try await test.ledger.grantAccess(
            to: "it-partner", on: "webshop.orders", for: .maintenance, from: start.addingTimeInterval(-10 * Self.day),
            until: start.addingTimeInterval(-5 * Self.day))
        try await test.ledger.grantAccess(to: "backup-provider", on: "webshop.orders", for: .backup, from: start)
        try await test.recordKarisOrder()
        let impact = try await test.ledger.breachImpact(
            systems: ["webshop.orders"], from: start.addingTimeInterval(-4 * Self.day),
            to: start.addingTimeInterval(Self.day))
        #expect(impact.recipients.map(\.recipient) == ["backup-provider"])
        let earlier = try await test.ledger.breachImpact(
            systems: ["webshop.orders"], from: start.addingTimeInterval(-5 * Self.day),
            to: start.addingTimeInterval(-5 * Self.day))
        #expect(earlier.recipients.map(\.recipient) == ["it-partner"])
        #expect(earlier.subjects.isEmpty)
    }

    @Test func refusesUnknownSystemsAndBackwardWindows() async throws {
        let test = try await TestLedger.make()
        await #expect(throws: LedgerError.self) {
            try await test.ledger.breachImpact(systems: ["webshop.ordrs"], from: TestLedger.start, to: TestLedger.start)
        }
        await #expect(throws: LedgerError.self) {
            try await test.ledger.breachImpact(
                systems: ["webshop.orders"], from: TestLedger.start, to: TestLedger.start.addingTimeInterval(-1))
        }
    }
}
