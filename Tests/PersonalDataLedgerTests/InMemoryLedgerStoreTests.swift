import PersonalDataLedger
import PersonalDataLedgerTesting
import Testing

@Suite struct InMemoryLedgerStoreTests {
    @Test func conformance() async throws {
        try await LedgerStoreConformance.run { InMemoryLedgerStore() }
    }
}
