import Foundation
import Testing

@testable import PersonalDataLedger
@testable import TestSupport

/// Publishing a policy version is idempotent and serialised.
@Suite struct PolicyPublishingTests {
    static let effective = TestLedger.start.addingTimeInterval(86_400)

    @Test func publishingTheSameVersionAgainReturnsTheFirstFact() async throws {
        let test = try await TestLedger.make()
        let first = try await test.ledger.publishPolicy(
            version: "2026-06-01", effectiveFrom: Self.effective, isMajor: true)
        let before = try await test.store.integrityHead()
        test.clock.advance(by: 60)
        let again = try await test.ledger.publishPolicy(
            version: "2026-06-01", effectiveFrom: Self.effective, isMajor: true)
        #expect(again == first)
        #expect(try await test.store.integrityHead() == before)
        #expect(try await test.ledger.policyVersions().map(\.version) == ["2018-05-25", "2026-06-01"])
    }

    @Test(arguments: [(0.0, false), (86_400.0, true)])
    func theSameVersionWithOtherFieldsIsRefused(shift: Double, isMajor: Bool) async throws {
        let test = try await TestLedger.make()
        try await test.ledger.publishPolicy(version: "2026-06-01", effectiveFrom: Self.effective, isMajor: true)
        let before = try await test.store.integrityHead()
        let error = await #expect(throws: LedgerError.self) {
            try await test.ledger.publishPolicy(
                version: "2026-06-01", effectiveFrom: Self.effective.addingTimeInterval(shift), isMajor: isMajor)
        }
        #expect(error?.rule == .policyVersionConflict)
        #expect(try await test.store.integrityHead() == before)
    }

    @Test func anUnnamedVersionIsRefused() async throws {
        let test = try await TestLedger.make()
        let error = await #expect(throws: LedgerError.self) {
            try await test.ledger.publishPolicy(version: "", effectiveFrom: Self.effective, isMajor: false)
        }
        #expect(error?.rule == .invalidRequest)
    }

    @Test func concurrentPublishesOfOneVersionAppendOneFact() async throws {
        let test = try await TestLedger.make()
        let ledger = test.ledger
        let facts = try await withThrowingTaskGroup(of: Fact.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await ledger.publishPolicy(version: "2026-06-01", effectiveFrom: Self.effective, isMajor: true)
                }
            }
            var facts: [Fact] = []
            for try await fact in group { facts.append(fact) }
            return facts
        }
        #expect(Set(facts.map(\.sequence)).count == 1)
        let published = try await test.store.facts(for: .kind(.policyVersion))
        #expect(published.count == 2)
    }

    @Test func lockKeysTakeRequestsBeforeSubjectsBeforePolicies() {
        let keys: [LedgerLockKey] = [.policy, .subject("customer:1"), .request("b"), .subject("a"), .request("a")]
        #expect(keys.sorted() == [.request("a"), .request("b"), .subject("a"), .subject("customer:1"), .policy])
    }
}
