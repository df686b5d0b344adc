/// A JSON text (RFC 8259) read into values that remember where they stand, so a refusal can name
/// the line and column of the key or value at fault. `JSONDecoder` knows no positions.
///
/// The text must be valid UTF-8 (a leading byte order mark is skipped); an object may not name a
/// key twice; nesting stops at ``maximumDepth``. Columns count Unicode scalars from 1.
struct PositionedJSON {
    /// Where a key or value starts.
    struct Position: Hashable, Sendable {
        var line: Int
        var column: Int
    }

    /// One key of an object, with its value.
    struct Member {
        var key: String
        var keyPosition: Position
        var value: PositionedJSON
    }

    /// A JSON value.
    enum Value {
        case object([Member])
        case array([PositionedJSON])
        case string(String)
        /// The number's text as written, such as `1` or `2.5e3`.
        case number(String)
        case bool(Bool)
        case null
    }

    /// How deep arrays and objects may nest.
    static let maximumDepth = 64

    var value: Value
    var position: Position

    /// The value's JSON type in words, for messages: `an object`, `a string`.
    var typeName: String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a Boolean"
        case .null: "null"
        }
    }

    /// Reads `bytes` as one JSON value.
    ///
    /// - Throws: ``CatalogError`` with rule ``CatalogError/Rule/invalidUTF8``,
    ///   ``CatalogError/Rule/syntax`` or ``CatalogError/Rule/duplicateKey``, placed at the byte or
    ///   key at fault.
    static func parse(_ bytes: [UInt8]) throws(CatalogError) -> PositionedJSON {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        try validateUTF8(bytes, from: start)
        var parser = Parser(bytes: bytes, index: start)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else {
            throw parser.syntax("there is more after the JSON value; a file holds one object, with nothing after it")
        }
        return value
    }

    /// Refuses bytes that are not UTF-8 (Unicode 15, table 3-7), at the first bad byte.
    private static func validateUTF8(_ bytes: [UInt8], from start: Int) throws(CatalogError) {
        var index = start
        var line = 1
        var scalarsBefore = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: (length, secondRange) = (3, 0x80...0x9F)
            case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
            case 0xF1...0xF3: length = 4
            case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
            default: length = 0
            }
            var valid = length > 0 && index + length <= bytes.count
            if valid && length > 1 {
                valid = secondRange.contains(bytes[index + 1])
                for offset in 2..<max(2, length) where valid {
                    valid = (0x80...0xBF).contains(bytes[index + offset])
                }
            }
            guard valid else {
                throw CatalogError(
                    .invalidUTF8, at: "", line: line, column: scalarsBefore + 1,
                    "The text is not valid UTF-8 (byte \(index + 1) of the file starts no valid sequence, or one that is cut short, overlong or an encoded surrogate). Save the file as UTF-8 and check it again."
                )
            }
            if lead == 0x0A {
                line += 1
                scalarsBefore = 0
            } else {
                scalarsBefore += 1
            }
            index += length
        }
    }

    /// A recursive-descent reader over valid UTF-8 bytes.
    private struct Parser {
        let bytes: [UInt8]
        var index: Int
        var line = 1
        var lineStart: Int

        init(bytes: [UInt8], index: Int) {
            self.bytes = bytes
            self.index = index
            self.lineStart = index
        }

        /// Where the byte at `index` stands: columns count the bytes that start a scalar.
        var position: Position {
            var column = 1
            for byte in bytes[lineStart..<min(index, bytes.count)] where byte & 0xC0 != 0x80 { column += 1 }
            return Position(line: line, column: column)
        }

        func syntax(_ problem: String) -> CatalogError {
            let at = position
            return CatalogError(
                .syntax, at: "", line: at.line, column: at.column,
                "The text is not JSON: \(problem). Correct it at this line and column.")
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A:
                    index += 1
                    line += 1
                    lineStart = index
                default: return
                }
            }
        }

        /// The byte at `index`, as text for a message.
        var found: String {
            guard index < bytes.count else { return "the end of the file" }
            let byte = bytes[index]
            if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return byte >= 0x80 ? "a character outside ASCII" : "a control character"
        }

        mutating func value(depth: Int) throws(CatalogError) -> PositionedJSON {
            let at = position
            guard depth < PositionedJSON.maximumDepth else {
                throw syntax("arrays and objects nest deeper than \(PositionedJSON.maximumDepth) levels")
            }
            guard index < bytes.count else { throw syntax("a value was expected, but the file ends") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return PositionedJSON(value: try object(depth: depth), position: at)
            case UInt8(ascii: "["): return PositionedJSON(value: try array(depth: depth), position: at)
            case UInt8(ascii: "\""): return PositionedJSON(value: .string(try string()), position: at)
            case UInt8(ascii: "t"):
                try literal("true")
                return PositionedJSON(value: .bool(true), position: at)
            case UInt8(ascii: "f"):
                try literal("false")
                return PositionedJSON(value: .bool(false), position: at)
            case UInt8(ascii: "n"):
                try literal("null")
                return PositionedJSON(value: .null, position: at)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return PositionedJSON(value: .number(try number()), position: at)
            default:
                throw syntax(
                    "a value (an object, array, string, number, true, false or null) was expected, not \(found)")
            }
        }

        mutating func literal(_ word: String) throws(CatalogError) {
            let expected = Array(word.utf8)
            guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected
            else { throw syntax("\(found) starts no JSON value; write true, false or null in lower case") }
            index += expected.count
        }

        mutating func object(depth: Int) throws(CatalogError) -> Value {
            index += 1
            var members: [Member] = []
            var seen: Set<String> = []
            skipWhitespace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object([])
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw syntax("a key in double quotes was expected, not \(found) (a trailing comma is not JSON)")
                }
                let keyPosition = position
                let key = try string()
                guard seen.insert(key).inserted else {
                    throw CatalogError(
                        .duplicateKey, at: "", line: keyPosition.line, column: keyPosition.column,
                        "The key '\(key)' appears twice in the same object; keep one of them.")
                }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    throw syntax("':' was expected after the key '\(key)', not \(found)")
                }
                index += 1
                skipWhitespace()
                members.append(Member(key: key, keyPosition: keyPosition, value: try value(depth: depth + 1)))
                skipWhitespace()
                guard index < bytes.count else { throw syntax("the object is not closed with '}'") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == UInt8(ascii: "}") else {
                    throw syntax("',' or '}' was expected after the value of '\(key)', not \(found)")
                }
                index += 1
                return .object(members)
            }
        }

        mutating func array(depth: Int) throws(CatalogError) -> Value {
            index += 1
            var elements: [PositionedJSON] = []
            skipWhitespace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array([])
            }
            while true {
                skipWhitespace()
                elements.append(try value(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw syntax("the array is not closed with ']'") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace()
                    if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
                        throw syntax("a value was expected after ',' (a trailing comma is not JSON)")
                    }
                    continue
                }
                guard bytes[index] == UInt8(ascii: "]") else {
                    throw syntax("',' or ']' was expected between the array's values, not \(found)")
                }
                index += 1
                return .array(elements)
            }
        }

        mutating func string() throws(CatalogError) -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var runStart = index
            func flush(_ end: Int) {
                scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars)
            }
            while true {
                guard index < bytes.count else { throw syntax("the string is not closed with '\"'") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    flush(index)
                    index += 1
                    return String(scalars)
                }
                if byte < 0x20 {
                    throw syntax(
                        byte == 0x0A
                            ? "the string is not closed on its line; write a line break inside a string as \\n"
                            : "a control character inside a string must be written as an escape such as \\t")
                }
                guard byte == UInt8(ascii: "\\") else {
                    index += 1
                    continue
                }
                flush(index)
                index += 1
                guard index < bytes.count else { throw syntax("the string ends inside an escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u")
                        else { throw syntax("\\u\(hex(code)) is half of a surrogate pair; the other half is missing") }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw syntax("\\u\(hex(code)) must be followed by a low surrogate \\uDC00 to \\uDFFF")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw syntax("\\u\(hex(code)) is a lone low surrogate, which is no character")
                    }
                    scalars.append(Unicode.Scalar(code)!)
                default:
                    index -= 1
                    throw syntax(
                        "\\\(found.trimmingQuotes) is not a JSON escape; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"
                    )
                }
                runStart = index
            }
        }

        func hex(_ code: UInt32) -> String {
            let digits = String(code, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }

        mutating func hex4() throws(CatalogError) -> UInt32 {
            guard bytes.count - index >= 4 else { throw syntax("\\u must be followed by four hexadecimal digits") }
            var code: UInt32 = 0
            for byte in bytes[index..<index + 4] {
                guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else {
                    throw syntax("\\u must be followed by four hexadecimal digits")
                }
                code = code * 16 + UInt32(digit)
            }
            index += 4
            return code
        }

        mutating func number() throws(CatalogError) -> String {
            let start = index
            func digits() -> Int {
                let first = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                return index - first
            }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count else { throw syntax("a number was cut short") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    throw syntax("a number may not start with 0 followed by digits")
                }
            } else if digits() == 0 {
                throw syntax("a digit was expected in the number")
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw syntax("a digit was expected after the decimal point") }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard digits() > 0 else { throw syntax("a digit was expected in the exponent") }
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }
}

extension String {
    /// The text without the single quotes `found` puts around a character.
    fileprivate var trimmingQuotes: String {
        hasPrefix("'") && hasSuffix("'") && count > 2 ? String(dropFirst().dropLast()) : self
    }
}
