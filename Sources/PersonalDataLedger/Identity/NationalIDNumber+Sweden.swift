extension NationalIDNumber {
    /// Parses a Swedish personnummer or samordningsnummer.
    ///
    /// A 10-digit number (`YYMMDD-NNNC`, `YYMMDD+NNNC` or `YYMMDDNNNC`) gets the latest century that
    /// puts the birth year within the 99 years up to `currentYear`; a `+` marks someone who turns
    /// 100 or more this year, so one century earlier. The result always carries the century.
    static func swedish(_ text: Substring, currentYear: Int) throws(IdentifierError) -> Self {
        var digitBytes = Array(IdentifierText.removingWhitespace(text).utf8)
        let separatorIndex = digitBytes.firstIndex {
            $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+")
        }
        let separator = separatorIndex.map { digitBytes.remove(at: $0) } ?? UInt8(ascii: "-")
        guard let digits = IdentifierText.digits(String(decoding: digitBytes, as: UTF8.self)) else {
            throw IdentifierError(
                .nationalIDNumber, .invalidCharacter,
                "a Swedish number has digits and one - or + only; remove letters and other punctuation.")
        }
        guard digits.count == 10 || digits.count == 12 else {
            throw IdentifierError(
                .nationalIDNumber, .wrongLength,
                "a Swedish personnummer has 10 digits (YYMMDD-NNNC) or 12 (YYYYMMDDNNNC).")
        }

        if let separatorIndex {
            guard separatorIndex == digits.count - 4,
                separator == UInt8(ascii: "-") || digits.count == 10
            else {
                throw IdentifierError(
                    .nationalIDNumber, .invalidFormat,
                    "a Swedish number is written YYMMDD-NNNC, YYMMDD+NNNC or YYYYMMDDNNNC.")
            }
        }
        let ten = Array(digits.suffix(10))
        let yearInCentury = IdentifierText.number(ten[0..<2])
        let month = IdentifierText.number(ten[2..<4])
        var day = IdentifierText.number(ten[4..<6])
        var kind = Kind.birthNumber
        if day > 60 {
            day -= 60
            kind = .coordinationNumber
        }
        let year: Int
        if digits.count == 12 {
            year = IdentifierText.number(digits[0..<4])
        } else {
            let latest = currentYear - (currentYear - yearInCentury) % 100
            year = separator == UInt8(ascii: "+") ? latest - 100 : latest
        }
        guard let birthDate = BirthDate(year: year, month: month, day: day) else {
            throw IdentifierError(
                .nationalIDNumber, .invalidDate,
                "a Swedish number starts with the date of birth (YYMMDD; samordningsnummer add 60 to the day); check it."
            )
        }

        let luhnSum = ten.prefix(9).enumerated().reduce(0) { sum, element in
            let product = element.element * (element.offset % 2 == 0 ? 2 : 1)
            return sum + product / 10 + product % 10
        }
        guard (10 - luhnSum % 10) % 10 == ten[9] else {
            throw IdentifierError(
                .nationalIDNumber, .controlDigitMismatch,
                "the last digit of the Swedish number (Luhn check digit) does not match; check for a typing error."
            )
        }

        let fullDigits = Self.fourDigits(year) + ten.dropFirst(2).map(String.init).joined()
        return Self(normalized: fullDigits, region: .sweden, kind: kind, birthDate: birthDate)
    }

    private static func fourDigits(_ year: Int) -> String {
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
