/// A validated Nordic national identity number: Norwegian fødselsnummer, D-number or H-number,
/// Swedish personnummer or samordningsnummer, Danish CPR number, or Finnish henkilötunnus.
///
/// Each country's number is checked by its own rules (see the initialisers) and normalised to a
/// form whose shape tells the country apart, so a stored number decodes without its country:
///
/// | Country | Normalised form | Example | Masked |
/// |---|---|---|---|
/// | Norway | 11 digits `DDMMYYIIIKK` | `16822548834` | `168225*****` |
/// | Sweden | 12 digits `YYYYMMDDNNNC` | `197010632391` | `19701063****` |
/// | Denmark | 10 digits `DDMMYYSSSS` | `0101901235` | `010190****` |
/// | Finland | 11 characters `DDMMYYCZZZQ`, with a century sign | `010594Y9032` | `010594*****` |
///
/// Norwegian law (personopplysningsloven § 12) requires the number to be hidden wherever others
/// can see it, so ``description`` is masked: the date part stays, the rest is starred. Read the
/// full number deliberately with ``normalized``.
///
/// Prefer ``init(_:region:)``: the shapes overlap (a Danish `DDMMYY-SSSS` can pass the Swedish
/// Luhn check one time in ten), and ``init(_:)`` can only guess.
public struct NationalIDNumber: ValidatedIdentifier {
    /// What kind of number this is within its country's system.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Internal: String, Hashable, Sendable {
            case birthNumber, dNumber, hNumber, synthetic, coordinationNumber, temporary
        }

        private let value: Internal

        /// An ordinary number: a Norwegian fødselsnummer, Swedish personnummer, Danish CPR number or
        /// Finnish henkilötunnus with an individual number in the normal range.
        public static var birthNumber: Self { .init(value: .birthNumber) }
        /// A Norwegian D-number, for people without a fødselsnummer (first digit + 4).
        public static var dNumber: Self { .init(value: .dNumber) }
        /// A Norwegian H-number, an auxiliary number in the health sector (month + 40).
        public static var hNumber: Self { .init(value: .hNumber) }
        /// A Norwegian synthetic test number from Skatteetaten's Tenor (month + 80). Never a person.
        public static var synthetic: Self { .init(value: .synthetic) }
        /// A Swedish samordningsnummer (day + 60).
        public static var coordinationNumber: Self { .init(value: .coordinationNumber) }
        /// A Finnish temporary or test number (individual number 900–999).
        public static var temporary: Self { .init(value: .temporary) }

        public var description: String { value.rawValue }
    }

    /// The full number in its country's normalised form (see the table above).
    public let normalized: String
    /// The country that issued the number.
    public let region: Region
    /// What kind of number this is.
    public let kind: Kind
    /// The date of birth the number encodes, when its century can be told.
    ///
    /// `nil` for Norwegian numbers that pass only the control-digit rule introduced for numbers
    /// issued from 2032, which encode no century, and for Norwegian numbers whose individual
    /// number falls outside the ranges that encode one.
    public let birthDate: BirthDate?

    init(normalized: String, region: Region, kind: Kind, birthDate: BirthDate?) {
        self.normalized = normalized
        self.region = region
        self.kind = kind
        self.birthDate = birthDate
    }

    /// Validates and normalises a national identity number of the given country.
    ///
    /// - Norway: 11 digits (spaces allowed, and a `-` after the date). Both control digits are
    ///   checked; the first is accepted under the rule in force today and the rule for numbers
    ///   issued from 2032, side by side. D-numbers (day + 40), H-numbers (month + 40) and Tenor
    ///   synthetic numbers (month + 80) are accepted.
    /// - Sweden: `YYMMDD-NNNC`, `YYMMDD+NNNC` (100 years or older), 10 digits, or 12 digits
    ///   `YYYYMMDDNNNC` (with an optional `-`). The Luhn check digit and the date are checked;
    ///   samordningsnummer (day + 60) are accepted. A 10-digit number gets its century from the
    ///   current year and the separator.
    /// - Denmark: `DDMMYY-SSSS` or 10 digits. The date is checked with the century from the 7th
    ///   digit; the modulus-11 check is not, since numbers without it are issued since 2007.
    /// - Finland: `DDMMYYCZZZQ` with a century sign (`+`; `-` `Y` `X` `W` `V` `U`; `A` to `F`),
    ///   an individual number 002–999 and the modulus-31 check character.
    ///
    /// - Throws: ``IdentifierError`` naming the broken rule; it never contains `raw`.
    public init(_ raw: String, region: Region) throws(IdentifierError) {
        try self.init(raw, region: region, currentYear: BirthDate.currentYear())
    }

    init(_ raw: String, region: Region, currentYear: Int) throws(IdentifierError) {
        let trimmed = IdentifierText.trimmed(raw)
        guard !trimmed.isEmpty else {
            throw IdentifierError(
                .nationalIDNumber, .empty, "enter the number, such as 11 digits for a Norwegian one.")
        }
        switch region {
        case .norway: self = try Self.norwegian(trimmed)
        case .sweden: self = try Self.swedish(trimmed, currentYear: currentYear)
        case .denmark: self = try Self.danish(trimmed)
        case .finland: self = try Self.finnish(trimmed)
        default:
            throw IdentifierError(
                .nationalIDNumber, .unsupportedCountry,
                "only Norwegian, Swedish, Danish and Finnish numbers are supported.")
        }
    }

    /// Validates a national identity number, guessing its country from its shape.
    ///
    /// 11 digits are Norwegian; 12 digits Swedish; `DDMMYY` followed by a Finnish century letter
    /// Finnish. The shapes `YYMMDD-NNNN` and 10 digits are shared: the number is Swedish when the
    /// Luhn check and the date hold, else Finnish when the modulus-31 check holds (with a `-` or `+`
    /// sign), else Danish when the date holds. So a Danish number that happens to pass the Swedish
    /// check is taken for Swedish: pass the country with ``init(_:region:)`` whenever it is known.
    ///
    /// - Throws: ``IdentifierError``; with rule ``IdentifierError/Rule/countryNotDetected`` when
    ///   no country's rules accept a number whose shape several countries share.
    public init(_ raw: String) throws(IdentifierError) {
        try self.init(raw, currentYear: BirthDate.currentYear())
    }

    init(_ raw: String, currentYear: Int) throws(IdentifierError) {
        let trimmed = IdentifierText.trimmed(raw)
        guard !trimmed.isEmpty else {
            throw IdentifierError(
                .nationalIDNumber, .empty, "enter the number, such as 11 digits for a Norwegian one.")
        }
        let compact = Array(IdentifierText.removingWhitespace(trimmed).utf8)
        let allDigits = compact.allSatisfy(IdentifierText.isASCIIDigit)
        if allDigits && compact.count == 11 {
            self = try Self.norwegian(trimmed)
            return
        }
        let isTwelveDigitSwedish =
            (allDigits && compact.count == 12)
            || (compact.count == 13 && compact[8] == UInt8(ascii: "-")
                && compact.enumerated().allSatisfy {
                    $0.offset == 8 || IdentifierText.isASCIIDigit($0.element)
                })
        if isTwelveDigitSwedish {
            self = try Self.swedish(trimmed, currentYear: currentYear)
            return
        }
        let datePart = compact.prefix(6).allSatisfy(IdentifierText.isASCIIDigit)
        if compact.count == 11, datePart, IdentifierText.isASCIILetter(compact[6]) {
            self = try Self.finnish(trimmed)
            return
        }
        let isSharedShape =
            (allDigits && compact.count == 10)
            || (compact.count == 11 && datePart
                && (compact[6] == UInt8(ascii: "-") || compact[6] == UInt8(ascii: "+")))
        guard isSharedShape else {
            throw IdentifierError(
                .nationalIDNumber, .invalidFormat,
                "no Nordic number has this shape; pass the country explicitly to learn which rule applies."
            )
        }
        if let swedish = try? Self.swedish(trimmed, currentYear: currentYear) {
            self = swedish
        } else if compact.count == 11, let finnish = try? Self.finnish(trimmed) {
            self = finnish
        } else if let danish = try? Self.danish(trimmed) {
            self = danish
        } else {
            throw IdentifierError(
                .nationalIDNumber, .countryNotDetected,
                "no Swedish, Finnish or Danish rule accepts the number; pass the country explicitly to learn which rule it breaks."
            )
        }
    }

    /// Reads a number in the normalised form of any supported country, telling the country by shape.
    init(normalizedForm text: String) throws(IdentifierError) {
        let bytes = Array(text.utf8)
        let allDigits = bytes.allSatisfy(IdentifierText.isASCIIDigit)
        switch bytes.count {
        case 11 where allDigits: self = try Self.norwegian(text[...])
        case 12 where allDigits:
            self = try Self.swedish(text[...], currentYear: BirthDate.currentYear())
        case 10 where allDigits: self = try Self.danish(text[...])
        case 11 where !IdentifierText.isASCIIDigit(bytes[6]): self = try Self.finnish(text[...])
        default:
            throw IdentifierError(
                .nationalIDNumber, .invalidFormat, "the value is not a normalised national identity number."
            )
        }
    }

    /// The number with its date part kept and the rest starred, such as `150586*****`.
    public var masked: String {
        let visible = region == .sweden ? 8 : 6
        let hidden = normalized.count - visible
        guard hidden > 0 else { return IdentifierText.fullMask }
        return "\(normalized.prefix(visible))\(String(repeating: "*", count: hidden))"
    }

    public var debugDescription: String { "NationalIDNumber(\(region), \(masked))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["region": region, "kind": kind, "masked": masked])
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            try self.init(normalizedForm: try container.decode(String.self))
        } catch let error as IdentifierError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

}
