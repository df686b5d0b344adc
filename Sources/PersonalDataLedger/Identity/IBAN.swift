/// A validated International Bank Account Number (ISO 13616).
///
/// Spaces are removed and letters uppercased. The IBAN must have 15 to 34 letters and digits: a
/// two-letter country code, two check digits and the national account number; moving the first
/// four characters to the end and reading letters as 10–35 must give a number that is 1 modulo 97.
/// Norwegian (15), Swedish (24), Danish (18) and Finnish (18) IBANs must also have their country's
/// length, and a Norwegian IBAN's account number must pass its own modulus-11 check.
///
/// ``description`` is masked (`NO93 **** **** 947`); read the full IBAN with ``normalized``.
public struct IBAN: ValidatedIdentifier {
    /// The full IBAN in its electronic form: uppercase, without spaces.
    public let normalized: String

    /// Validates and normalises an IBAN.
    ///
    /// - Throws: ``IdentifierError`` naming the broken rule; it never contains `raw`.
    public init(_ raw: String) throws(IdentifierError) {
        let trimmed = IdentifierText.trimmed(raw)
        guard !trimmed.isEmpty else {
            throw IdentifierError(.iban, .empty, "enter an IBAN such as NO93 8601 1117 947.")
        }
        let bytes = Array(
            IdentifierText.uppercasedASCII(IdentifierText.removingWhitespace(trimmed)).utf8)
        guard bytes.allSatisfy({ IdentifierText.isASCIIDigit($0) || IdentifierText.isASCIILetter($0) })
        else {
            throw IdentifierError(
                .iban, .invalidCharacter,
                "an IBAN has letters and digits only, optionally grouped by spaces.")
        }
        guard (15...34).contains(bytes.count) else {
            throw IdentifierError(.iban, .wrongLength, "an IBAN has 15 to 34 letters and digits.")
        }
        guard IdentifierText.isASCIILetter(bytes[0]), IdentifierText.isASCIILetter(bytes[1]) else {
            throw IdentifierError(
                .iban, .invalidCountryCode, "an IBAN starts with a two-letter country code, such as NO.")
        }
        guard IdentifierText.isASCIIDigit(bytes[2]), IdentifierText.isASCIIDigit(bytes[3]) else {
            throw IdentifierError(
                .iban, .invalidFormat, "the third and fourth characters of an IBAN are check digits.")
        }
        let country = String(decoding: bytes[0..<2], as: UTF8.self)
        if let length = Self.nordicLengths[country], length != bytes.count {
            throw IdentifierError(
                .iban, .wrongLength,
                "Norwegian IBANs have 15 characters, Swedish 24, Danish and Finnish 18; check for missing or extra characters."
            )
        }
        guard Self.remainderModulo97(bytes[4...] + bytes[0..<4]) == 1 else {
            throw IdentifierError(
                .iban, .controlDigitMismatch,
                "the IBAN's check digits do not match the rest; check for a typing error.")
        }
        if country == "NO",
            IdentifierText.digits(String(decoding: bytes[4...], as: UTF8.self)).map(
                NorwegianBankAccount.hasValidCheckDigit) != true
        {
            throw IdentifierError(
                .iban, .controlDigitMismatch,
                "the Norwegian account number inside the IBAN fails its own check digit; check for a typing error."
            )
        }
        normalized = String(decoding: bytes, as: UTF8.self)
    }

    /// The two-letter country code, such as `NO`.
    public var countryCode: Substring { normalized.prefix(2) }

    /// The IBAN with only its country code, check digits and last three characters shown, in
    /// groups of four: `NO93 **** **** 947`.
    public var masked: String {
        let characters = Array(normalized)
        guard characters.count >= 8 else { return IdentifierText.fullMask }
        let shown = characters.enumerated().map { index, character in
            index < 4 || index >= characters.count - 3 ? character : "*"
        }
        return stride(from: 0, to: shown.count, by: 4)
            .map { String(shown[$0..<min($0 + 4, shown.count)]) }
            .joined(separator: " ")
    }

    private static let nordicLengths = ["NO": 15, "SE": 24, "DK": 18, "FI": 18]

    /// The remainder modulo 97 of the number written by `bytes`, letters counting as 10–35.
    private static func remainderModulo97(_ bytes: some Sequence<UInt8>) -> Int {
        var remainder = 0
        for byte in bytes {
            if IdentifierText.isASCIIDigit(byte) {
                remainder = (remainder * 10 + Int(byte - UInt8(ascii: "0"))) % 97
            } else {
                remainder = (remainder * 100 + Int(byte - UInt8(ascii: "A")) + 10) % 97
            }
        }
        return remainder
    }
}
