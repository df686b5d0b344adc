/// A validated Norwegian bank account number: 11 digits with a modulus-11 check digit.
///
/// Input may group the digits with dots or spaces (`8601.11.17947`, `8601 11 17947`). The check
/// digit is 11 minus the weighted sum of the first ten digits (weights 5 4 3 2 7 6 5 4 3 2)
/// modulo 11; a remainder of 0 gives 0 and a remainder of 1 is never issued.
///
/// ``description`` is masked (`8601.**.***47`); read the full number with ``normalized``.
public struct NorwegianBankAccount: ValidatedIdentifier {
    /// The full account number as 11 digits.
    public let normalized: String

    /// Validates and normalises a Norwegian bank account number.
    ///
    /// - Throws: ``IdentifierError`` naming the broken rule; it never contains `raw`.
    public init(_ raw: String) throws(IdentifierError) {
        let trimmed = IdentifierText.trimmed(raw)
        guard !trimmed.isEmpty else {
            throw IdentifierError(.bankAccount, .empty, "enter an account number such as 1234.56.78903.")
        }
        let compact = IdentifierText.removingWhitespace(trimmed).filter { $0 != "." }
        guard let digits = IdentifierText.digits(compact) else {
            throw IdentifierError(
                .bankAccount, .invalidCharacter,
                "an account number has digits, optionally grouped with dots or spaces; remove other characters."
            )
        }
        guard digits.count == 11 else {
            throw IdentifierError(
                .bankAccount, .wrongLength, "a Norwegian account number has exactly 11 digits.")
        }
        guard Self.hasValidCheckDigit(digits) else {
            throw IdentifierError(
                .bankAccount, .controlDigitMismatch,
                "the last digit of the account number (check digit) does not match; check for a typing error."
            )
        }
        normalized = compact
    }

    /// The number with the bank's register number and the last two digits shown: `8601.**.***47`.
    public var masked: String {
        guard normalized.utf8.count == 11 else { return IdentifierText.fullMask }
        return "\(normalized.prefix(4)).**.***\(normalized.suffix(2))"
    }

    private static let weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]

    static func hasValidCheckDigit(_ digits: [Int]) -> Bool {
        guard digits.count == 11 else { return false }
        let remainder = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11
        guard remainder != 1 else { return false }
        return (11 - remainder) % 11 == digits[10]
    }
}
