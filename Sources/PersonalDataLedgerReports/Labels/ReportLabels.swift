import PersonalDataLedger

/// The fixed texts of every report renderer — plain text, Markdown and HTML letters, the record
/// of processing and the breach assessment — in one table keyed by ``ReportLabel`` and
/// ``Language``.
///
/// Each language is one column, a `[ReportLabel: String]` in its own file
/// (`ReportLabels+English.swift`, `ReportLabels+NorwegianBokmal.swift`, `ReportLabels+Swedish.swift`,
/// `ReportLabels+Danish.swift`, `ReportLabels+Finnish.swift`), listed in ``columns``.
/// Adding a language is adding such a column and one entry in ``columns``.
///
/// A lookup never fails: a text missing from the requested language's column comes from its
/// primary language (`nb` for `nb-NO`), then from English — the same order as
/// ``LocalizedText/text(in:)`` — so a language with a partial column renders, partly in English.
struct ReportLabels: Sendable {
    /// The language texts are looked up in first.
    let language: Language
    /// The texts, by language: ``columns`` unless a test gives others.
    private let table: [Language: [ReportLabel: String]]

    init(_ language: Language, columns: [Language: [ReportLabel: String]] = Self.columns) {
        self.language = language
        self.table = columns
    }

    /// Every column, by language.
    static let columns: [Language: [ReportLabel: String]] = [
        .english: english,
        .norwegianBokmal: norwegianBokmal,
        .swedish: swedish,
        .danish: danish,
        .finnish: finnish,
    ]

    /// The languages the reports are written in, English first.
    static var languages: [Language] {
        columns.keys.sorted { lhs, rhs in lhs == .english || (rhs != .english && lhs < rhs) }
    }

    /// The text of `key`, falling back to the primary language and then English.
    subscript(key: ReportLabel) -> String {
        if let text = table[language]?[key] { return text }
        if let primary = language.primaryLanguage, let text = table[primary]?[key] { return text }
        // Every key has an English text (ReportLabelsTests checks it); the key's name is the last resort.
        return table[.english]?[key] ?? Self.english[key] ?? key.rawValue
    }

    /// The text of `key` with `{1}`, `{2}`… replaced by `values`, in one pass, so a value that
    /// contains braces is never read as a placeholder.
    func callAsFunction(_ key: ReportLabel, _ values: String...) -> String {
        Self.fill(self[key], with: values)
    }

    /// `key` in every language of ``columns``, as a ``LocalizedText`` for a value that carries
    /// its own translations (such as ``RecordOfProcessing/securityMeasures``).
    static func localizedText(_ key: ReportLabel, _ values: String...) -> LocalizedText {
        LocalizedText(
            Dictionary(uniqueKeysWithValues: columns.keys.map { ($0, fill(ReportLabels($0)[key], with: values)) }))
    }

    static func fill(_ template: String, with values: [String]) -> String {
        guard !values.isEmpty else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let number = Int(rest[afterOpen..<close]),
                values.indices.contains(number - 1)
            {
                result += values[number - 1]
                rest = rest[rest.index(after: close)...]
            } else {
                result.append("{")
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }
}
