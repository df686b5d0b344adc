/// The controller's own identifier for a data subject, such as `customer:10001`.
///
/// Use a stable, pseudonymous key from your own system — never an email address or a national ID
/// number; those are recorded as holdings. The identifier must be 1 to 200 bytes of printable
/// characters without white space.
public struct SubjectID: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CodingKeyRepresentable, CustomStringConvertible, ExpressibleByStringLiteral
{
    public let rawValue: String

    /// Creates a subject identifier. The ledger refuses one that is empty, longer than 200 bytes,
    /// or contains white space or control characters.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    /// What stores return in place of an identifier that was erased.
    public static let erased = SubjectID("(erased)")

    /// Whether this identifier follows the rules a store can index.
    public var isWellFormed: Bool {
        !rawValue.isEmpty && rawValue.utf8.count <= 200 && self != .erased
            && rawValue.unicodeScalars.allSatisfy {
                !$0.properties.isWhitespace && $0.properties.generalCategory != .control
            }
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var codingKey: any CodingKey { VocabularyCodingKey(stringValue: rawValue) }

    public init?<T: CodingKey>(codingKey: T) { self.init(codingKey.stringValue) }
}
