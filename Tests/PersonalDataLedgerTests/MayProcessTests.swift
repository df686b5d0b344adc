import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct MayProcessTests {
    @Test func consentPurposeNeedsConsentInForce() async throws {
        let test = try await TestLedger.make()
        let kari = TestLedger.kari
        #expect(try await test.ledger.mayProcess(kari, for: .contactRegister).ground == .noConsent)

        let given = try await test.ledger.consent(
            .given, by: kari, for: .contactRegister, policy: "2018-05-25", channel: "checkout")
        let allowed = try await test.ledger.mayProcess(kari, for: .contactRegister)
        #expect(allowed.isAllowed)
        #expect(allowed.basis == .consent)
        #expect(allowed.evidence == [given.sequence])

        test.clock.advance(by: 3600)
        let withdrawn = try await test.ledger.consent(
            .withdrawn, by: kari, for: .contactRegister, policy: "2018-05-25", channel: "unsubscribe-link")
        let refused = try await test.ledger.mayProcess(kari, for: .contactRegister)
        #expect(!refused.isAllowed)
        #expect(refused.ground == .consentWithdrawn)
        #expect(refused.evidence == [withdrawn.sequence])
    }

    @Test func refusedConsentSaysSo() async throws {
        let test = try await TestLedger.make()
        try await test.ledger.consent(
            .refused, by: TestLedger.kari, for: .campaignsAndCompetitions, policy: "2018-05-25", channel: "popup")
        let decision = try await test.ledger.mayProcess(TestLedger.kari, for: .campaignsAndCompetitions)
        #expect(!decision.isAllowed)
        #expect(decision.ground == .consentRefused)
    }

    @Test func contractPurposeIsAllowedWhileDataIsHeldUnderContract() async throws {
        let test = try await TestLedger.make()
        #expect(try await test.ledger.mayProcess(TestLedger.kari, for: .customerAccountAndOrders).ground == .noBasis)
        let facts = try await test.recordKarisOrder()
        let decision = try await test.ledger.mayProcess(TestLedger.kari, for: .customerAccountAndOrders)
        #expect(decision.isAllowed)
        #expect(decision.ground == .heldUnderBasis)
        #expect(decision.basis == .contract)
        #expect(decision.evidence == facts.map(\.sequence))
    }

    @Test func objectionAndRestrictionOverrideConsent() async throws {
        let test = try await TestLedger.make()
        let kari = TestLedger.kari
        try await test.ledger.consent(
            .given, by: kari, for: .contactRegister, policy: "2018-05-25", channel: "checkout")
        let restriction = try await test.ledger.restrict(kari, purpose: .contactRegister)
        #expect(
            try await test.ledger.mayProcess(kari, for: .contactRegister)
                == ProcessingDecision(
                    isAllowed: false, ground: .restricted, basis: nil, evidence: [restriction.sequence]))
        try await test.ledger.liftRestriction(kari, purpose: .contactRegister)
        #expect(try await test.ledger.mayProcess(kari, for: .contactRegister).isAllowed)
        let objection = try await test.ledger.object(kari, to: .contactRegister)
        #expect(
            try await test.ledger.mayProcess(kari, for: .contactRegister)
                == ProcessingDecision(
                    isAllowed: false, ground: .objected, basis: nil, evidence: [objection.sequence]))
    }

    @Test func unknownPurposeIsAnError() async throws {
        let test = try await TestLedger.make()
        await #expect(throws: LedgerError.self) { try await test.ledger.mayProcess(TestLedger.kari, for: "profiling") }
    }
}
