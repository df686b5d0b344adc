extension NationalIDNumber {
    private static let firstControlWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    private static let secondControlWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]

    /// Parses a Norwegian fødselsnummer, D-number, H-number or Tenor synthetic number.
    ///
    /// The first control digit k1 is accepted when the weighted sum of the first ten digits
    /// (weights 3 7 6 1 8 9 4 5 2 1) leaves a remainder of 0 to 3 modulo 11: remainder 0 is the
    /// rule in force today, 1 to 3 are allowed for numbers issued from 2032 (as NAV's validator
    /// reads Skatteetaten's specification). The second control digit is checked as before, over the
    /// actual k1. A number passing only the 2032 rule carries no century, so has no birth date.
    static func norwegian(_ text: Substring) throws(IdentifierError) -> Self {
        var compact = Array(IdentifierText.removingWhitespace(text).utf8)
        if compact.count == 12, compact[6] == UInt8(ascii: "-") {
            compact.remove(at: 6)
        }
        guard let digits = IdentifierText.digits(String(decoding: compact, as: UTF8.self)) else {
            throw IdentifierError(
                .nationalIDNumber, .invalidCharacter,
                "a Norwegian number has 11 digits; remove letters and punctuation.")
        }
        guard digits.count == 11 else {
            throw IdentifierError(
                .nationalIDNumber, .wrongLength,
                "a Norwegian fødselsnummer or D-number has exactly 11 digits.")
        }

        var day = IdentifierText.number(digits[0..<2])
        var month = IdentifierText.number(digits[2..<4])
        let yearInCentury = IdentifierText.number(digits[4..<6])
        let individual = IdentifierText.number(digits[6..<9])
        var kind = Kind.birthNumber
        if day > 40 {
            day -= 40
            kind = .dNumber
        }
        if month > 80 {
            month -= 80
            kind = .synthetic
        } else if month > 40 {
            month -= 40
            if kind == .birthNumber { kind = .hNumber }
        }
        guard BirthDate.isValid(year: nil, month: month, day: day) else {
            throw IdentifierError(
                .nationalIDNumber, .invalidDate,
                "the first six digits of a Norwegian number are a date (DDMMYY; D-numbers add 4 to the first digit, H-numbers 4 and Tenor test numbers 8 to the third); check them."
            )
        }

        let firstSum = zip(digits, firstControlWeights).reduce(0) { $0 + $1.0 * $1.1 }
        let remainder = (firstSum + digits[9]) % 11
        guard remainder <= 3 else {
            throw IdentifierError(
                .nationalIDNumber, .controlDigitMismatch,
                "the first control digit (10th digit) of the Norwegian number does not match; check for a typing error."
            )
        }
        let secondSum = zip(digits, secondControlWeights).reduce(0) { $0 + $1.0 * $1.1 }
        let secondControl = (11 - secondSum % 11) % 11
        guard secondControl == digits[10] else {
            throw IdentifierError(
                .nationalIDNumber, .controlDigitMismatch,
                "the second control digit (11th digit) of the Norwegian number does not match; check for a typing error."
            )
        }

        let century = remainder == 0 ? Self.norwegianCentury(individual, yearInCentury) : nil
        return Self(
            normalized: String(decoding: digits.map { UInt8(ascii: "0") + UInt8($0) }, as: UTF8.self),
            region: .norway, kind: kind,
            birthDate: century.flatMap { BirthDate(year: $0 + yearInCentury, month: month, day: day) })
    }

    /// The century that numbers issued before 2032 encode in the individual number.
    private static func norwegianCentury(_ individual: Int, _ yearInCentury: Int) -> Int? {
        switch individual {
        case 0..<500: 1900
        case 500..<750 where yearInCentury >= 54: 1800
        case 500..<1000 where yearInCentury < 40: 2000
        case 900..<1000 where yearInCentury >= 40: 1900
        default: nil
        }
    }
}
