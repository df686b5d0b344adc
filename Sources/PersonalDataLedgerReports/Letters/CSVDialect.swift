/// How the reports write CSV: RFC 4180 records (fields quoted when they need it, CRLF line ends),
/// with a delimiter and, by default, a UTF-8 byte order mark.
///
/// Spreadsheets open a file without the mark as their local code page, so `Ø` and `å` come out
/// garbled; and Nordic spreadsheets, whose decimal separator is a comma, expect `;` between
/// fields. ``nordic`` is both.
public struct CSVDialect: Hashable, Sendable {
    /// The character between fields: `,` or `;` (a tab works too).
    public var delimiter: Character
    /// Whether the text begins with U+FEFF, the UTF-8 byte order mark.
    public var startsWithByteOrderMark: Bool

    /// Creates a dialect.
    public init(delimiter: Character = ",", startsWithByteOrderMark: Bool = true) {
        self.delimiter = delimiter
        self.startsWithByteOrderMark = startsWithByteOrderMark
    }

    /// Commas and a byte order mark: RFC 4180 as spreadsheets read UTF-8.
    public static let standard = CSVDialect()

    /// Semicolons and a byte order mark, for spreadsheets set to Norwegian, Swedish, Danish or Finnish.
    public static let nordic = CSVDialect(delimiter: ";")

    /// What the text begins with: the byte order mark, or nothing.
    var preamble: String { startsWithByteOrderMark ? "\u{FEFF}" : "" }

    /// A field: quoted when it holds the delimiter, a double quote, a carriage return or a line
    /// feed, with double quotes doubled inside.
    func field(_ text: String) -> String {
        guard text.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
        else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// A record: fields joined by the delimiter, ended by CRLF.
    func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: String(delimiter)) + "\r\n"
    }
}
