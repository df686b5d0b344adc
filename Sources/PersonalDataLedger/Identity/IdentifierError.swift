/// An identifier was refused; the message names the broken rule and what to do.
///
/// The error never contains the value that was refused, nor any part of it: messages are built
/// only from fixed text (the advice is a `StaticString`), so an error can be logged, shown to an
/// operator or returned to a client without leaking a personal value.
/// Match on ``kind`` and ``rule``; new kinds and rules may be added without breaking callers.
public struct IdentifierError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which kind of identifier was refused.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Internal: String, Hashable, Sendable {
            case text = "Text"
            case email = "Email address"
            case phoneNumber = "Phone number"
            case nationalIDNumber = "National identity number"
            case bankAccount = "Norwegian bank account number"
            case iban = "IBAN"
            case ipAddress = "IP address"
        }

        private let value: Internal

        /// Free text, such as a name or an address.
        public static var text: Self { .init(value: .text) }
        /// An ``EmailAddress``.
        public static var email: Self { .init(value: .email) }
        /// A ``PhoneNumber``.
        public static var phoneNumber: Self { .init(value: .phoneNumber) }
        /// A ``NationalIDNumber``.
        public static var nationalIDNumber: Self { .init(value: .nationalIDNumber) }
        /// A ``NorwegianBankAccount``.
        public static var bankAccount: Self { .init(value: .bankAccount) }
        /// An ``IBAN``.
        public static var iban: Self { .init(value: .iban) }
        /// An ``IPAddress``.
        public static var ipAddress: Self { .init(value: .ipAddress) }

        /// The identifier's name, such as `Email address`.
        public var description: String { value.rawValue }
    }

    /// Which rule the value broke.
    public struct Rule: Hashable, Sendable, CustomStringConvertible {
        private enum Internal: String, Hashable, Sendable {
            case empty = "empty"
            case tooLong = "too long"
            case wrongLength = "wrong length"
            case invalidCharacter = "invalid character"
            case invalidFormat = "invalid format"
            case missingAt = "missing @"
            case multipleAt = "more than one @"
            case invalidLocalPart = "invalid local part"
            case invalidDomain = "invalid domain"
            case invalidCountryCode = "invalid country code"
            case unsupportedCountry = "unsupported country"
            case countryNotDetected = "country not detected"
            case controlDigitMismatch = "control digit does not match"
            case invalidDate = "invalid date"
            case unknownCenturySign = "unknown century sign"
            case individualNumberOutOfRange = "individual number out of range"
            case outOfRange = "value out of range"
        }

        private let value: Internal

        /// Nothing was left after trimming white space.
        public static var empty: Self { .init(value: .empty) }
        /// The value is longer than the identifier allows.
        public static var tooLong: Self { .init(value: .tooLong) }
        /// The value has the wrong number of digits or characters.
        public static var wrongLength: Self { .init(value: .wrongLength) }
        /// The value contains a character the identifier does not allow.
        public static var invalidCharacter: Self { .init(value: .invalidCharacter) }
        /// The parts of the value are not arranged as the identifier requires.
        public static var invalidFormat: Self { .init(value: .invalidFormat) }
        /// An email address has no `@`.
        public static var missingAt: Self { .init(value: .missingAt) }
        /// An email address has more than one `@`.
        public static var multipleAt: Self { .init(value: .multipleAt) }
        /// The part of an email address before the `@` is malformed.
        public static var invalidLocalPart: Self { .init(value: .invalidLocalPart) }
        /// The part of an email address after the `@` is not a valid domain name.
        public static var invalidDomain: Self { .init(value: .invalidDomain) }
        /// A phone number's calling code or an IBAN's country code is malformed or unexpected.
        public static var invalidCountryCode: Self { .init(value: .invalidCountryCode) }
        /// The identifier is not supported for the given country.
        public static var unsupportedCountry: Self { .init(value: .unsupportedCountry) }
        /// No Nordic country's rules accept the number, so its country could not be told.
        public static var countryNotDetected: Self { .init(value: .countryNotDetected) }
        /// A control digit or check character does not match the rest of the value.
        public static var controlDigitMismatch: Self { .init(value: .controlDigitMismatch) }
        /// The date encoded in the value does not exist.
        public static var invalidDate: Self { .init(value: .invalidDate) }
        /// A Finnish identity number has an unknown century sign.
        public static var unknownCenturySign: Self { .init(value: .unknownCenturySign) }
        /// The individual number part of an identity number is outside the issued range.
        public static var individualNumberOutOfRange: Self {
            .init(value: .individualNumberOutOfRange)
        }
        /// A numeric part is outside its range, such as an IPv4 octet above 255.
        public static var outOfRange: Self { .init(value: .outOfRange) }

        /// The rule in words, such as `control digit does not match`.
        public var description: String { value.rawValue }
    }

    /// Which kind of identifier was refused.
    public let kind: Kind
    /// Which rule the value broke.
    public let rule: Rule
    /// What rule was broken and what to do about it; never contains the refused value.
    public let message: String

    /// Creates an error whose message is built from fixed text only.
    init(_ kind: Kind, _ rule: Rule, _ advice: StaticString) {
        self.kind = kind
        self.rule = rule
        self.message = "\(kind) rejected (\(rule)): \(advice)"
    }

    public var description: String { message }
}
