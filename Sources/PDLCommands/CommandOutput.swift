import Foundation

/// The JSON document a command prints with `--format json`: the keys of its content, beside
/// `schema` (`pdl.find`, `pdl.recorded`, …) and `schemaVersion`, as every `pdl` JSON document
/// names itself (Documentation/CommandOutput.md).
///
/// The content's keys sit at the top level rather than under a key of their own, so a document
/// that printed a bare object before it was versioned keeps its keys. Standard output holds the
/// document and nothing else; warnings and progress go to standard error.
struct CommandOutput<Content: Codable>: Codable {
    var schema: String
    var schemaVersion: Int
    var content: Content

    private enum CodingKeys: String, CodingKey { case schema, schemaVersion }

    init(_ schema: String, version: Int = 1, _ content: Content) {
        self.schema = schema
        self.schemaVersion = version
        self.content = content
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schema = try container.decode(String.self, forKey: .schema)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        content = try Content(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try content.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(schemaVersion, forKey: .schemaVersion)
    }

    /// The document as `pdl` prints it, ending with a line feed.
    func data() throws -> Data {
        try commandJSONEncoder.encode(self) + Data("\n".utf8)
    }

    /// Writes the document to standard output.
    func print() throws {
        FileHandle.standardOutput.write(try data())
    }
}

/// JSON for command output: pretty, sorted keys, ISO 8601 dates.
let commandJSONEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
}()

/// Whether `--format json` was asked for, of a command whose formats are text and json.
func wantsJSON(_ parsed: ParsedArguments) throws(UsageError) -> Bool {
    try parsed.choice("format", in: ["text", "json"], default: "text") == "json"
}
