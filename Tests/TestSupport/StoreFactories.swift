import Foundation
import PersonalDataLedgerTesting
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore

/// A way to make a fresh, empty store, named for test output.
///
/// Rights tests run against every factory in ``all``. A store that lives in a directory returns
/// the directory's owner too, so it stays until the test ends:
///
/// ```swift
/// StoreFactory(name: "file") {
///     let directory = TemporaryDirectory()
///     return (try FileLedgerStore(directory: URL(filePath: directory.ledger)), directory)
/// }
/// ```
struct StoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () async throws -> (store: any LedgerStore, owner: (any Sendable)?)

    var testDescription: String { name }

    static let inMemory = StoreFactory(name: "in-memory") { (InMemoryLedgerStore(), nil) }

    static let file = StoreFactory(name: "file") {
        let directory = TemporaryDirectory()
        return (try FileLedgerStore(directory: URL(filePath: directory.ledger)), directory)
    }

    /// Every store the rights tests run against.
    static let all: [StoreFactory] = [.inMemory, .file]
}

/// A ledger over a store from a factory, with a hand-moved clock and the 2018 policy published as
/// a major version the day before ``TestLedger/start``.
struct RightsLedger: Sendable {
    let ledger: Ledger
    let store: any LedgerStore
    let clock: ManualClock
    let owner: (any Sendable)?

    static let kari: SubjectID = "customer:10001"
    static let ola: SubjectID = "customer:10002"

    static func make(
        _ factory: StoreFactory, region: Region = .norway, retention: RetentionSettings = .nordicDefaults
    ) async throws -> RightsLedger {
        let (store, owner) = try await factory.make()
        let clock = ManualClock(TestLedger.start)
        let ledger = Ledger(
            store: store, catalog: .focusNordic, region: region, actor: "webshop", clock: clock.ledgerClock,
            retention: retention)
        try await ledger.publishPolicy(
            version: "2018-05-25", effectiveFrom: TestLedger.start.addingTimeInterval(-86_400), isMajor: true)
        return RightsLedger(ledger: ledger, store: store, clock: clock, owner: owner)
    }

    /// An order for `subject`: name, addresses, phone and email under contract.
    @discardableResult
    func recordOrder(
        for subject: SubjectID = kari, reference: BusinessReference = "order:50017",
        email: String = "kari.nordmann@example.no"
    ) async throws -> [Fact] {
        try await ledger.record(
            [
                .name("Kari Nordmann"), .deliveryAddress("Storgata 1, 0155 Oslo"), .phone("+47 912 34 567"),
                .email(email),
            ],
            about: subject, in: "webshop.orders", for: .customerAccountAndOrders, reference: reference)
    }

    /// Gives consent to `purpose` under the 2018 policy.
    @discardableResult
    func consent(
        _ decision: ConsentDecision.Decision = .given, _ subject: SubjectID = kari, to purpose: Purpose
    ) async throws -> Fact {
        try await ledger.consent(decision, by: subject, for: purpose, policy: "2018-05-25", channel: "web-form")
    }

    /// Records a lifecycle event at `date`, moving the clock there first.
    func event(_ kind: LifecycleKind, _ reference: BusinessReference, at date: Date) async throws {
        clock.set(max(date, clock.now))
        try await ledger.recordLifecycleEvent(kind, reference: reference, occurredAt: date)
    }

    /// Moves the clock to `date` (never backwards).
    func move(to date: Date) { clock.set(max(date, clock.now)) }

    /// Every fact in the store.
    func allFacts() async throws -> [Fact] { try await store.facts(from: 1, limit: .max) }
}

/// An instant from ISO 8601 text; a bare date is midnight UTC.
func instant(_ text: String) -> Date {
    let full = text.count == 10 ? text + "T00:00:00Z" : text
    return try! Date(full, strategy: .iso8601)
}
