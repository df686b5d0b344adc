/// An identifier that is validated when made, kept in its normalised form, and shown only masked:
/// its description, debug description and mirror never hold the full value.
///
/// Codable as the normalised string; decoding validates again, so a tampered document cannot
/// smuggle in a malformed identifier.
public protocol ValidatedIdentifier: Hashable, Sendable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// Validates and normalises `raw`; the error never contains any part of it.
    init(_ raw: String) throws(IdentifierError)
    /// The full, normalised value: read it deliberately.
    var normalized: String { get }
    /// The value with the identifying part hidden, for descriptions and logs.
    var masked: String { get }
}

extension ValidatedIdentifier {
    public var description: String { masked }

    public var debugDescription: String { "\(Self.self)(\(masked))" }

    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            try self.init(try container.decode(String.self))
        } catch let error as IdentifierError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(normalized)
    }
}
