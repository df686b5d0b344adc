import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("+4791234567", Region.norway, "+4791234567"),
        ("+47 912 34 567", .norway, "+4791234567"),
        ("0047 91 23 45 67", .norway, "+4791234567"),
        ("912-34-567", .norway, "+4791234567"),
        ("912.34.567", .norway, "+4791234567"),
        ("(+47) 912 34 567", .sweden, "+4791234567"),
        ("+47 (912) 34 567", .sweden, "+4791234567"),
        ("91234567", .norway, "+4791234567"),
        ("\u{00A0}912 34 567\t", .norway, "+4791234567"),
        ("070-123 45 67", .sweden, "+46701234567"),
        ("08-123 456 78", .sweden, "+46812345678"),
        ("+46 (0)70 123 45 67", .norway, "+46701234567"),
        ("+46 070 123 45 67", .norway, "+46701234567"),
        ("0046 70 123 45 67", .norway, "+46701234567"),
        ("040 123 4567", .finland, "+358401234567"),
        ("+358 (0)40 123 4567", .norway, "+358401234567"),
        ("12 34 56 78", .denmark, "+4512345678"),
        ("+45 12 34 56 78", .finland, "+4512345678"),
        ("+47 580 012 345 678", .norway, "+47580012345678"),
        ("+1 (415) 555-2671", .norway, "+14155552671"),
        ("+44 20 7946 0958", .norway, "+442079460958"),
    ])
    func normalisesToE164(raw: String, region: Region, normalized: String) throws {
        #expect(try PhoneNumber(raw, defaultRegion: region).normalized == normalized)
    }

    @Test(arguments: [
        ("", Region.norway, IdentifierError.Rule.empty),
        ("(--)", .norway, .empty),
        ("912 34 56x", .norway, .invalidCharacter),
        ("+47 912 34 567 ext 2", .norway, .invalidCharacter),
        ("47+91234567", .norway, .invalidCharacter),
        ("+0 912 34 567", .norway, .invalidCountryCode),
        ("0000 912 34 567", .norway, .invalidCountryCode),
        ("030 1234567", Region("DE"), .unsupportedCountry),
        ("12 34", .sweden, .wrongLength),
        ("+1 2345", .norway, .wrongLength),
        ("+49 1234 5678 9012 345", .norway, .wrongLength),
        ("912 34 56", .norway, .wrongLength),
        ("+47 9123 4567 8", .norway, .wrongLength),
        ("4791234567", .norway, .wrongLength),
        ("1234 5678 9", .denmark, .wrongLength),
    ])
    func refuses(raw: String, region: Region, rule: IdentifierError.Rule) {
        expectIdentifierRefusal(raw, kind: .phoneNumber, rule: rule) {
            _ = try PhoneNumber($0, defaultRegion: region)
        }
    }

    @Test(arguments: [
        ("+4791234567", "+47 *** ** *67"),
        ("+4512345678", "+45 *** ** *78"),
        ("+46701234567", "+46 *******67"),
        ("+358401234567", "+358 *******67"),
        ("+14155552671", "+1 ********71"),
    ])
    func masksAllButTheLastTwoDigits(normalized: String, masked: String) throws {
        let number = try PhoneNumber(normalized)
        #expect(number.masked == masked)
        #expect(number.description == masked)
        #expect(!String(reflecting: number).contains(normalized))
    }

    @Test func countryCallingCode() throws {
        #expect(try PhoneNumber("91234567").countryCallingCode == 47)
        #expect(try PhoneNumber("040 123 4567", defaultRegion: .finland).countryCallingCode == 358)
        #expect(try PhoneNumber("+1 415 555 2671").countryCallingCode == 1)
    }

    @Test func equalWhateverTheSpelling() throws {
        #expect(try PhoneNumber("+47 912 34 567") == PhoneNumber("0047-912-34-567"))
    }

    @Test func codesAsE164() throws {
        let number = try PhoneNumber("070-123 45 67", defaultRegion: .sweden)
        let data = try JSONEncoder().encode(number)
        #expect(String(decoding: data, as: UTF8.self) == #""+46701234567""#)
        #expect(try JSONDecoder().decode(PhoneNumber.self, from: data) == number)
    }
}
