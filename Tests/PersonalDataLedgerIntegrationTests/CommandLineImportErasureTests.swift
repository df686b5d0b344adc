import Foundation
import Testing

@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// An import cannot forge history: an erasure in the file over a value the ledger holds is
/// carried out — the value is gone from every file of the directory — or refused with its line.
@Suite struct CommandLineImportErasureTests {
    static let name = "Kari Nordmann"
    static let email = "kari@example.no"

    /// A file whose erasure (line 4) names the name holding (fact 1) while the file holds its
    /// value: the header and erasure of an export taken after `pdl erase --category name`, the
    /// holdings of one taken before.
    static func forgedExport(_ pdl: PDLRunner) throws -> [String] {
        #expect(try pdl.run("init", "--store", "source").status == 0)
        for (category, value) in [("name", name), ("email", email)] {
            let recorded = try pdl.run(
                "record", "customer:1", "--category", category, "--system", "webshop.orders", "--purpose",
                "customerAccountAndOrders", "--value", value, "--store", "source")
            #expect(recorded.status == 0, "\(recorded)")
        }
        #expect(try pdl.run("export", "--store", "source", "--output", "before.jsonl").status == 0)
        let erased = try pdl.run("erase", "customer:1", "--category", "name", "--store", "source")
        #expect(erased.status == 0, "\(erased)")
        #expect(try pdl.run("export", "--store", "source", "--output", "after.jsonl").status == 0)
        func lines(_ file: String) throws -> [String] {
            try String(contentsOfFile: pdl.path(file), encoding: .utf8).split(separator: "\n").map(String.init)
        }
        let before = try lines("before.jsonl")
        let after = try lines("after.jsonl")
        try #require(before.count == 3 && after.count == 4)
        #expect(before[1].contains(name) && after[3].contains(#""kind":"erasure""#))
        return [after[0], before[1], before[2], after[3]]
    }

    /// Imports `lines` into a new ledger: by default one given the source's identifier key, so the
    /// import keeps the export's chain; with `newChain`, a ledger of its own key and `--new-chain`.
    static func importing(
        _ lines: [String], _ pdl: PDLRunner, into store: String, newChain: Bool = false
    ) throws -> CommandLineResult {
        if !newChain { try PDLRunner.copyIdentifierKey(pdl, from: "source", to: store) }
        #expect(try pdl.run("init", "--store", store).status == 0)
        return try pdl.run(
            ["import", "-", "--store", store] + (newChain ? ["--new-chain"] : []),
            input: Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    @Test func anImportedErasureOverALiveValueErasesIt() throws {
        let pdl = PDLRunner()
        let forged = try Self.forgedExport(pdl)
        let imported = try Self.importing(forged, pdl, into: "target")
        #expect(imported.status == 0, "\(imported)")
        #expect(FileStoreTesting.filesContaining(Self.name, in: pdl.path("target")).isEmpty)
        // Only what the erasure names goes.
        #expect(FileStoreTesting.filesContaining(Self.email, in: pdl.path("target")) == ["values.vault"])
        #expect(try pdl.head(store: "target").count == 3)
        let report = try pdl.run("report", "customer:1", "--store", "target", "--reveal")
        #expect(!report.stdout.contains(Self.name) && report.stdout.contains(Self.email), "\(report)")
        #expect(try pdl.run("verify", "--store", "target").status == 0)
    }

    @Test func anImportedErasureOfTheIdentifierErasesItAndEveryValueItNames() throws {
        let pdl = PDLRunner()
        var forged = try Self.forgedExport(pdl)
        forged[3] = forged[3].replacingOccurrences(of: #""identifierErased":false"#, with: #""identifierErased":true"#)
            .replacingOccurrences(of: #""erased":[1]"#, with: #""erased":[1,2]"#)
        // Altered, the line no longer rebuilds the export's chain: only a new chain takes it.
        let imported = try Self.importing(forged, pdl, into: "target", newChain: true)
        #expect(imported.status == 0, "\(imported)")
        for needle in [Self.name, Self.email, "customer:1"] {
            #expect(FileStoreTesting.filesContaining(needle, in: pdl.path("target")).isEmpty, "\(needle)")
        }
    }

    @Test func anErasureOfAnIdentifierTheFileShowsErasedOverLiveValuesIsRefusedWithItsLine() throws {
        let pdl = PDLRunner()
        var forged = try Self.forgedExport(pdl)
        forged[3] = forged[3].replacingOccurrences(of: #""subject":"customer:1""#, with: #""subject":"(erased)""#)
        let imported = try Self.importing(forged, pdl, into: "target")
        #expect(imported.status == 1, "\(imported)")
        #expect(imported.stderr.contains("Line 4:"), "\(imported)")
        #expect(!imported.prints(Self.name) && !imported.prints(Self.email))
        #expect(try pdl.head(store: "target").count == 2)
    }

    @Test func aGenuineExportWithAnErasureImportsAsItIs() throws {
        let pdl = PDLRunner()
        _ = try Self.forgedExport(pdl)
        try PDLRunner.copyIdentifierKey(pdl, from: "source", to: "target")
        #expect(try pdl.run("init", "--store", "target").status == 0)
        let imported = try pdl.run("import", "after.jsonl", "--store", "target")
        #expect(imported.status == 0, "\(imported)")
        #expect(FileStoreTesting.filesContaining(Self.name, in: pdl.path("target")).isEmpty)
        #expect(try pdl.head(store: "target").count == 3)
    }
}
