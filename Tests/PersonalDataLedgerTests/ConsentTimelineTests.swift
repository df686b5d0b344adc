import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct ConsentTimelineTests {
    static let given = instant("2026-03-02T09:00:00Z")
    static let withdrawn = instant("2026-04-15T10:30:00Z")

    struct Instant: Sendable, CustomTestStringConvertible {
        let label: String
        let at: Date
        let status: ConsentState.Status
        var testDescription: String { label }
    }

    static let instants: [Instant] = [
        Instant(label: "a day before it was given", at: given.addingTimeInterval(-86_400), status: .notRecorded),
        Instant(label: "a millisecond before it was given", at: given.addingTimeInterval(-0.001), status: .notRecorded),
        Instant(label: "the instant it was given", at: given, status: .given),
        Instant(label: "between", at: given.addingTimeInterval(7 * 86_400), status: .given),
        Instant(label: "a millisecond before withdrawal", at: withdrawn.addingTimeInterval(-0.001), status: .given),
        Instant(label: "the instant of withdrawal", at: withdrawn, status: .withdrawn),
        Instant(label: "a year after", at: withdrawn.addingTimeInterval(365 * 86_400), status: .withdrawn),
    ]

    @Test(arguments: StoreFactory.all, instants)
    func consentAtInstantsAroundAWithdrawal(store: StoreFactory, row: Instant) async throws {
        let test = try await RightsLedger.make(store)
        let givenFact = try await test.consent(to: .contactRegister)
        test.move(to: Self.withdrawn)
        let withdrawnFact = try await test.consent(.withdrawn, to: .contactRegister)

        let state = try await test.ledger.consentState(of: RightsLedger.kari, for: .contactRegister, at: row.at)
        #expect(state.status == row.status)
        #expect(state.isInForce == (row.status == .given))
        switch row.status {
        case .given: #expect(state.decision == givenFact.sequence)
        case .withdrawn: #expect(state.decision == withdrawnFact.sequence)
        default: #expect(state.decision == nil)
        }
    }

    @Test func withdrawalStopsProcessingAndNewConsentBasedHoldingsAtOnce() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.consent(to: .contactRegister)
        try await test.ledger.record(
            [.email("kari.nordmann@example.no")], about: RightsLedger.kari, in: "marketing.contacts",
            for: .contactRegister)
        try await test.consent(.withdrawn, to: .contactRegister)
        #expect(try await test.ledger.mayProcess(RightsLedger.kari, for: .contactRegister).ground == .consentWithdrawn)
        let error = await #expect(throws: LedgerError.self) {
            try await test.ledger.record(
                [.phone("+47 912 34 567")], about: RightsLedger.kari, in: "marketing.contacts", for: .contactRegister)
        }
        #expect(error?.rule == .consentRequired)
        // …and the withdrawal started the clock: the contact register is due now.
        #expect(try await test.ledger.retentionDue().holdings.map(\.purpose) == [.contactRegister])
    }

    @Test func refusalsAreRecorded() async throws {
        let test = try await RightsLedger.make(.inMemory)
        let refusal = try await test.consent(.refused, to: .campaignsAndCompetitions)
        let state = try await test.ledger.consentState(of: RightsLedger.kari, for: .campaignsAndCompetitions)
        #expect(state.status == .refused)
        #expect(state.decision == refusal.sequence)
        #expect(!state.isInForce)
        #expect(!state.isStale)
        let report = try await test.ledger.issueReport(for: RightsLedger.kari, requestedBy: "dpo")
        #expect(report.consentHistory.map(\.decision) == [.refused])
    }

    @Test func consentUnderAnOlderPolicyIsStaleAfterAMajorVersionTakesEffect() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.consent(to: .contactRegister)
        let effective = instant("2026-06-01")
        try await test.ledger.publishPolicy(version: "2026-06-01", effectiveFrom: effective, isMajor: true)
        try await test.ledger.publishPolicy(version: "2026-07-01", effectiveFrom: instant("2026-07-01"), isMajor: false)

        let before = try await test.ledger.consentState(
            of: RightsLedger.kari, for: .contactRegister, at: effective.addingTimeInterval(-1))
        #expect(before.isInForce && !before.isStale)
        #expect(before.currentMajorVersion == "2018-05-25")

        let after = try await test.ledger.consentState(of: RightsLedger.kari, for: .contactRegister, at: effective)
        #expect(after.isInForce && after.isStale)
        #expect(after.currentMajorVersion == "2026-06-01")
        // A minor version does not make a consent under the current major version stale.
        test.move(to: instant("2026-08-01"))
        try await test.ledger.consent(
            .given, by: RightsLedger.kari, for: .contactRegister, policy: "2026-06-01", channel: "re-consent")
        let renewed = try await test.ledger.consentState(of: RightsLedger.kari, for: .contactRegister)
        #expect(renewed.isInForce && !renewed.isStale)
        #expect(renewed.policyVersion == "2026-06-01")
    }

    @Test func theAccessReportFlagsAStaleConsent() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.consent(to: .contactRegister)
        try await test.consent(to: .campaignsAndCompetitions)
        try await test.consent(.withdrawn, to: .campaignsAndCompetitions)
        try await test.ledger.publishPolicy(version: "2026-06-01", effectiveFrom: instant("2026-06-01"), isMajor: true)
        test.move(to: instant("2026-06-02"))

        let report = try await test.ledger.issueReport(for: RightsLedger.kari, requestedBy: "dpo")
        #expect(report.consentHistory.map(\.isStale) == [true, nil, nil])
        #expect(report.plainText().contains("given under an earlier policy version than the one now in force"))
        let states = try await test.ledger.consentStates(of: RightsLedger.kari)
        #expect(states.map(\.purpose) == [.contactRegister, .campaignsAndCompetitions])
        #expect(states.map(\.isStale) == [true, false])
    }
}
