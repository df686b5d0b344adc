import Foundation
import PersonalDataLedgerTesting
import Synchronization
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// One ledger with two writers: the one that erases (the DPO's `pdl erase`, the retention
/// sweep) and one that records about the same person at the same moment (the webshop).
struct SharedLedger: Sendable, CustomTestStringConvertible {
    let name: String
    /// The eraser's store, the recorder's store (the same one or another on the same
    /// directory), and the directory's owner.
    let make:
        @Sendable () throws -> (eraser: any LedgerStore, recorder: any LedgerStore, directory: TemporaryDirectory?)

    var testDescription: String { name }

    static let all: [SharedLedger] = [
        SharedLedger(name: "two file stores on one directory, as two processes") {
            let directory = TemporaryDirectory()
            return (try FileStoreTesting.open(directory.ledger), try FileStoreTesting.open(directory.ledger), directory)
        },
        SharedLedger(name: "one file store under two ledgers") {
            let directory = TemporaryDirectory()
            let store = try FileStoreTesting.open(directory.ledger)
            return (store, store, directory)
        },
        SharedLedger(name: "one in-memory store under two ledgers") {
            let store = InMemoryLedgerStore()
            return (store, store, nil)
        },
    ]
}

/// The two writers' ledgers over a ``SharedLedger``, on one hand-moved clock.
struct Writers: Sendable {
    /// The erasing ledger; its store lets the test act at a chosen moment of the erasure.
    let eraser: Ledger
    /// The recording ledger.
    let recorder: Ledger
    let interleaving: InterleavingStore
    let clock: ManualClock
    let directory: TemporaryDirectory?
    private let stores: [any LedgerStore]

    static let kari: SubjectID = "customer:10001"
    static let lateEmail = "late.kari.nordmann@example.no"

    init(_ shared: SharedLedger) throws {
        let (eraser, recorder, directory) = try shared.make()
        clock = ManualClock(TestLedger.start)
        interleaving = InterleavingStore(inner: eraser)
        self.eraser = Ledger(store: interleaving, region: .norway, actor: "dpo", clock: clock.ledgerClock)
        self.recorder = Ledger(store: recorder, region: .norway, actor: "webshop", clock: clock.ledgerClock)
        self.directory = directory
        stores = eraser as AnyObject === recorder as AnyObject ? [eraser] : [eraser, recorder]
    }

    /// Kari's order, delivered: nothing of it is under a legal hold.
    func recordDeliveredOrder() async throws {
        try await recorder.record(
            [.name("Kari Nordmann"), .deliveryAddress("Storgata 1, 0155 Oslo"), .email("kari.nordmann@example.no")],
            about: Self.kari, in: "webshop.orders", for: .customerAccountAndOrders, reference: "order:50017")
        let delivered = instant("2026-03-10T14:00:00Z")
        clock.set(delivered)
        try await recorder.recordLifecycleEvent(.orderDelivered, reference: "order:50017", occurredAt: delivered)
    }

    /// A new email of Kari's for her account, by `ledger`: no reference, so no hold keeps it.
    func recordLateEmail(by ledger: Ledger) async throws -> Fact {
        try await ledger.record(
            [.email(Self.lateEmail)], about: Self.kari, in: "webshop.orders", for: .customerAccountAndOrders)[0]
    }

    /// Every fact, as a reader sees them now.
    func allFacts() async throws -> [Fact] { try await recorder.store.facts(from: 1, limit: .max) }

    func close() async throws {
        for store in stores { try await store.close() }
    }
}

/// An erasure, and a holding recorded at a moment of it that makes it count below the erasure.
struct ErasureRace: Sendable, CustomTestStringConvertible {
    let name: String
    let setup: @Sendable (Writers) async throws -> Void
    /// When the other writer records, and which ledger does.
    let moment: InterleavingStore.Moment
    let recordedBy: @Sendable (Writers) -> Ledger
    /// The erasure; returns the erasure facts it recorded.
    let erase: @Sendable (Writers) async throws -> [Fact]
    /// What the ledger promises about the holding recorded meanwhile (`late`), given every fact now.
    let promise: @Sendable (_ late: Fact, _ facts: [Fact], _ erasures: [Fact]) throws -> Void

    var testDescription: String { name }

    static let table: [ErasureRace] = [
        ErasureRace(
            name: "erase everything: another writer's holding goes too, and the identifier",
            setup: { try await $0.recordDeliveredOrder() }, moment: .erase, recordedBy: \.recorder,
            erase: { try await $0.eraser.erase(Writers.kari).erasures },
            promise: { late, facts, erasures in
                #expect(facts[Int(late.sequence) - 1].body.personalValues == [.erased])
                #expect(Self.last(erasures)?.identifierErased == true)
                #expect(facts.allSatisfy { !$0.body.subjects.contains(Writers.kari) })
            }),
        ErasureRace(
            name: "erase one category: another writer's holding of it goes too",
            setup: { try await $0.recordDeliveredOrder() }, moment: .erase, recordedBy: \.recorder,
            erase: { try await $0.eraser.erase(Writers.kari, scope: .categories([.email])).erasures },
            promise: { late, facts, erasures in
                #expect(facts[Int(late.sequence) - 1].body.personalValues == [.erased])
                #expect(Self.last(erasures)?.erased.contains(late.sequence) == true)
                #expect(Self.last(erasures)?.identifierErased == false)
            }),
        ErasureRace(
            name: "erase everything in one step, recorded by the same ledger between the plan and its locks",
            setup: { try await $0.recordDeliveredOrder() }, moment: .referenceRead, recordedBy: \.eraser,
            erase: { try await $0.eraser.erase(Writers.kari).erasures },
            promise: { late, facts, erasures in
                #expect(facts[Int(late.sequence) - 1].body.personalValues == [.erased])
                #expect(Self.last(erasures)?.identifierErased == true)
            }),
        ErasureRace(
            name: "carry out a plan made before: another writer's holding is not in it, so it and the identifier stay",
            setup: { try await $0.recordDeliveredOrder() }, moment: .erase, recordedBy: \.recorder,
            erase: { writers in
                let plan = try await writers.eraser.planErasure(of: Writers.kari)
                return try await writers.eraser.erase(plan).erasures
            },
            promise: { late, facts, erasures in
                #expect(facts[Int(late.sequence) - 1].body.personalValues == [PersonalValue(Writers.lateEmail)])
                #expect(facts[Int(late.sequence) - 1].body.subjects == [Writers.kari])
                #expect(Self.last(erasures)?.identifierErased == false)
                #expect(Self.last(erasures)?.erased.count == 3)
            }),
        ErasureRace(
            name: "retention of a rejected applicant: another writer's new order keeps the identifier",
            setup: { writers in
                try await writers.recorder.record(
                    [.name("Kari Nordmann")], about: Writers.kari, in: "recruitment", for: .jobApplicants,
                    reference: "application:9")
                let rejected = instant("2026-05-01T08:00:00Z")
                writers.clock.set(rejected)
                try await writers.recorder.recordLifecycleEvent(
                    .applicationRejected, reference: "application:9", occurredAt: rejected)
            },
            moment: .erase, recordedBy: \.recorder,
            erase: { try await $0.eraser.applyRetention().erasures },
            promise: { late, facts, erasures in
                #expect(facts[Int(late.sequence) - 1].body.personalValues == [PersonalValue(Writers.lateEmail)])
                #expect(facts[Int(late.sequence) - 1].body.subjects == [Writers.kari])
                #expect(Self.last(erasures)?.identifierErased == false)
                #expect(Self.last(erasures)?.erased == [1])
            }),
    ]

    /// The body of the last erasure fact.
    static func last(_ erasures: [Fact]) -> Erasure? {
        guard case .erasure(let erasure)? = erasures.last?.body else { return nil }
        return erasure
    }
}

/// An erasure's scope is fixed from what the ledger reads; a holding another writer records
/// before the erasure is numbered must not outlive it unseen.
@Suite struct ErasureBesideOtherWritersTests {
    @Test(arguments: SharedLedger.all, ErasureRace.table)
    func aHoldingRecordedDuringAnErasureIsErasedOrKeepsItsIdentifier(shared: SharedLedger, race: ErasureRace)
        async throws
    {
        let writers = try Writers(shared)
        try await race.setup(writers)
        let recorder = race.recordedBy(writers)
        writers.interleaving.arm(at: race.moment) { try await writers.recordLateEmail(by: recorder) }
        let erasures = try await race.erase(writers)
        let late = try #require(writers.interleaving.recorded, "the other writer did not record")
        let facts = try await writers.allFacts()
        try await writers.close()

        #expect(erasures.allSatisfy { $0.sequence > late.sequence })
        try race.promise(late, facts, erasures)
        // The wrong answer in every case: a value still held whose identifier is gone, which no
        // report shows and no erasure can reach.
        let orphans = facts.filter { fact in
            fact.body.subjects.contains(.erased) && !fact.body.personalValues.allSatisfy(\.isErased)
        }
        #expect(orphans.map(\.sequence) == [])
        if let directory = writers.directory, facts[Int(late.sequence) - 1].body.personalValues == [.erased] {
            #expect(FileStoreTesting.filesContaining(Writers.lateEmail, in: directory.ledger) == [])
        }
    }

    @Test(arguments: SharedLedger.all)
    func aWriterRecordingAtEveryAttemptMakesTheErasureGiveUpAndSaySo(shared: SharedLedger) async throws {
        let writers = try Writers(shared)
        try await writers.recordDeliveredOrder()
        let before = try await writers.allFacts()
        writers.interleaving.arm(at: .erase, isRepeating: true) {
            try await writers.recordLateEmail(by: writers.recorder)
        }
        let refusal = await #expect(throws: LedgerStoreError.self) { try await writers.eraser.erase(Writers.kari) }
        let facts = try await writers.allFacts()
        try await writers.close()

        #expect(refusal?.code == .conflict)
        #expect(refusal?.message.contains("run the erasure again") == true)
        #expect(refusal?.message.contains("kari") == false)
        #expect(writers.interleaving.allRecorded.count == Ledger.erasureAttempts)
        // Nothing was erased or recorded but the other writer's holdings.
        #expect(Array(facts.prefix(before.count)) == before)
        #expect(facts.dropFirst(before.count).allSatisfy { $0.body.kind == .holding })
    }
}
