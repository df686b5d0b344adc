/// A name in the ledger's open vocabulary: a data category, a purpose, a system, a recipient.
///
/// Terms are plain, validated names. What a term *means* — its sensitivity, its labels, its
/// mapping to shared vocabularies — is declared by a ``Catalog``. The ledger refuses any term its
/// catalog does not declare, so a typo can never create new vocabulary.
///
/// Built-in terms are static members (`DataCategory.email`); users add their own the same way:
///
/// ```swift
/// extension DataCategory {
///     static let loyaltyNumber: Self = "loyaltyNumber"
/// }
/// ```
public protocol VocabularyTerm: RawRepresentable<String>, Hashable, Comparable, Sendable, Codable,
    CodingKeyRepresentable, ExpressibleByStringLiteral, CustomStringConvertible
{
    /// Creates a term from its name.
    init(rawValue: String)
}

extension VocabularyTerm {
    /// Creates a term from its name.
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }

    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var codingKey: any CodingKey { VocabularyCodingKey(stringValue: rawValue) }

    public init?<T: CodingKey>(codingKey: T) { self.init(rawValue: codingKey.stringValue) }
}

struct VocabularyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
