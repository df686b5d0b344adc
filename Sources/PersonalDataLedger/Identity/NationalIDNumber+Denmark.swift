extension NationalIDNumber {
    /// Parses a Danish CPR number: `DDMMYY-SSSS` or 10 digits.
    ///
    /// Only the date is validated, with the century from the 7th digit and the year (CPR office
    /// table). The modulus-11 check is deliberately not applied: numbers without it have been issued
    /// since 1 October 2007 and systems must accept them.
    static func danish(_ text: Substring) throws(IdentifierError) -> Self {
        var compact = Array(IdentifierText.removingWhitespace(text).utf8)
        if compact.count == 11, compact[6] == UInt8(ascii: "-") {
            compact.remove(at: 6)
        }
        guard let digits = IdentifierText.digits(String(decoding: compact, as: UTF8.self)) else {
            throw IdentifierError(
                .nationalIDNumber, .invalidCharacter,
                "a Danish CPR number has 10 digits, optionally with a - after the sixth; remove other characters."
            )
        }
        guard digits.count == 10 else {
            throw IdentifierError(
                .nationalIDNumber, .wrongLength, "a Danish CPR number has exactly 10 digits (DDMMYY-SSSS).")
        }
        let day = IdentifierText.number(digits[0..<2])
        let month = IdentifierText.number(digits[2..<4])
        let yearInCentury = IdentifierText.number(digits[4..<6])
        let century: Int
        switch digits[6] {
        case 0...3: century = 1900
        case 4, 9: century = yearInCentury <= 36 ? 2000 : 1900
        default: century = yearInCentury <= 57 ? 2000 : 1800
        }
        guard let birthDate = BirthDate(year: century + yearInCentury, month: month, day: day) else {
            throw IdentifierError(
                .nationalIDNumber, .invalidDate,
                "a Danish CPR number starts with the date of birth (DDMMYY); check it.")
        }
        return Self(
            normalized: String(decoding: compact, as: UTF8.self), region: .denmark, kind: .birthNumber,
            birthDate: birthDate)
    }
}
