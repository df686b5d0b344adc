/// A short text in several languages: a table of texts keyed by ``Language``.
///
/// Catalog labels, retention summaries and other vocabulary texts are `LocalizedText`s. Adding a
/// language adds an entry; it never changes a type or the JSON schema:
///
/// ```swift
/// let label: LocalizedText = [.english: "Delivery address", .norwegianBokmal: "Leveringsadresse"]
/// var extended = label
/// extended[Language("sv")] = "Leveransadress"
/// ```
///
/// ``text(in:)`` never fails. It returns the first text it finds, in this order: the requested
/// language's, its primary language's (`nb` for `nb-NO`), the English one, and then the one of the
/// language with the smallest tag. A language no one has translated into yet reads in English.
///
/// In JSON a `LocalizedText` is an object keyed by BCP 47 tag: `{"en": "Name", "nb": "Navn"}`.
/// The earlier shape `{"english": …, "norwegian": …}` still decodes.
public struct LocalizedText: Hashable, Sendable {
    /// The texts, by language.
    public var texts: [Language: String]

    /// Creates a text from its translations.
    public init(_ texts: [Language: String]) {
        self.texts = texts
    }

    /// Creates a text that reads the same in every language (a name, a code).
    ///
    /// It is stored as the English text, which every language falls back to.
    public init(_ text: String) {
        self.init([.english: text])
    }

    /// The text written for `language` itself, without falling back; `nil` when there is none.
    public subscript(language: Language) -> String? {
        get { texts[language] }
        set { texts[language] = newValue }
    }

    /// The text in `language`, or the first that exists of its primary language's (`nb` for
    /// `nb-NO`), the English one, and the one of the smallest tag; empty only when the table is.
    public func text(in language: Language) -> String {
        if let text = texts[language] { return text }
        if let primary = language.primaryLanguage, let text = texts[primary] { return text }
        if let text = texts[.english] { return text }
        return texts.min { $0.key < $1.key }?.value ?? ""
    }

    /// The languages the text is written in, by tag.
    public var languages: [Language] { texts.keys.sorted() }
}

extension LocalizedText: ExpressibleByDictionaryLiteral {
    /// Creates a text from a literal table, such as `[.english: "Name", .norwegianBokmal: "Navn"]`.
    public init(dictionaryLiteral elements: (Language, String)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
}

extension LocalizedText {
    /// Creates a text in English and Norwegian Bokmål.
    @available(*, deprecated, message: "Use a table: [.english: …, .norwegianBokmal: …].")
    public init(english: String, norwegian: String) {
        self.init([.english: english, .norwegianBokmal: norwegian])
    }

    /// The English text.
    @available(*, deprecated, message: "Use text(in: .english).")
    public var english: String { text(in: .english) }

    /// The Norwegian Bokmål text.
    @available(*, deprecated, message: "Use text(in: .norwegianBokmal).")
    public var norwegian: String { text(in: .norwegianBokmal) }
}
