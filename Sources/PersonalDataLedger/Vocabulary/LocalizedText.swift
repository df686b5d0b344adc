/// A short text in the languages the ledger's reports are written in.
///
/// English is required; Norwegian Bokmål is what Focus Nordic's customers read. Other languages
/// fall back to English.
public struct LocalizedText: Hashable, Sendable, Codable {
    /// The English text.
    public var english: String
    /// The Norwegian Bokmål text.
    public var norwegian: String

    /// Creates a text in English and Norwegian Bokmål.
    public init(english: String, norwegian: String) {
        self.english = english
        self.norwegian = norwegian
    }

    /// Creates a text that reads the same in every language (a name, a code).
    public init(_ text: String) {
        self.init(english: text, norwegian: text)
    }

    /// The text in `language`, falling back to English.
    public func text(in language: ReportLanguage) -> String {
        switch language {
        case .english: english
        case .norwegianBokmal: norwegian
        }
    }
}

/// A language reports can be rendered in.
public enum ReportLanguage: String, Sendable, Codable, CaseIterable {
    /// English.
    case english = "en"
    /// Norwegian Bokmål.
    case norwegianBokmal = "nb"
}
