/// Small text routines shared by the identifier types; Foundation-free so they behave the same on
/// every platform.
enum IdentifierText {
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    static func trimmed(_ raw: String) -> Substring {
        let scalars = raw.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
            let last = scalars.lastIndex(where: { !isWhitespace($0) })
        else { return raw[raw.endIndex...] }
        return Substring(scalars[first...last])
    }

    static func removingWhitespace(_ text: some StringProtocol) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !isWhitespace($0) })
        return String(scalars)
    }

    /// The decimal values of `text`'s characters, or `nil` when any is not an ASCII digit.
    static func digits(_ text: some StringProtocol) -> [Int]? {
        var values: [Int] = []
        values.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            values.append(Int(byte - UInt8(ascii: "0")))
        }
        return values
    }

    static func isASCIIDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    static func uppercasedASCII(_ text: some StringProtocol) -> String {
        String(
            decoding: text.utf8.map { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") ? $0 - 32 : $0 },
            as: UTF8.self)
    }

    /// The number written by `digits`, which must be short enough not to overflow.
    static func number(_ digits: some Collection<Int>) -> Int {
        digits.reduce(0) { $0 * 10 + $1 }
    }

    /// The mask used where a value cannot be read: it reveals neither content nor length.
    static let fullMask = "***"
}
