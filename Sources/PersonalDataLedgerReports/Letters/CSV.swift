import PersonalDataLedger

/// Comma-separated values as RFC 4180 writes them.
enum CSV {
    /// A field: quoted when it holds a comma, a double quote, a carriage return or a line feed,
    /// with double quotes doubled inside.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
        else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// A record: fields joined by commas, ended by CRLF.
    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}
