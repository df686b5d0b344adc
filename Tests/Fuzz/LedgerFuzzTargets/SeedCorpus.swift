package import Foundation
import PDLCommands
import PersonalDataLedger
import PersonalDataLedgerFileStore

/// Writes the seed corpora: the files of the demo ledger (`pdl demo`), taken apart for each
/// target — the segment, each batch and each record of it, the vaults, `INDEX`, `CHECKPOINT`,
/// `KEY-FINGERPRINT`, `SUBJECTS`, its `pdl.facts` export, its settings, the Focus Nordic catalog
/// and each of its facts as a blanked body.
package enum SeedCorpus {
    package static func write(to corpus: URL) async throws {
        let work = FileManager.default.temporaryDirectory.appending(path: "pdl-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let ledger = work.appending(path: "ledger")
        let export = try await ImportProbe.writeSeedLedger(at: ledger.path)
        func put(_ bytes: some Sequence<UInt8>, _ target: FuzzTarget, _ name: String) throws {
            let directory = corpus.appending(path: target.rawValue)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: directory.appending(path: name))
        }
        func file(_ name: String) throws -> Data { try Data(contentsOf: ledger.appending(path: name)) }
        let segment = Array(try file("log-0000000001.seg"))
        try put(segment, .segment, "demo.seg")
        let (batches, records) = try FileFormatProbe.pieces(ofSegment: segment)
        for (number, batch) in batches.enumerated() { try put(batch, .batch, "demo-\(number + 1)") }
        for (number, record) in records.enumerated() { try put(record, .record, "demo-\(number + 1)") }
        let store = try FileLedgerStore(directory: ledger, mode: .readOnly)
        for fact in try await store.facts(from: 1, limit: Int.max) {
            let draft = NewFact(recordedAt: fact.recordedAt, actor: fact.actor, body: fact.body)
            try put(BlankedFactEncoding.encode(draft), .blanked, "demo-\(fact.sequence)")
        }
        try await store.close()
        for name in ["identities.vault", "values.vault"] { try put(try file(name), .vault, name) }
        for name in ["INDEX", "SUBJECTS", "CHECKPOINT", "KEY-FINGERPRINT"] {
            if let bytes = try? file(name) { try put(bytes, .index, name) }
        }
        let checkpoint = "PersonalDataLedger checkpoint 1\ncount 3\nhead \(String(repeating: "ab", count: 32))\n"
        try put(Array(checkpoint.utf8), .index, "CHECKPOINT-sample")
        try put(FileFormatProbe.keyFingerprintSample, .index, "KEY-FINGERPRINT-sample")
        try put(export, .import, "demo.jsonl")
        try put(try file(FileLedgerStore.settingsFileName), .settings, "settings.json")
        try put(Array(try Catalog.focusNordic.jsonData()), .settings, "focus-nordic-catalog.json")
    }
}
