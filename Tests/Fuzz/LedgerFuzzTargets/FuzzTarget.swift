package import Foundation
import PDLCommands
import PersonalDataLedger
import PersonalDataLedgerFileStore

/// One fuzz target: a decoder of something that comes from outside the process — a file of the
/// ledger directory, an import line, a settings or catalog file, a fact's body in a PostgreSQL
/// row — fed arbitrary bytes.
///
/// ``run(_:)`` is what both the libFuzzer binary (`ledger-fuzz`, built with
/// `-sanitize=fuzzer`) and the test suite (which replays every file of
/// `Tests/Fuzz/Corpus/<target>/`) call, so any input that ever trapped stays a regression test.
/// A thrown error is a refusal, which is fine; a trap, a sanitizer report or a hang is a bug.
package enum FuzzTarget: String, CaseIterable, Sendable {
    /// A whole log segment: header, frame scan, every batch replayed (`log-*.seg`).
    case segment
    /// One frame's payload, framed with a matching CRC-32C: the batch decoder and replay.
    case batch
    /// One binary fact record: the core's record decoder, canonical encoding included.
    case record
    /// A vault file (`identities.vault`, `values.vault`), and the bytes as one entry's payload.
    case vault
    /// An `INDEX` snapshot (as it is, and with its CRC-32C made to match), `SUBJECTS`,
    /// `CHECKPOINT` and `KEY-FINGERPRINT`.
    case index
    /// A `pdl.facts` file as `pdl import` reads it: line reader, lines, rules, chain.
    case `import`
    /// A `settings.json` and a catalog in its JSON form.
    case settings
    /// A fact's body as `PostgresLedgerStore` keeps it (`BlankedFactEncoding`), and the same
    /// after encoding it again.
    case blanked

    /// Runs the target on `bytes`; throws what the decoder refuses.
    package func run(_ bytes: [UInt8]) async throws {
        switch self {
        case .segment: try FileFormatProbe.segment(bytes)
        case .batch: try FileFormatProbe.batch(bytes)
        case .record: try RecordProbe.decode(bytes)
        case .vault: try FileFormatProbe.vault(bytes)
        case .index: try FileFormatProbe.index(bytes)
        case .import: try await ImportProbe.importFile(bytes)
        case .settings: try SettingsProbe.decode(bytes)
        case .blanked: try BlankedFactProbe.decode(bytes)
        }
    }

    /// The seed corpus and regression inputs of this target in the repository.
    package var corpusDirectory: URL {
        URL(filePath: Self.sourceFile).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "Corpus/\(rawValue)")
    }

    /// This file, in `Tests/Fuzz/LedgerFuzzTargets/`: the corpora are beside that directory.
    private static let sourceFile = #filePath
}
