import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct NationalIDNumberTests {
    typealias Kind = NationalIDNumber.Kind
    typealias BirthDate = NationalIDNumber.BirthDate

    /// A fixed year so that 10-digit Swedish numbers get the same century whenever tests run.
    static let year = 2025

    struct Valid: Sendable, CustomTestStringConvertible {
        let raw: String
        let region: Region
        let normalized: String
        let kind: Kind
        let birthDate: String?
        let masked: String

        var testDescription: String { "\(raw) (\(region))" }
    }

    /// Every official example from nordic-facts.md, plus computed variants.
    static let valid: [Valid] = [
        // Norway: Tenor synthetic numbers (month + 80).
        .init(
            raw: "16822548834", region: .norway, normalized: "16822548834", kind: .synthetic,
            birthDate: "1925-02-16", masked: "168225*****"),
        .init(
            raw: "11812448848", region: .norway, normalized: "11812448848", kind: .synthetic,
            birthDate: "1924-01-11", masked: "118124*****"),
        // Norway: the 2032 examples. The first two also pass today's rule; the third only the new one.
        .init(
            raw: "02013299997", region: .norway, normalized: "02013299997", kind: .birthNumber,
            birthDate: "2032-01-02", masked: "020132*****"),
        .init(
            raw: "30108299920", region: .norway, normalized: "30108299920", kind: .birthNumber,
            birthDate: "1982-10-30", masked: "301082*****"),
        .init(
            raw: "30108299939", region: .norway, normalized: "30108299939", kind: .birthNumber,
            birthDate: nil, masked: "301082*****"),
        // Norway: computed, remainders 2 and 3 under the 2032 rule.
        .init(
            raw: "30108299947", region: .norway, normalized: "30108299947", kind: .birthNumber,
            birthDate: nil, masked: "301082*****"),
        .init(
            raw: "30108299955", region: .norway, normalized: "30108299955", kind: .birthNumber,
            birthDate: nil, masked: "301082*****"),
        // Norway: D-number (official), H-number and Tenor D-number (computed), spaced input.
        .init(
            raw: "70108299914", region: .norway, normalized: "70108299914", kind: .dNumber,
            birthDate: "1982-10-30", masked: "701082*****"),
        .init(
            raw: "30508299903", region: .norway, normalized: "30508299903", kind: .hNumber,
            birthDate: "1982-10-30", masked: "305082*****"),
        .init(
            raw: "70908299718", region: .norway, normalized: "70908299718", kind: .synthetic,
            birthDate: "1982-10-30", masked: "709082*****"),
        .init(
            raw: " 168225 488 34 ", region: .norway, normalized: "16822548834", kind: .synthetic,
            birthDate: "1925-02-16", masked: "168225*****"),
        .init(
            raw: "168225-48834", region: .norway, normalized: "16822548834", kind: .synthetic,
            birthDate: "1925-02-16", masked: "168225*****"),
        // Sweden: Skatteverket's samordningsnummer example, in every accepted spelling.
        .init(
            raw: "701063-2391", region: .sweden, normalized: "197010632391",
            kind: .coordinationNumber, birthDate: "1970-10-03", masked: "19701063****"),
        .init(
            raw: "7010632391", region: .sweden, normalized: "197010632391",
            kind: .coordinationNumber, birthDate: "1970-10-03", masked: "19701063****"),
        .init(
            raw: "197010632391", region: .sweden, normalized: "197010632391",
            kind: .coordinationNumber, birthDate: "1970-10-03", masked: "19701063****"),
        .init(
            raw: "19701063-2391", region: .sweden, normalized: "197010632391",
            kind: .coordinationNumber, birthDate: "1970-10-03", masked: "19701063****"),
        // Sweden: '+' once the person has turned 100 moves the number a century back.
        .init(
            raw: "701063+2391", region: .sweden, normalized: "187010632391",
            kind: .coordinationNumber, birthDate: "1870-10-03", masked: "18701063****"),
        // Denmark: computed, date-valid, fails modulus 11 (accepted, as cpr.dk requires).
        .init(
            raw: "290200-4991", region: .denmark, normalized: "2902004991", kind: .birthNumber,
            birthDate: "2000-02-29", masked: "290200****"),
        .init(
            raw: "2902004991", region: .denmark, normalized: "2902004991", kind: .birthNumber,
            birthDate: "2000-02-29", masked: "290200****"),
        .init(
            raw: "010190-1235", region: .denmark, normalized: "0101901235", kind: .birthNumber,
            birthDate: "1990-01-01", masked: "010190****"),
        .init(
            raw: "010160-5235", region: .denmark, normalized: "0101605235", kind: .birthNumber,
            birthDate: "1860-01-01", masked: "010160****"),
        .init(
            raw: "010137-9235", region: .denmark, normalized: "0101379235", kind: .birthNumber,
            birthDate: "1937-01-01", masked: "010137****"),
        // Finland: DVV test persons.
        .init(
            raw: "010594Y9032", region: .finland, normalized: "010594Y9032", kind: .temporary,
            birthDate: "1994-05-01", masked: "010594*****"),
        .init(
            raw: "020594X903P", region: .finland, normalized: "020594X903P", kind: .temporary,
            birthDate: "1994-05-02", masked: "020594*****"),
        .init(
            raw: "010516B903X", region: .finland, normalized: "010516B903X", kind: .temporary,
            birthDate: "2016-05-01", masked: "010516*****"),
        .init(
            raw: "020503F9037", region: .finland, normalized: "020503F9037", kind: .temporary,
            birthDate: "2003-05-02", masked: "020503*****"),
        .init(
            raw: "020594x903p", region: .finland, normalized: "020594X903P", kind: .temporary,
            birthDate: "1994-05-02", masked: "020594*****"),
    ]

    @Test(arguments: valid)
    func acceptsWithCountry(example: Valid) throws {
        let number = try NationalIDNumber(example.raw, region: example.region, currentYear: Self.year)
        #expect(number.normalized == example.normalized)
        #expect(number.region == example.region)
        #expect(number.kind == example.kind)
        #expect(number.birthDate?.description == example.birthDate)
        #expect(number.masked == example.masked)
        #expect(number.description == example.masked)
    }

    @Test(arguments: valid)
    func normalisedFormRoundTrips(example: Valid) throws {
        let number = try NationalIDNumber(example.raw, region: example.region, currentYear: Self.year)
        let data = try JSONEncoder().encode(number)
        #expect(String(decoding: data, as: UTF8.self) == "\"\(example.normalized)\"")
        #expect(try JSONDecoder().decode(NationalIDNumber.self, from: data) == number)
        #expect(ValueFormat.nationalIDNumber.mask(number.normalized) == example.masked)
    }

    @Test(arguments: [
        ("16822548834", Region.norway),
        ("02013299997", .norway),
        ("30108299939", .norway),
        ("70108299914", .norway),
        ("701063-2391", .sweden),
        ("7010632391", .sweden),
        ("197010632391", .sweden),
        ("701063+2391", .sweden),
        ("290200-4991", .denmark),
        ("2902004991", .denmark),
        ("010594Y9032", .finland),
        ("020594X903P", .finland),
        ("010516B903X", .finland),
        ("020503F9037", .finland),
        ("010594-9032", .finland),
        ("010594+9032", .finland),
    ])
    func detectsTheCountry(raw: String, region: Region) throws {
        #expect(try NationalIDNumber(raw, currentYear: Self.year).region == region)
    }

    /// Every Finnish century sign, on the same digits (the check character ignores the sign).
    @Test(arguments: [
        ("010594+9032", 1894), ("010594-9032", 1994), ("010594Y9032", 1994), ("010594X9032", 1994),
        ("010594W9032", 1994), ("010594V9032", 1994), ("010594U9032", 1994), ("010516A903X", 2016),
        ("010516B903X", 2016), ("010516C903X", 2016), ("010516D903X", 2016), ("010516E903X", 2016),
        ("010516F903X", 2016),
    ])
    func finnishCenturySigns(raw: String, year: Int) throws {
        #expect(try NationalIDNumber(raw, region: .finland).birthDate?.year == year)
    }

    @Test func swedishCenturyFollowsTheSeparatorAndTheYear() throws {
        let young = try NationalIDNumber("701063-2391", region: .sweden, currentYear: 2025)
        let old = try NationalIDNumber("701063+2391", region: .sweden, currentYear: 2025)
        #expect(young.birthDate?.year == 1970)
        #expect(old.birthDate?.year == 1870)
        let later = try NationalIDNumber("701063-2391", region: .sweden, currentYear: 2075)
        #expect(later.birthDate?.year == 2070)
    }

    @Test func danishNumberNeedNotPassModulus11() throws {
        for raw in ["2902004991", "0101901235"] {
            let weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]
            let sum = zip(raw.utf8.map { Int($0 - 48) }, weights).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(sum % 11 != 0)
            #expect(try NationalIDNumber(raw, region: .denmark).normalized == raw)
        }
    }

    @Test(arguments: [
        // Norway
        ("02013299987", Region.norway, IdentifierError.Rule.controlDigitMismatch),
        ("30108299963", .norway, .controlDigitMismatch),
        ("30108299904", .norway, .controlDigitMismatch),
        ("30108299921", .norway, .controlDigitMismatch),
        ("16822548835", .norway, .controlDigitMismatch),
        ("32013299997", .norway, .invalidDate),
        ("02133299997", .norway, .invalidDate),
        ("30028299997", .norway, .invalidDate),
        ("00013299997", .norway, .invalidDate),
        ("1682254883", .norway, .wrongLength),
        ("168225488345", .norway, .wrongLength),
        ("16822548A34", .norway, .invalidCharacter),
        ("168225/48834", .norway, .invalidCharacter),
        // Sweden
        ("701063-2392", .sweden, .controlDigitMismatch),
        ("197010632392", .sweden, .controlDigitMismatch),
        ("701363-2391", .sweden, .invalidDate),
        ("701093-2391", .sweden, .invalidDate),
        ("701063-239", .sweden, .wrongLength),
        ("70106A-2391", .sweden, .invalidCharacter),
        ("701063*2391", .sweden, .invalidCharacter),
        ("7010-632391", .sweden, .invalidFormat),
        ("19701063+2391", .sweden, .invalidFormat),
        // Denmark
        ("290200-1991", .denmark, .invalidDate),
        ("320190-1235", .denmark, .invalidDate),
        ("011390-1235", .denmark, .invalidDate),
        ("0101901", .denmark, .wrongLength),
        ("010190-12A5", .denmark, .invalidCharacter),
        // Finland
        ("010594Y9033", .finland, .controlDigitMismatch),
        ("010594Y9042", .finland, .controlDigitMismatch),
        ("300294Y9032", .finland, .invalidDate),
        ("010594G9032", .finland, .unknownCenturySign),
        ("010594Z9032", .finland, .unknownCenturySign),
        ("010594Y0012", .finland, .individualNumberOutOfRange),
        ("010594Y903", .finland, .wrongLength),
        ("01O594Y9032", .finland, .invalidCharacter),
        // Any country
        ("   ", .norway, .empty),
        ("16822548834", Region("DE"), .unsupportedCountry),
    ])
    func refusesWithCountry(raw: String, region: Region, rule: IdentifierError.Rule) {
        expectIdentifierRefusal(raw, kind: .nationalIDNumber, rule: rule) {
            _ = try NationalIDNumber($0, region: region, currentYear: Self.year)
        }
    }

    @Test(arguments: [
        ("02013299987", IdentifierError.Rule.controlDigitMismatch),
        ("197010632392", .controlDigitMismatch),
        ("010594Y9033", .controlDigitMismatch),
        ("320190-1235", .countryNotDetected),
        ("7010632392", .countryNotDetected),
        ("701063+2392", .countryNotDetected),
        ("12345", .invalidFormat),
        ("ABCDEFGHIJK", .invalidFormat),
        ("", .empty),
    ])
    func refusesWithoutCountry(raw: String, rule: IdentifierError.Rule) {
        expectIdentifierRefusal(raw, kind: .nationalIDNumber, rule: rule) {
            _ = try NationalIDNumber($0, currentYear: Self.year)
        }
    }

    @Test func descriptionAndReflectionAreMasked() throws {
        let number = try NationalIDNumber("16822548834", region: .norway)
        for text in ["\(number)", String(reflecting: number), String(describing: number)] {
            #expect(!text.contains("48834"))
        }
        var dumped = ""
        dump(number, to: &dumped)
        #expect(!dumped.contains("48834"))
    }

    @Test(arguments: ["garbage value", "701063-2391", "010190-1235", "16822548835"])
    func normalisedFormRefusesOtherSpellings(raw: String) throws {
        do {
            _ = try NationalIDNumber(normalizedForm: raw)
            Issue.record("read a value that is not in normalised form")
        } catch {
            expectNoValueLeak(of: raw, in: error)
        }
    }

    @Test func decodingRefusesAnInvalidNumber() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(NationalIDNumber.self, from: Data(#""02013299987""#.utf8))
        }
    }

    @Test func birthDateValidation() {
        #expect(BirthDate(year: 2000, month: 2, day: 29) != nil)
        #expect(BirthDate(year: 1900, month: 2, day: 29) == nil)
        #expect(BirthDate(year: 2024, month: 4, day: 31) == nil)
        #expect(BirthDate(year: 2024, month: 13, day: 1) == nil)
        #expect(BirthDate.currentYear() >= 2025)
    }
}
