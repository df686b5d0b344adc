import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerReports
@testable import TestSupport

/// Export then import into an empty ledger of any store gives the same facts and the same chain
/// head, so a checkpoint taken before a migration verifies after it.
@Suite struct FactRoundTripTests {
    static let key = try! IdentifierKey(bytes: KeyedLedger.fixedKeyBytes)
    static let gone: SubjectID = "customer:10003"
    static let goneEmail = "gone.person@example.no"

    /// A ledger with everything the chain must carry across: lookup tokens, a request with its
    /// deadline, a rectification, an erased value, an identifier erased for good, and one
    /// erased and then recorded again (a new subject under the same identifier).
    static func story(_ factory: StoreFactory) async throws -> KeyedLedger {
        let source = try await KeyedLedger.make(factory)
        let kari = try await source.recordOrder()
        try await source.recordOrder(
            for: KeyedLedger.ola, email: "ola@example.no", phone: "+47 400 00 001", reference: "order:50018")
        let gone = try await source.recordOrder(
            for: gone, email: goneEmail, phone: "+47 400 00 002", reference: "order:50019")
        source.clock.advance(by: 3_600.5)
        try await source.ledger.receiveRequest(
            id: "gdpr-1", from: KeyedLedger.kari, kind: .access, receivedOn: source.clock.now)
        try await source.ledger.rectify(
            holding: KeyedLedger.holding(.email, in: kari), of: KeyedLedger.kari, to: "kari@example.no")
        try await source.eraseValues([KeyedLedger.holding(.phone, in: kari)], of: KeyedLedger.kari)
        try await source.eraseValues(Set(gone.map(\.sequence)), of: Self.gone, identifier: true)
        let ola = try await source.store.facts(about: KeyedLedger.ola).map(\.sequence)
        try await source.eraseValues(Set(ola), of: KeyedLedger.ola, identifier: true)
        try await source.recordOrder(
            for: KeyedLedger.ola, email: "ola.again@example.no", phone: "+47 400 00 003", reference: "order:50020")
        return source
    }

    static func importing(into factory: StoreFactory, key: IdentifierKey? = key) async throws -> (
        Ledger, any LedgerStore, (any Sendable)?
    ) {
        let (store, owner) = try await factory.make()
        return (
            Ledger(store: store, catalog: .focusNordic, clock: .fixed(TestLedger.start), identifierKey: key), store,
            owner
        )
    }

    static func lines(_ data: Data) -> [String] {
        String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test(arguments: StoreFactory.all, StoreFactory.all)
    func anImportIntoAnEmptyLedgerKeepsTheFactsAndTheHead(from: StoreFactory, to: StoreFactory) async throws {
        let source = try await Self.story(from)
        let checkpoint = try await source.store.integrityHead()
        let exported = try await source.ledger.exportFacts()
        let (target, store, owner) = try await Self.importing(into: to)
        let summary = try await target.importFacts(jsonLines: exported, batchSize: 5)
        #expect(summary.chain == .keep)
        #expect(summary.integrityHead == checkpoint)
        #expect(try await store.facts(from: 1, limit: .max) == source.allFacts())
        #expect(try await store.verify(against: checkpoint) == checkpoint)
        for subject in [KeyedLedger.kari, KeyedLedger.ola] {
            #expect(try await store.facts(about: subject) == source.store.facts(about: subject))
        }
        #expect(try await store.facts(about: Self.gone).isEmpty)
        #expect(try await target.find(email: "kari@example.no").map(\.subject) == [KeyedLedger.kari])
        // The request keeps its deadline, to the bit.
        #expect(try await target.requests() == source.ledger.requests())
        // The copy exports to the same file, save the time of the export.
        let again = try await target.exportFacts()
        #expect(Array(Self.lines(again).dropFirst()) == Array(Self.lines(exported).dropFirst()))
        withExtendedLifetime(owner) {}
    }

    @Test(arguments: StoreFactory.all)
    func reImportingALedgersOwnExportChangesNothing(_ factory: StoreFactory) async throws {
        let source = try await Self.story(factory)
        let head = try await source.store.integrityHead()
        let exported = try await source.ledger.exportFacts()
        let summary = try await source.ledger.importFacts(jsonLines: exported, batchSize: 4)
        #expect(summary.imported == 0)
        #expect(summary.skipped == Int(head.count))
        #expect(try await source.store.integrityHead() == head)
        // An older export of the same ledger is a no-op too: its history is this ledger's.
        try await source.recordOrder(for: "customer:10004", email: "new@example.no", reference: "order:50021")
        let grown = try await source.store.integrityHead()
        let older = try await source.ledger.importFacts(jsonLines: exported)
        #expect(older.imported == 0)
        #expect(older.integrityHead == grown)
    }

    @Test(arguments: StoreFactory.all)
    func anExportHoldsNothingErased(_ factory: StoreFactory) async throws {
        let source = try await Self.story(factory)
        let text = String(decoding: try await source.ledger.exportFacts(), as: UTF8.self)
        for needle in [Self.gone.rawValue, Self.goneEmail, "ola@example.no", "+4791234567", "+4740000002"] {
            #expect(!text.contains(needle), "\(needle)")
        }
        #expect(text.contains("\"commitment\":\""))
        #expect(text.contains("\"salt\":\""))
    }

    @Test func aLineWhoseSaltWasAlteredIsRefusedBeforeItIsImported() async throws {
        let source = try await Self.story(.inMemory)
        var lines = Self.lines(try await source.ledger.exportFacts())
        let number = try #require(lines.firstIndex { $0.contains("\"category\":\"name\"") })
        let salt = try #require(lines[number].range(of: "\"salt\":\""))
        let digit = lines[number][salt.upperBound]
        lines[number].replaceSubrange(salt.upperBound...salt.upperBound, with: digit == "0" ? "1" : "0")
        let (target, store, _) = try await Self.importing(into: .inMemory)
        let error = await #expect(throws: LedgerError.self) { try await target.importFacts(lines: lines) }
        #expect(error?.message.hasPrefix("Line \(number + 1): ") == true)
        #expect(error?.message.contains("another chain head") == true)
        #expect(try await store.integrityHead().count == UInt64(number - 1))
    }

    @Test func aLedgerWithAnotherIdentifierKeyRefusesToKeepTheChainAndTakesANewOne() async throws {
        let source = try await Self.story(.inMemory)
        let exported = try await source.ledger.exportFacts()
        let other = try IdentifierKey(bytes: [UInt8](repeating: 9, count: 32))
        let (target, store, _) = try await Self.importing(into: .inMemory, key: other)
        let error = await #expect(throws: LedgerError.self) { try await target.importFacts(jsonLines: exported) }
        #expect(error?.message.contains("another identifier key") == true)
        #expect(try await store.integrityHead().count == 0)

        let summary = try await target.importFacts(jsonLines: exported, chain: .new)
        #expect(summary.chain == .new)
        #expect(summary.integrityHead.count == summary.header.integrityHead.count)
        #expect(summary.integrityHead.hash != summary.header.integrityHead.hash)
        // With a new chain too, the ledger's own export imports again as a no-op (the request's
        // deadline survives the file).
        let again = try await target.importFacts(jsonLines: try await target.exportFacts(), chain: .new)
        #expect(again.imported == 0)
        #expect(try await target.importFacts(jsonLines: exported, chain: .new).imported == 0)
    }

    /// A version 1 file (no commitments) still imports, into a new chain.
    @Test func aVersionOneExportImportsIntoANewChain() async throws {
        let source = try await Self.story(.inMemory)
        let lines = try Self.lines(try await source.ledger.exportFacts()).enumerated().map { index, line in
            var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if index == 0 {
                object["version"] = 1
                object["identifierKeyFingerprint"] = nil
            }
            object["commitments"] = nil
            object["chain"] = nil
            return String(
                decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
        }
        let (target, store, _) = try await Self.importing(into: .inMemory)
        let summary = try await target.importFacts(lines: lines)
        #expect(summary.chain == .new)
        #expect(summary.imported == Int(summary.header.integrityHead.count))
        #expect(summary.integrityHead.hash != summary.header.integrityHead.hash)
        #expect(try await store.facts(about: KeyedLedger.ola) == source.store.facts(about: KeyedLedger.ola))
        #expect(try await target.importFacts(lines: lines).imported == 0)
    }

    @Test func aVersionTwoLineWithoutCommitmentsIsRefused() async throws {
        let source = try await Self.story(.inMemory)
        var lines = Self.lines(try await source.ledger.exportFacts())
        lines[2] = lines[2].replacing(/"commitments":\[[^\]]*\],/, with: "")
        let (target, _, _) = try await Self.importing(into: .inMemory)
        let error = await #expect(throws: LedgerError.self) { try await target.importFacts(lines: lines) }
        #expect(error?.message.hasPrefix("Line 3: A version 2 line needs 'commitments'") == true)
    }
}

/// Every date survives the export's text bit for bit.
@Suite struct ExportDateTests {
    static let dates: [Date] = [
        TestLedger.start,
        TestLedger.start.addingTimeInterval(0.001),
        RequestDeadline.endOfDay(TestLedger.start),
        RequestDeadline.dueAt(receivedOn: TestLedger.start, months: 3),
        Date(timeIntervalSince1970: 1_772_442_000.123_456),
        Date(timeIntervalSinceReferenceDate: 800_000_000.000_000_1),
        Date(timeIntervalSinceReferenceDate: -31_000_000.25),
    ]

    @Test(arguments: dates)
    func aDateSurvivesFormattingAndParsing(_ date: Date) throws {
        let text = ExportDate.format(date)
        #expect(ExportDate.parse(text) == date, "\(text)")
        #expect(text.hasSuffix("Z"))
    }

    @Test func aWholeMillisecondIsWrittenToTheMillisecond() {
        #expect(ExportDate.format(TestLedger.start.addingTimeInterval(0.25)) == "2026-03-02T09:00:00.250Z")
    }
}
