package import Foundation
package import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl import`'s reading of a file, from bytes: the entry point the import fuzz target
/// (`Tests/Fuzz`) drives, and the small demo ledger its seed corpus is made from.
///
/// The bytes go through what `pdl import FILE` runs — the ``LineReader`` over the file, then
/// ``Ledger/importFacts(lines:batchSize:chain:progress:)`` — into an in-memory ledger with the
/// Focus Nordic catalog and a fixed identifier key, so a seed exported from the demo ledger
/// keeps its chain and every line reaches the rules.
package enum ImportProbe {
    /// The identifier key of the probe's ledgers and of the seed ledger: fixed, so an export of
    /// the seed ledger imports with its chain kept.
    package static let identifierKey: IdentifierKey = {
        // 32 bytes is the key's length; a wrong literal is a programming error.
        try! IdentifierKey(bytes: (0..<UInt8(IdentifierKey.byteCount)).map { $0 &* 37 &+ 11 })
    }()

    /// Imports `bytes` as a `pdl.facts` file, once keeping the file's chain and once with a new
    /// one, each into an empty ledger. Refusals are thrown; nothing may trap.
    package static func importFile(_ bytes: [UInt8]) async throws {
        let url = FileManager.default.temporaryDirectory.appending(
            path: "pdl-import-probe-\(getpid())-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var failure: (any Error)?
        for chain in [FactImportChain.keep, .new] {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            let reader = LineReader(handle: handle, lineLimit: 1 << 20, blockSize: 4096)
            let ledger = Ledger(
                store: InMemoryLedgerStore(), catalog: .focusNordic, region: .norway, actor: "pdl-import",
                clock: LedgerClock { DemoStory.start }, identifierKey: identifierKey)
            do {
                try await ledger.importFacts(lines: reader, batchSize: 7, chain: chain)
            } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Records the demo story (`pdl demo`) in a new file ledger at `path`, under
    /// ``identifierKey``, with settings saved, and returns its `pdl.facts` export.
    package static func writeSeedLedger(at path: String) async throws -> Data {
        let store = try FileLedgerStore(directory: URL(filePath: path))
        let clock = StoryClock(startingAt: DemoStory.start)
        let ledger = Ledger(
            store: store, catalog: .focusNordic, region: .norway, actor: "pdl-demo", clock: clock.ledgerClock,
            identifierKey: identifierKey)
        try await DemoStory.record(into: ledger, clock: clock)
        try await store.saveSettings(.defaults)
        let export = try await ledger.exportFacts()
        try await store.close()
        return export
    }
}
