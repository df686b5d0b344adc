@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedger
@testable import PersonalDataLedgerTesting
@testable import TestSupport
@testable import LedgerCrypto
import Testing

@Suite struct InMemoryLedgerStoreTests {
    @Test func conformance() async throws {
        try await LedgerStoreConformance.run { InMemoryLedgerStore() }
    }
}
