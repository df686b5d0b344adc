/// A language that labels and reports are written in, named by its BCP 47 tag (`nb`, `en`,
/// `sv`, `nb-NO`).
///
/// An open set: the ones reports ship texts for are static members, and anyone can name
/// another, such as `Language("sv")`. A ``LocalizedText`` or report in a language it has no text
/// for falls back to English (see ``LocalizedText/text(in:)``), so a new language never fails;
/// it reads in English until its texts are added.
///
/// Tags are compared case-insensitively, as BCP 47 requires: they are stored in their
/// conventional case (`nb-NO`, `zh-Hant`).
public struct Language: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The BCP 47 tag, such as `nb` or `en-GB`.
    public let rawValue: String

    /// Reads a BCP 47 tag; `nil` unless it is subtags of 1 to 8 ASCII letters or digits joined by
    /// `-`, the first being 2 to 8 letters.
    public init?(rawValue: String) {
        let subtags = rawValue.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = subtags.first, (2...8).contains(primary.count),
            primary.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return nil }
        var canonical = [primary.lowercased()]
        for subtag in subtags.dropFirst() {
            guard (1...8).contains(subtag.count), subtag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else { return nil }
            switch subtag.count {
            case 2 where subtag.allSatisfy(\.isLetter): canonical.append(subtag.uppercased())
            case 4 where subtag.allSatisfy(\.isLetter):
                canonical.append(subtag.prefix(1).uppercased() + subtag.dropFirst().lowercased())
            default: canonical.append(subtag.lowercased())
            }
        }
        self.rawValue = canonical.joined(separator: "-")
    }

    /// A language whose tag is written in code, such as `Language("sv")`.
    ///
    /// - Precondition: `tag` is a well-formed BCP 47 tag; use ``init(rawValue:)`` for input.
    public init(_ tag: String) {
        guard let language = Self(rawValue: tag) else {
            preconditionFailure("'\(tag)' is not a BCP 47 language tag, such as nb or en-GB.")
        }
        self = language
    }

    /// The primary language of a tag with a region or script (`nb` for `nb-NO`); `nil` when the
    /// tag is only a language.
    public var primaryLanguage: Language? {
        guard let dash = rawValue.firstIndex(of: "-") else { return nil }
        return Language(rawValue: String(rawValue[..<dash]))
    }

    /// The tag.
    public var description: String { rawValue }

    /// Orders by tag, so lists of languages and JSON keys come out the same on every run.
    public static func < (lhs: Language, rhs: Language) -> Bool { lhs.rawValue < rhs.rawValue }

    /// English (`en`), the language every text falls back to.
    public static let english = Language("en")
    /// Norwegian Bokmål (`nb`), the language Focus Nordic's customers read.
    public static let norwegianBokmal = Language("nb")
}

extension Language: Codable {
    /// Reads a tag, refusing one that is not well formed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let tag = try container.decode(String.self)
        guard let language = Language(rawValue: tag) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(tag)' is not a BCP 47 language tag, such as nb or en-GB.")
        }
        self = language
    }

    /// Writes the tag as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension Language: CodingKeyRepresentable {
    /// The tag, as the key of a JSON object such as a ``LocalizedText``.
    public var codingKey: any CodingKey { LanguageCodingKey(stringValue: rawValue) }

    /// Reads a tag from a JSON object's key; `nil` when it is not well formed.
    public init?<T: CodingKey>(codingKey: T) {
        self.init(rawValue: codingKey.stringValue)
    }
}

/// The key of a language in a JSON object keyed by language.
struct LanguageCodingKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The language reports are rendered in; now ``Language``, which is open to every BCP 47 tag.
@available(*, deprecated, renamed: "Language")
public typealias ReportLanguage = Language
