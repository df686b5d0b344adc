import Crypto
import Foundation
public import PersonalDataLedger

/// Issues order receipts whose digest a customer can check, and records in the ledger the
/// personal data a receipt carries.
///
/// It imports both `Crypto` and `PersonalDataLedger` and calls `SHA256.hash(data:)` unqualified:
/// the ledger's own hashing is internal to it, so the name means swift-crypto's type here.
public struct ReceiptSigner: Sendable {
    let ledger: Ledger

    /// Creates a signer that records into `ledger`.
    public init(ledger: Ledger) { self.ledger = ledger }

    /// Records the customer's name and email for the order and returns the receipt's SHA-256
    /// digest in hexadecimal.
    public func issueReceipt(
        order: String, customer: SubjectID, name: String, email: String
    ) async throws -> String {
        try await ledger.record(
            [.name(name), .email(email)], about: customer, in: "webshop.orders", for: .customerAccountAndOrders,
            reference: BusinessReference(order))
        let digest = SHA256.hash(data: Data("receipt \(order) for \(customer.rawValue)".utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
