extension LocalizedText: Codable {
    /// The keys of the shape before texts were keyed by language tag.
    private static let formerKeys: [String: Language] = ["english": .english, "norwegian": .norwegianBokmal]

    /// Reads `{"en": …, "nb": …}`, or the former `{"english": …, "norwegian": …}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: LanguageCodingKey.self)
        var texts: [Language: String] = [:]
        for key in container.allKeys {
            guard let language = Self.formerKeys[key.stringValue] ?? Language(rawValue: key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "'\(key.stringValue)' is not a BCP 47 language tag, such as nb or en.")
            }
            texts[language] = try container.decode(String.self, forKey: key)
        }
        self.init(texts)
    }

    /// Writes an object keyed by language tag: `{"en": …, "nb": …}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: LanguageCodingKey.self)
        for (language, text) in texts.sorted(by: { $0.key < $1.key }) {
            try container.encode(text, forKey: LanguageCodingKey(stringValue: language.rawValue))
        }
    }
}
