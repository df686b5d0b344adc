import PersonalDataLedger

/// Escaping for the markup languages reports are rendered in.
///
/// Every text that comes from the ledger — values, identifiers, vocabulary names, labels —
/// passes through here before it is written into HTML or Markdown, so a name such as
/// `<script>` renders as text and never as markup.
enum MarkupEscaping {
    /// Escapes text for HTML element content and for attribute values in double quotes.
    static func html(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default:
                // Control characters other than tab and newline have no business in a letter.
                if character.value < 0x20 && character != "\t" && character != "\n" {
                    escaped += " "
                } else {
                    escaped.unicodeScalars.append(character)
                }
            }
        }
        return escaped
    }

    /// Escapes text for a Markdown paragraph or table cell: Markdown's punctuation is
    /// backslash-escaped, HTML is neutralised as entities (Markdown renderers pass raw HTML
    /// through), and line breaks become spaces so a value cannot break a table row.
    static func markdown(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "~":
                escaped += "\\"
                escaped.unicodeScalars.append(character)
            case "\n", "\r", "\t": escaped += " "
            default:
                if character.value < 0x20 {
                    escaped += " "
                } else {
                    escaped.unicodeScalars.append(character)
                }
            }
        }
        return escaped
    }
}
