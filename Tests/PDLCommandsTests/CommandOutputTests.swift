import Foundation
import Testing

@testable import PDLCommands

/// The JSON documents of `--format json`: versioned, sorted, ISO 8601 dates, and offered by every
/// command that prints results.
@Suite struct CommandOutputTests {
    struct Sample: Codable, Equatable {
        var name: String
        var at: Date
    }

    @Test func theContentsKeysSitBesideSchemaAndVersion() throws {
        let output = CommandOutput("pdl.sample", Sample(name: "x", at: Date(timeIntervalSince1970: 1_780_304_400)))
        let text = String(decoding: try output.data(), as: UTF8.self)
        #expect(
            text == """
                {
                  "at" : "2026-06-01T09:00:00Z",
                  "name" : "x",
                  "schema" : "pdl.sample",
                  "schemaVersion" : 1
                }

                """)
    }

    @Test func aDocumentDecodesBack() throws {
        let output = CommandOutput("pdl.sample", Sample(name: "x", at: Date(timeIntervalSince1970: 1_780_304_400)))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(CommandOutput<Sample>.self, from: try output.data())
        #expect(decoded.schema == "pdl.sample" && decoded.schemaVersion == 1 && decoded.content == output.content)
    }

    /// What needs no `--format json`: `completion` prints a shell script; `export` writes JSON
    /// documents only (jsonl, consents, portability), and `checkpoint` one (`pdl.checkpoint`),
    /// each with its own schema.
    static let withoutJSON: Set<String> = ["completion", "export", "checkpoint"]

    @Test(arguments: commands.map { $0.declaration.name })
    func everyCommandThatPrintsResultsOffersJSON(_ name: String) throws {
        let declaration = try #require(command(named: name)).declaration
        guard !Self.withoutJSON.contains(name) else {
            #expect(declaration.option(named: "format").map { !$0.choices.contains("json") } ?? true)
            return
        }
        let format = try #require(declaration.option(named: "format"), "\(name) has no --format")
        #expect(format.choices.contains("json"), "\(name) --format lacks json")
        for subcommand in declaration.subcommands {
            #expect(subcommand.optionNames.contains("format"), "\(name) \(subcommand.name) lacks --format")
        }
    }
}
