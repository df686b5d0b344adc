import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct EmailAddressTests {
    static let longLocalPart = String(repeating: "k", count: 65) + "@example.no"
    static let longDomain = "kari@" + String(repeating: "a", count: 254)
    static let longLabel = "kari@" + String(repeating: "a", count: 64) + ".no"
    /// 64 + 1 + 191 = 256 bytes, each part within its own limit.
    static let longAddress = [
        String(repeating: "k", count: 64), "@", String(repeating: "d", count: 63), ".",
        String(repeating: "e", count: 63), ".", String(repeating: "f", count: 60), ".no",
    ].joined()

    @Test(arguments: [
        ("kari@example.no", "kari@example.no"),
        ("  Kari.Nordmann@Example.NO \n", "Kari.Nordmann@example.no"),
        ("ola+orders@mail.focus-nordic.se", "ola+orders@mail.focus-nordic.se"),
        ("o'brien_1@sub.example.fi", "o'brien_1@sub.example.fi"),
        ("bjørn@blåbær.no", "bjørn@blåbær.no"),
        ("x@xn--blbr-roac.no", "x@xn--blbr-roac.no"),
        ("info@example.xn--p1ai", "info@example.xn--p1ai"),
    ])
    func accepts(raw: String, normalized: String) throws {
        #expect(try EmailAddress(raw).normalized == normalized)
    }

    @Test(arguments: [
        ("", IdentifierError.Rule.empty),
        ("   ", .empty),
        ("kari.nordmann.example.no", .missingAt),
        ("kari@nordmann@example.no", .multipleAt),
        ("\"kari@home\"@example.no", .multipleAt),
        ("@example.no", .invalidLocalPart),
        (longLocalPart, .invalidLocalPart),
        (".kari@example.no", .invalidLocalPart),
        ("kari.@example.no", .invalidLocalPart),
        ("kari..nordmann@example.no", .invalidLocalPart),
        ("kari nordmann@example.no", .invalidLocalPart),
        ("kari,nordmann@example.no", .invalidLocalPart),
        ("kari@", .invalidDomain),
        (longDomain, .invalidDomain),
        ("kari@localhost", .invalidDomain),
        ("kari@example..no", .invalidDomain),
        ("kari@example.no.", .invalidDomain),
        (longLabel, .invalidDomain),
        ("kari@-example.no", .invalidDomain),
        ("kari@example-.no", .invalidDomain),
        ("kari@exa_mple.no", .invalidDomain),
        ("kari@[192.0.2.1]", .invalidDomain),
        ("kari@example.n", .invalidDomain),
        ("kari@example.123", .invalidDomain),
        (longAddress, .tooLong),
    ])
    func refuses(raw: String, rule: IdentifierError.Rule) {
        expectIdentifierRefusal(raw, kind: .email, rule: rule) { _ = try EmailAddress($0) }
    }

    @Test func keepsTheLocalPartsCase() throws {
        #expect(try EmailAddress("Kari@example.no") != EmailAddress("kari@example.no"))
        #expect(try EmailAddress("kari@EXAMPLE.no") == EmailAddress("kari@example.no"))
    }

    @Test func masksAllButTheFirstCharacter() throws {
        let email = try EmailAddress("kari.nordmann@example.no")
        #expect(email.masked == "k***@example.no")
        #expect(email.description == "k***@example.no")
        #expect("\(email)" == "k***@example.no")
        #expect(!String(reflecting: email).contains("nordmann"))
        #expect(email.domain == "example.no")
    }

    @Test func codesAsTheNormalisedString() throws {
        let email = try EmailAddress(" Kari@Example.no")
        let data = try JSONEncoder().encode([email])
        #expect(String(decoding: data, as: UTF8.self) == #"["Kari@example.no"]"#)
        #expect(try JSONDecoder().decode([EmailAddress].self, from: data) == [email])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([EmailAddress].self, from: Data(#"["not-an-email"]"#.utf8))
        }
    }
}
