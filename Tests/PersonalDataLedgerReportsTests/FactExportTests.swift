import Foundation
import Synchronization
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct FactExportTests {
    /// A fresh, empty ledger with the Focus Nordic catalog.
    func emptyLedger(store: any LedgerStore = InMemoryLedgerStore()) -> Ledger {
        Ledger(store: store, catalog: .focusNordic, clock: .fixed(TestLedger.start))
    }

    /// Kari's story with a rectification and an erasure, so references by sequence are exercised.
    func richStory() async throws -> TestLedger {
        let test = try await ReportFixtures.karisStory()
        let facts = try await test.allFacts()
        let phone = try #require(
            facts.first {
                if case .holding(let holding) = $0.body { return holding.category == .phone }
                return false
            })
        test.clock.advance(by: 1.234)
        _ = try await test.store.append([
            NewFact(
                recordedAt: test.clock.now, actor: "customer-service",
                body: .rectification(
                    Rectification(subject: TestLedger.kari, holding: phone.sequence, value: .init("+4791234568"))))
        ])
        let ipAddress = try #require(
            facts.first {
                if case .holding(let holding) = $0.body { return holding.category == .ipAddress }
                return false
            })
        try await ReportFixtures.erase([ipAddress.sequence], of: TestLedger.kari, in: test)
        try await test.ledger.recordLifecycleEvent(.orderDelivered, reference: "order:50017")
        try await test.ledger.linkReference("case:9001", concerns: "order:50017")
        return test
    }

    @Test func exportThenImportGivesTheSameFacts() async throws {
        let test = try await richStory()
        let exported = try await test.ledger.exportFacts()
        let lines = String(decoding: exported, as: UTF8.self).split(separator: "\n")
        let original = try await test.allFacts()
        #expect(lines.count == original.count + 1)
        #expect(lines[0].contains("\"format\":\"pdl.facts\""))
        #expect(lines[0].contains("\"version\":2"))
        #expect(lines[0].contains(try await test.store.integrityHead().hash))
        #expect(lines[1].contains("\"kind\":\"policyVersion\""))
        #expect(lines.contains { $0.contains("{\"erased\":true}") })
        #expect(lines.contains { $0.contains(".234Z\"") })
        #expect(lines.last?.contains(#""referenceLink":{"concerns":"order:50017","reference":"case:9001"}"#) == true)

        let target = InMemoryLedgerStore()
        let summary = try await emptyLedger(store: target).importFacts(jsonLines: exported, batchSize: 4)
        #expect(summary.imported == original.count)
        #expect(summary.skipped == 0)
        #expect(try await target.facts(from: 1, limit: .max) == original)
        // The subject index is rebuilt: Kari's report reads the same.
        #expect(try await target.facts(about: TestLedger.kari) == test.store.facts(about: TestLedger.kari))
        // The chain is the export's: the same head, and it verifies.
        #expect(summary.chain == .keep)
        #expect(try await target.verify() == test.store.integrityHead())
    }

    @Test func importedChainVerifies() async throws {
        let test = try await ReportFixtures.karisStory()
        let target = InMemoryLedgerStore()
        try await emptyLedger(store: target).importFacts(jsonLines: try await test.ledger.exportFacts())
        let head = try await target.verify()
        #expect(head.count == UInt64(try await test.allFacts().count))
    }

    @Test func aBadLineStopsTheImportAndLeavesThePrefix() async throws {
        let test = try await richStory()
        var lines = String(decoding: try await test.ledger.exportFacts(), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        // Line 6 (fact 5) names a category the catalog does not know.
        #expect(lines[5].contains("\"sequence\":5"))
        lines[5] = lines[5].replacing("\"category\":\"", with: "\"category\":\"x")
        let target = InMemoryLedgerStore()
        let ledger = emptyLedger(store: target)
        let error = await #expect(throws: LedgerError.self) {
            try await ledger.importFacts(lines: lines, batchSize: 2, chain: .new)
        }
        #expect(error?.rule == .unknownCategory)
        #expect(error?.message.hasPrefix("Line 6: ") == true)
        #expect(error?.message.contains("holds 4 facts") == true)
        let original = try await test.allFacts()
        #expect(try await target.facts(from: 1, limit: .max) == Array(original.prefix(4)))

        // Fixed, the import runs again: the prefix is skipped, the rest appended.
        lines[5] = lines[5].replacing("\"category\":\"x", with: "\"category\":\"")
        let summary = try await ledger.importFacts(lines: lines, batchSize: 2, chain: .new)
        #expect(summary.skipped == 4)
        #expect(summary.imported == original.count - 4)
        #expect(try await target.facts(from: 1, limit: .max) == original)
    }

    @Test func anInterruptedImportLeavesAPrefixNeverAHole() async throws {
        let test = try await richStory()
        let exported = try await test.ledger.exportFacts()
        let target = FailingStore(failOnAppend: 3)
        await #expect(throws: LedgerStoreError.self) {
            try await emptyLedger(store: target).importFacts(jsonLines: exported, batchSize: 3)
        }
        let kept = try await target.facts(from: 1, limit: .max)
        let original = try await test.allFacts()
        #expect(kept == Array(original.prefix(6)))
    }

    @Test func refusesGapsForeignLedgersAndMissingHeaders() async throws {
        let test = try await richStory()
        let lines = String(decoding: try await test.ledger.exportFacts(), as: UTF8.self).split(separator: "\n").map(
            String.init)

        var gap = lines
        gap.remove(at: 3)
        let gapError = await #expect(throws: LedgerError.self) {
            try await emptyLedger().importFacts(lines: gap)
        }
        #expect(gapError?.message.contains("Expected fact 3, found fact 4") == true)

        let headless = await #expect(throws: LedgerError.self) {
            try await emptyLedger().importFacts(lines: Array(lines.dropFirst()))
        }
        #expect(headless?.message.hasPrefix("Line 1: ") == true)

        let other = try await TestLedger.make()
        try await other.ledger.publishPolicy(version: "2026-01-01", effectiveFrom: TestLedger.start, isMajor: false)
        let foreign = await #expect(throws: LedgerError.self) {
            try await other.ledger.importFacts(lines: lines)
        }
        #expect(foreign?.message.contains("differs from the file's") == true)

        let garbage = await #expect(throws: LedgerError.self) {
            try await emptyLedger().importFacts(lines: [lines[0], "{\"sequence\":1,\"kind\":\"holding\"}"])
        }
        #expect(garbage?.message.hasPrefix("Line 2: The line is not a fact") == true)
    }

    @Test func aMalformedValueIsRefusedWithoutEchoingIt() async throws {
        let test = try await TestLedger.make()
        try await test.recordKarisOrder()
        let lines = String(decoding: try await test.ledger.exportFacts(), as: UTF8.self).split(separator: "\n").map {
            $0.replacing("kari.nordmann@example.no", with: "kari(at)secret-domain")
        }
        let error = await #expect(throws: LedgerError.self) {
            try await emptyLedger().importFacts(lines: lines, chain: .new)
        }
        #expect(error?.rule == .malformedValue)
        #expect(error?.message.contains("secret-domain") == false)
    }

    @Test func importedIdentifiersAreFoundUnderTheImportingLedgersKey() async throws {
        let source = try await KeyedLedger.make()
        let order = try await source.recordOrder()
        try await source.ledger.rectify(
            holding: KeyedLedger.holding(.phone, in: order), of: KeyedLedger.kari, to: "+47 987 65 432")
        let exported = try await source.ledger.exportFacts()

        let otherKey = try IdentifierKey(bytes: [UInt8](repeating: 9, count: 32))
        let target = try await KeyedLedger.make(key: otherKey)
        let store = InMemoryLedgerStore()
        let importing = Ledger(
            store: store, catalog: .focusNordic, clock: .fixed(TestLedger.start), identifierKey: otherKey)
        try await importing.importFacts(jsonLines: exported, batchSize: 2, chain: .new)

        // Found by the email and by the corrected phone, under the importing ledger's key.
        #expect(try await importing.find(email: "Kari.Nordmann@example.no").map(\.subject) == [KeyedLedger.kari])
        let phone = try await importing.find(phone: "+47 987 65 432")
        #expect(phone.map(\.subject) == [KeyedLedger.kari])
        #expect(phone.first?.locations.first?.isCurrent == true)
        // The tokens are the ones the importing ledger would have made itself.
        let recordedHere = try await target.recordOrder()
        let tokens = { (facts: [Fact]) in
            facts.compactMap { fact -> String? in
                guard case .holding(let holding) = fact.body else { return nil }
                return holding.lookupToken?.revealed
            }
        }
        let imported = try await store.facts(about: KeyedLedger.kari)
        #expect(Set(tokens(recordedHere)).isSubset(of: Set(tokens(imported))))
        // Running the import again compares against the recomputed tokens and skips everything.
        let again = try await importing.importFacts(jsonLines: exported, chain: .new)
        #expect(again.imported == 0)
        #expect(again.skipped == Int(try await store.integrityHead().count))

        // Without a key there are no tokens at all: the source's would be meaningless here.
        let keyless = InMemoryLedgerStore()
        try await emptyLedger(store: keyless).importFacts(jsonLines: exported, chain: .new)
        #expect(tokens(try await keyless.facts(about: KeyedLedger.kari)).isEmpty)
    }
}

/// A store that fails the `failOnAppend`-th append, as a crash or a full disk would.
final class FailingStore: ForwardingLedgerStore {
    let inner: any LedgerStore = InMemoryLedgerStore()
    let appends = Mutex(0)
    let failOnAppend: Int

    init(failOnAppend: Int) { self.failOnAppend = failOnAppend }

    func append(_ facts: [NewFact]) async throws -> [Fact] {
        let count = appends.withLock { count in
            count += 1
            return count
        }
        if count == failOnAppend { throw LedgerStoreError(.io, "Injected failure.") }
        return try await inner.append(facts)
    }

    func append(_ facts: [NewFact], committedAs fields: [[FieldCommitment]]) async throws -> [Fact] {
        let count = appends.withLock { count in
            count += 1
            return count
        }
        if count == failOnAppend { throw LedgerStoreError(.io, "Injected failure.") }
        return try await inner.append(facts, committedAs: fields)
    }
}
