extension NationalIDNumber {
    private static let finnishCheckCharacters = Array("0123456789ABCDEFHJKLMNPRSTUVWXY".utf8)

    /// Parses a Finnish henkilötunnus `DDMMYYCZZZQ`, letters in either case.
    ///
    /// Century signs: `+` for the 1800s; `-`, `Y`, `X`, `W`, `V`, `U` for the 1900s; `A` to `F` for
    /// the 2000s (the letters other than `-` and `A` since 2023). Individual numbers 002–899 are
    /// ordinary, 900–999 temporary or test numbers.
    static func finnish(_ text: Substring) throws(IdentifierError) -> Self {
        let bytes = Array(
            IdentifierText.uppercasedASCII(IdentifierText.removingWhitespace(text)).utf8)
        guard bytes.count == 11 else {
            throw IdentifierError(
                .nationalIDNumber, .wrongLength,
                "a Finnish henkilötunnus has 11 characters: DDMMYY, a century sign, three digits and a check character."
            )
        }
        guard let date = IdentifierText.digits(String(decoding: bytes[0..<6], as: UTF8.self)),
            let individualDigits = IdentifierText.digits(String(decoding: bytes[7..<10], as: UTF8.self))
        else {
            throw IdentifierError(
                .nationalIDNumber, .invalidCharacter,
                "a Finnish henkilötunnus has digits in positions 1–6 and 8–10; check for letters there.")
        }
        let century: Int
        switch bytes[6] {
        case UInt8(ascii: "+"): century = 1800
        case UInt8(ascii: "-"), UInt8(ascii: "Y"), UInt8(ascii: "X"), UInt8(ascii: "W"),
            UInt8(ascii: "V"), UInt8(ascii: "U"):
            century = 1900
        case UInt8(ascii: "A")...UInt8(ascii: "F"): century = 2000
        default:
            throw IdentifierError(
                .nationalIDNumber, .unknownCenturySign,
                "the 7th character of a Finnish henkilötunnus is a century sign: + (1800s), - Y X W V U (1900s) or A B C D E F (2000s)."
            )
        }
        let individual = IdentifierText.number(individualDigits)
        guard individual >= 2 else {
            throw IdentifierError(
                .nationalIDNumber, .individualNumberOutOfRange,
                "the individual number of a Finnish henkilötunnus (positions 8–10) runs from 002 to 999.")
        }
        let year = century + IdentifierText.number(date[4..<6])
        guard
            let birthDate = BirthDate(
                year: year, month: IdentifierText.number(date[2..<4]),
                day: IdentifierText.number(date[0..<2]))
        else {
            throw IdentifierError(
                .nationalIDNumber, .invalidDate,
                "a Finnish henkilötunnus starts with the date of birth (DDMMYY); check it.")
        }
        let checkIndex = IdentifierText.number(date + individualDigits) % 31
        guard finnishCheckCharacters[checkIndex] == bytes[10] else {
            throw IdentifierError(
                .nationalIDNumber, .controlDigitMismatch,
                "the last character of the Finnish henkilötunnus (check character) does not match; check for a typing error."
            )
        }
        return Self(
            normalized: String(decoding: bytes, as: UTF8.self), region: .finland,
            kind: individual >= 900 ? .temporary : .birthNumber, birthDate: birthDate)
    }
}
