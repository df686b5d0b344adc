import Foundation
import PersonalDataLedgerTesting

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore

/// A ledger with an identifier key over a store from a factory, a hand-moved clock and the 2018
/// policy published: what find, rectification and request tests use.
struct KeyedLedger: Sendable {
    let ledger: Ledger
    let store: any LedgerStore
    let clock: ManualClock
    let owner: (any Sendable)?

    static let kari: SubjectID = "customer:10001"
    static let ola: SubjectID = "customer:10002"
    static let kariAtWork: SubjectID = "b2b:contact:7"
    /// Key material every test can recompute tokens from.
    static let fixedKeyBytes = [UInt8](repeating: 7, count: 32)

    static func make(
        _ factory: StoreFactory = .inMemory, key: IdentifierKey? = try! IdentifierKey(bytes: fixedKeyBytes),
        start: Date = TestLedger.start
    ) async throws -> KeyedLedger {
        let (store, owner) = try await factory.make()
        return try await make(store: store, owner: owner, key: key, start: start)
    }

    /// A second ledger over the same store, with another key.
    func reopened(key: IdentifierKey?) -> Ledger {
        Ledger(
            store: store, catalog: .focusNordic, region: .norway, actor: "webshop", clock: clock.ledgerClock,
            identifierKey: key)
    }

    static func make(
        store: any LedgerStore, owner: (any Sendable)?, key: IdentifierKey?, start: Date
    ) async throws -> KeyedLedger {
        let clock = ManualClock(start)
        let ledger = Ledger(
            store: store, catalog: .focusNordic, region: .norway, actor: "webshop", clock: clock.ledgerClock,
            identifierKey: key)
        try await ledger.publishPolicy(
            version: "2018-05-25", effectiveFrom: start.addingTimeInterval(-86_400), isMajor: true)
        return KeyedLedger(ledger: ledger, store: store, clock: clock, owner: owner)
    }

    /// An order: name, delivery address, phone and email under contract.
    @discardableResult
    func recordOrder(
        for subject: SubjectID = kari, email: String = "kari.nordmann@example.no", phone: String = "+47 912 34 567",
        reference: BusinessReference = "order:50017"
    ) async throws -> [Fact] {
        try await ledger.record(
            [.name("Kari Nordmann"), .deliveryAddress("Storgata 1, 0155 Oslo"), .phone(phone), .email(email)],
            about: subject, in: "webshop.orders", for: .customerAccountAndOrders, reference: reference)
    }

    /// The sequence number of the first holding of `category` among `facts`.
    static func holding(_ category: DataCategory, in facts: [Fact]) -> UInt64 {
        facts.first { fact in
            guard case .holding(let holding) = fact.body else { return false }
            return holding.category == category
        }!.sequence
    }

    /// Erases the values of `sequences` of `subject` directly through the store.
    @discardableResult
    func eraseValues(_ sequences: Set<UInt64>, of subject: SubjectID, identifier: Bool = false) async throws -> Fact {
        try await store.erase(
            ErasureScope(subject: subject, values: sequences, erasesIdentifier: identifier),
            recording: NewFact(
                recordedAt: clock.now, actor: "dpo",
                body: .erasure(
                    Erasure(
                        subject: subject, reason: .subjectRequest, erased: sequences.sorted(),
                        identifierErased: identifier,
                        retained: []))))
    }

    func allFacts() async throws -> [Fact] { try await store.facts(from: 1, limit: .max) }
}

/// Lowercase hexadecimal digits of `bytes`.
func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
}
