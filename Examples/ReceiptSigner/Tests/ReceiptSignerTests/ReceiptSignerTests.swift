import Foundation
import PersonalDataLedger
import ReceiptSigner
import Testing

@Suite struct ReceiptSignerTests {
    @Test func aReceiptIsRecordedAndReportedFromTheCoreAlone() async throws {
        let ledger = Ledger(
            store: InMemoryLedgerStore(), catalog: .focusNordic, region: .norway, actor: "webshop",
            clock: .fixed(Date(timeIntervalSince1970: 1_772_442_000)))
        let signer = ReceiptSigner(ledger: ledger)
        let digest = try await signer.issueReceipt(
            order: "order:50017", customer: "customer:10001", name: "Kari Nordmann", email: "kari.nordmann@example.no")
        #expect(digest.count == 64)
        let report = try await ledger.issueReport(for: "customer:10001", requestedBy: "dpo")
        #expect(Set(report.heldData.map(\.category)) == [.name, .email])
    }
}
