/// A validated telephone number in E.164 form, such as `+4791234567`.
///
/// Input may contain spaces, dashes, dots and parentheses, and may start with `+` or `00`. A
/// number without a country calling code gets the code of a default region; the Swedish and
/// Finnish trunk prefix `0` is dropped (`070-123 45 67` in Sweden becomes `+46701234567`), as is a
/// `(0)` written after a `+` code. The result has 8 to 15 digits. Norwegian and Danish numbers,
/// whose numbering plans are closed, must have 8 digits after the code (Norway also has 12-digit
/// machine numbers starting `58` or `59`). Other countries are checked for length only.
///
/// ``description`` is masked (`+47 *** ** *67`); read the full number with ``normalized``.
public struct PhoneNumber: ValidatedIdentifier {
    /// The full number in E.164 form: `+`, the country calling code, the national number.
    public let normalized: String

    /// Validates and normalises `raw`, reading a number without a country code as Norwegian.
    public init(_ raw: String) throws(IdentifierError) {
        try self.init(raw, defaultRegion: .norway)
    }

    /// Validates a phone number and normalises it to E.164.
    ///
    /// - Parameters:
    ///   - raw: The number as entered.
    ///   - defaultRegion: The country whose calling code is assumed when the number has none:
    ///     Norway, Sweden, Denmark or Finland.
    /// - Throws: ``IdentifierError`` naming the broken rule; it never contains `raw`.
    public init(_ raw: String, defaultRegion: Region) throws(IdentifierError) {
        let text = IdentifierText.trimmed(raw)
        guard !text.isEmpty else {
            throw IdentifierError(.phoneNumber, .empty, "enter a number such as +47 912 34 567.")
        }
        let isSeparator = { (scalar: Unicode.Scalar) in
            scalar.properties.isWhitespace || Self.separators.contains(scalar)
        }
        var isInternational = text.unicodeScalars.first(where: { !isSeparator($0) }) == "+"
        let compact = isInternational ? text.replacing("(0)", with: "") : text
        var digits: [UInt8] = []
        var isPlusAllowed = isInternational
        for scalar in compact.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                digits.append(UInt8(scalar.value))
            } else if scalar == "+" && isPlusAllowed {
                isPlusAllowed = false
            } else if !isSeparator(scalar) {
                throw IdentifierError(
                    .phoneNumber, .invalidCharacter,
                    "a number may hold digits, a leading + and the separators space, - . ( ) only.")
            }
        }
        guard !digits.isEmpty else {
            throw IdentifierError(.phoneNumber, .empty, "enter a number such as +47 912 34 567.")
        }
        if !isInternational, digits.starts(with: Array("00".utf8)) {
            isInternational = true
            digits.removeFirst(2)
        }

        let countryCode: [UInt8]
        var national: [UInt8]
        if isInternational {
            guard let first = digits.first, first != UInt8(ascii: "0") else {
                throw IdentifierError(
                    .phoneNumber, .invalidCountryCode,
                    "a country calling code cannot start with 0; write + or 00 followed by the code.")
            }
            let length = Self.callingCodeLength(of: digits)
            countryCode = Array(digits.prefix(length))
            national = Array(digits.dropFirst(length))
        } else {
            guard let code = Self.callingCodes[defaultRegion] else {
                throw IdentifierError(
                    .phoneNumber, .unsupportedCountry,
                    "no calling code is known for the default region; write the number with + and its country code."
                )
            }
            countryCode = Array(code.utf8)
            national = digits
        }
        if Self.trunkPrefixCountries.contains(countryCode), national.first == UInt8(ascii: "0") {
            national.removeFirst()
        }

        let total = countryCode.count + national.count
        guard (8...15).contains(total) else {
            throw IdentifierError(
                .phoneNumber, .wrongLength,
                "a full number with country code has 8 to 15 digits; check for missing or extra digits.")
        }
        if Self.closedPlanCountries.contains(countryCode) {
            let isMachineNumber =
                countryCode == Array("47".utf8) && national.count == 12
                && (national.starts(with: Array("58".utf8)) || national.starts(with: Array("59".utf8)))
            guard national.count == 8 || isMachineNumber else {
                throw IdentifierError(
                    .phoneNumber, .wrongLength,
                    "Norwegian and Danish numbers have 8 digits after the country code; check for missing or extra digits."
                )
            }
        }
        normalized = "+" + String(decoding: countryCode + national, as: UTF8.self)
    }

    /// The country calling code, such as `47`.
    public var countryCallingCode: Int {
        let digits = normalized.utf8.dropFirst()
        return Int(
            String(decoding: digits.prefix(Self.callingCodeLength(of: Array(digits))), as: UTF8.self))
            ?? 0
    }

    /// The number with all but its last two digits hidden: `+47 *** ** *67`.
    public var masked: String {
        let digits = Array(normalized.utf8.dropFirst())
        guard normalized.first == "+", digits.count >= 4,
            digits.allSatisfy(IdentifierText.isASCIIDigit)
        else { return IdentifierText.fullMask }
        let codeLength = Self.callingCodeLength(of: digits)
        let code = String(decoding: digits.prefix(codeLength), as: UTF8.self)
        let national = digits.dropFirst(codeLength)
        guard national.count >= 2 else { return IdentifierText.fullMask }
        let tail = String(decoding: national.suffix(2), as: UTF8.self)
        let hidden = national.count - 2
        if national.count == 8 {
            return "+\(code) *** ** *\(tail)"
        }
        return "+\(code) \(String(repeating: "*", count: hidden))\(tail)"
    }

    private static let separators = Set("-.()".unicodeScalars)

    private static let callingCodes: [Region: String] = [
        .norway: "47", .sweden: "46", .denmark: "45", .finland: "358",
    ]

    private static let trunkPrefixCountries: Set<[UInt8]> = [Array("46".utf8), Array("358".utf8)]

    private static let closedPlanCountries: Set<[UInt8]> = [Array("47".utf8), Array("45".utf8)]

    /// Two-digit calling codes (ITU-T E.164 assignments); `1` and `7` are the one-digit ones and
    /// every other code has three digits.
    private static let twoDigitCodes: Set<Int> = [
        20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55,
        56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
    ]

    /// How many of the leading `digits` (ASCII) form the country calling code.
    private static func callingCodeLength(of digits: [UInt8]) -> Int {
        guard let first = digits.first else { return 0 }
        if first == UInt8(ascii: "1") || first == UInt8(ascii: "7") { return 1 }
        guard digits.count >= 2 else { return digits.count }
        let twoDigits = Int(first - UInt8(ascii: "0")) * 10 + Int(digits[1] - UInt8(ascii: "0"))
        return twoDigitCodes.contains(twoDigits) ? 2 : min(3, digits.count)
    }
}
