import Foundation
import Synchronization
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerReports
@testable import TestSupport

/// The whole-ledger calls tell a `progress` callback how far they are, counting up to the facts
/// the ledger held when they started: what `pdl`'s progress line shows.
@Suite struct WholeLedgerProgressTests {
    enum Call: String, CaseIterable, Sendable {
        case recordOfProcessing, breachImpact, consentRecords, exportFacts, retentionDue
    }

    @Test(arguments: Call.allCases)
    func reportsUpToTheWholeLedger(_ call: Call) async throws {
        let test = try await TestLedger.make()
        try await test.recordKarisOrder()
        let count = try await test.store.integrityHead().count
        let reports = Mutex<[(UInt64, UInt64)]>([])
        let progress: @Sendable (UInt64, UInt64) -> Void = { read, total in
            reports.withLock { $0.append((read, total)) }
        }
        let ledger = test.ledger
        switch call {
        case .recordOfProcessing: _ = try await ledger.recordOfProcessing(progress: progress)
        case .breachImpact:
            _ = try await ledger.breachImpact(
                systems: ["webshop.orders"], from: TestLedger.start, to: TestLedger.start.addingTimeInterval(86_400),
                progress: progress)
        case .consentRecords: _ = try await ledger.consentRecords(progress: progress)
        case .exportFacts: try await ledger.exportFacts(batchSize: 2, progress: progress) { _ in }
        case .retentionDue: _ = try await ledger.retentionDue(progress: progress)
        }
        let seen = reports.withLock { $0 }
        #expect(!seen.isEmpty)
        #expect(seen.last.map { $0.0 == count && $0.1 == count } == true, "\(seen)")
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.0 < $1.0 }, "\(seen)")
    }
}
