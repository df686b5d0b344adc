import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct IBANTests {
    /// The Norwegian example from nordic-facts.md and the SWIFT IBAN registry's examples.
    @Test(arguments: [
        ("NO93 8601 1117 947", "NO9386011117947", "NO93 **** **** 947"),
        ("no9386011117947", "NO9386011117947", "NO93 **** **** 947"),
        ("SE45 5000 0000 0583 9825 7466", "SE4550000000058398257466", "SE45 **** **** **** **** *466"),
        ("DK50 0040 0440 1162 43", "DK5000400440116243", "DK50 **** **** ***2 43"),
        ("FI21 1234 5600 0007 85", "FI2112345600000785", "FI21 **** **** ***7 85"),
        ("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432", "GB82 **** **** **** ***4 32"),
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "DE89 **** **** **** ***0 00"),
    ])
    func accepts(raw: String, normalized: String, masked: String) throws {
        let iban = try IBAN(raw)
        #expect(iban.normalized == normalized)
        #expect(iban.masked == masked)
        #expect(iban.description == masked)
        #expect(iban.countryCode == normalized.prefix(2))
    }

    @Test(arguments: [
        ("NO94 8601 1117 947", IdentifierError.Rule.controlDigitMismatch),
        ("NO93 8601 1117 974", .controlDigitMismatch),
        ("NO39 8601 1117 949", .controlDigitMismatch),
        ("GB82 WEST 1234 5698 7654 33", .controlDigitMismatch),
        ("NO93 8601 1117 9470", .wrongLength),
        ("SE45 5000 0000 0583 9825 746", .wrongLength),
        ("NO93 8601 1117", .wrongLength),
        ("GB82 WEST 1234 5698 7654 3212 3456 7890 123", .wrongLength),
        ("1O93 8601 1117 947", .invalidCountryCode),
        ("NOAB 8601 1117 947", .invalidFormat),
        ("NO93-8601-1117-947", .invalidCharacter),
        ("NØ93 8601 1117 947", .invalidCharacter),
        ("", .empty),
    ])
    func refuses(raw: String, rule: IdentifierError.Rule) {
        expectIdentifierRefusal(raw, kind: .iban, rule: rule) { _ = try IBAN($0) }
    }

    @Test func codesAsElectronicForm() throws {
        let iban = try IBAN("NO93 8601 1117 947")
        let data = try JSONEncoder().encode(iban)
        #expect(String(decoding: data, as: UTF8.self) == #""NO9386011117947""#)
        #expect(try JSONDecoder().decode(IBAN.self, from: data) == iban)
    }
}
