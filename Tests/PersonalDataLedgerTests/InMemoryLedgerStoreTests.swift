import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct InMemoryLedgerStoreTests {
    @Test(arguments: LedgerStoreConformance.checks + LedgerStoreConformance.sharedStoreChecks)
    func conformance(_ check: LedgerStoreConformance.Check) async {
        await check.run(against: InMemoryLedgerStore())
    }
}

@Suite struct InMemoryLedgerStoreChainTests {
    @Test func verifyPassesAfterErasingValuesAndTheIdentifier() async throws {
        let store = InMemoryLedgerStore()
        _ = try await store.append([
            FileStoreTesting.holding("customer:1"),
            FileStoreTesting.holding("customer:1", .phone, value: "+4791234567"),
            FileStoreTesting.holding("customer:2"),
        ])
        let before = try await store.verify()
        let subject = SubjectID("customer:1")
        _ = try await store.erase(
            ErasureScope(subject: subject, values: [1], erasesIdentifier: false),
            recording: FileStoreTesting.erasure(subject.rawValue, erased: [1], identifier: false))
        _ = try await store.erase(
            ErasureScope(subject: subject, values: [2], erasesIdentifier: true),
            recording: FileStoreTesting.erasure(subject.rawValue, erased: [2], identifier: true))
        let after = try await store.verify(against: before)
        #expect(after.count == 5)
        #expect(after == (try await store.integrityHead()))
        let facts = try await store.facts(from: 1, limit: 10)
        #expect(facts[0].body.personalValues.allSatisfy { $0 == .erased })
        #expect(facts[1].body.personalValues.allSatisfy { $0 == .erased })
        #expect(facts[2].body.personalValues.contains { $0.revealed == "kari.nordmann@example.no" })
        #expect(try await store.facts(about: subject).isEmpty)
    }

    @Test func theSameSaltsGiveTheSameHead() async throws {
        let salt = [UInt8](repeating: 1, count: Commitment.saltLength)
        let facts = [FileStoreTesting.holding("customer:1"), FileStoreTesting.holding("customer:2")]
        let first = InMemoryLedgerStore(salts: SaltSource { salt })
        let second = InMemoryLedgerStore(salts: SaltSource { salt })
        _ = try await first.append(facts)
        _ = try await second.append(facts)
        #expect(try await first.integrityHead() == second.integrityHead())
        #expect(try await InMemoryLedgerStore().append(facts).count == 2)
    }
}
