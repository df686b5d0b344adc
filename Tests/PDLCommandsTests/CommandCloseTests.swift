import Foundation
import PersonalDataLedger
import Testing

@testable import PDLCommands

/// A command whose work is durable succeeds, whatever closing the store afterwards says: every
/// store acknowledges a write only once it is durable, so a retry would record it twice.
@Suite struct CommandCloseTests {
    /// The in-memory store, with a `close()` that fails as a file store's does on a full disk.
    final class FailingClose: LedgerStore {
        let store = InMemoryLedgerStore()

        func append(_ facts: [NewFact]) async throws -> [Fact] { try await store.append(facts) }
        func append(_ facts: [NewFact], committedAs fields: [[FieldCommitment]]) async throws -> [Fact] {
            try await store.append(facts, committedAs: fields)
        }
        func committedFacts(from sequence: UInt64, limit: Int) async throws -> [CommittedFact] {
            try await store.committedFacts(from: sequence, limit: limit)
        }
        func facts(for key: IndexKey) async throws -> [Fact] { try await store.facts(for: key) }
        func facts(from sequence: UInt64, limit: Int) async throws -> [Fact] {
            try await store.facts(from: sequence, limit: limit)
        }
        func erase(_ scope: ErasureScope, recording erasure: NewFact) async throws -> Fact {
            try await store.erase(scope, recording: erasure)
        }
        func integrityHead() async throws -> IntegrityHead { try await store.integrityHead() }
        func verify(against checkpoint: IntegrityHead?) async throws -> IntegrityHead {
            try await store.verify(against: checkpoint)
        }
        func close() async throws {
            throw LedgerStoreError(.io, "Writing the index snapshot failed: ENOSPC (No space left on device).")
        }
    }

    @Test func aRecordedFactIsNotReportedFailedWhenClosingTheStoreFails() async throws {
        let failing = FailingClose()
        let memory = LedgerStoreOpener(scheme: "memory") { _, _ in (failing, nil) }
        let status = await PDLCommandLine.run(
            [
                "record", "customer:10001", "--category", "name", "--system", "webshop.orders", "--purpose",
                "customerAccountAndOrders", "--value", "Kari Nordmann", "--store", "memory://test",
            ],
            storeOpeners: [memory], environment: ["PDL_NOW": "2026-06-01T09:00:00Z"])
        #expect(status == 0)
        #expect(try await failing.integrityHead().count == 1)
    }

    @Test func aFailedCommandStillClosesItsStore() async throws {
        let failing = FailingClose()
        let memory = LedgerStoreOpener(scheme: "memory") { _, _ in (failing, nil) }
        let status = await PDLCommandLine.run(
            [
                "record", "customer:10001", "--category", "unknownCategory", "--system", "webshop.orders",
                "--purpose", "customerAccountAndOrders", "--store", "memory://test",
            ],
            storeOpeners: [memory], environment: ["PDL_NOW": "2026-06-01T09:00:00Z"])
        #expect(status == 1, "the refusal, not the close, decides the status")
        #expect(try await failing.integrityHead().count == 0)
    }
}
