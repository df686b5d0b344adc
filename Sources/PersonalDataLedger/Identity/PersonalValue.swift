/// A personal value held about someone — a name, an email address — or the mark that it was erased.
///
/// The value never appears in `description`, `debugDescription` or string interpolation, so it
/// cannot leak into a log line by accident. Read it deliberately with ``revealed``.
public struct PersonalValue: Hashable, Sendable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible
{
    private let storage: String?

    /// Wraps a value.
    public init(_ value: String) { storage = value }

    private init(erased: Void) { storage = nil }

    /// The mark left where a value was physically erased.
    public static let erased = PersonalValue(erased: ())

    /// Whether the value was erased.
    public var isErased: Bool { storage == nil }

    /// The value itself, or `nil` when it was erased.
    public var revealed: String? { storage }

    public var description: String { storage == nil ? "(erased)" : "(personal value)" }

    public var debugDescription: String { description }

    private enum CodingKeys: String, CodingKey { case erased }

    /// Encodes as the plain string, or as `{"erased": true}` once erased.
    public func encode(to encoder: any Encoder) throws {
        if let storage {
            var container = encoder.singleValueContainer()
            try container.encode(storage)
        } else {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(true, forKey: .erased)
        }
    }

    public init(from decoder: any Decoder) throws {
        if let string = try? decoder.singleValueContainer().decode(String.self) {
            storage = string
        } else {
            _ = try decoder.container(keyedBy: CodingKeys.self).decode(Bool.self, forKey: .erased)
            storage = nil
        }
    }
}
