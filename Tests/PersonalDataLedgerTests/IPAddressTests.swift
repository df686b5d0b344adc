import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct IPAddressTests {
    @Test(arguments: [
        ("192.168.1.20", "192.168.1.20", IPAddress.Version.v4, "192.168.*.*"),
        (" 10.0.0.255 ", "10.0.0.255", .v4, "10.0.*.*"),
        ("0.0.0.0", "0.0.0.0", .v4, "0.0.*.*"),
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1", .v6, "2001:db8:*:*:*:*:*:*"),
        ("2001:db8::1", "2001:db8::1", .v6, "2001:db8:*:*:*:*:*:*"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1", .v6, "2001:db8:*:*:*:*:*:*"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1", .v6, "2001:db8:*:*:*:*:*:*"),
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1", .v6, "2001:0:*:*:*:*:*:*"),
        ("FE80::ABCD:12", "fe80::abcd:12", .v6, "fe80:0:*:*:*:*:*:*"),
        ("::1", "::1", .v6, "0:0:*:*:*:*:*:*"),
        ("::", "::", .v6, "0:0:*:*:*:*:*:*"),
        ("1::", "1::", .v6, "1:0:*:*:*:*:*:*"),
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1", .v6, "0:0:*:*:*:*:*:*"),
        ("::FFFF:c000:0201", "::ffff:192.0.2.1", .v6, "0:0:*:*:*:*:*:*"),
        ("64:ff9b::192.0.2.33", "64:ff9b::c000:221", .v6, "64:ff9b:*:*:*:*:*:*"),
    ])
    func accepts(raw: String, normalized: String, version: IPAddress.Version, masked: String) throws {
        let address = try IPAddress(raw)
        #expect(address.normalized == normalized)
        #expect(address.version == version)
        #expect(address.masked == masked)
        #expect(address.description == masked)
    }

    @Test(arguments: [
        ("", IdentifierError.Rule.empty),
        ("256.1.1.1", .outOfRange),
        ("1.2.3.1000", .outOfRange),
        ("1.2.3", .invalidFormat),
        ("1.2.3.4.5", .invalidFormat),
        ("01.2.3.4", .invalidFormat),
        ("1.2..4", .invalidCharacter),
        ("1.2.3.a", .invalidCharacter),
        ("1.2.3.-4", .invalidCharacter),
        ("1::2::3", .invalidFormat),
        ("1:::2", .invalidFormat),
        ("12345::", .invalidFormat),
        ("fe80::1%eth0", .invalidFormat),
        ("gggg::1", .invalidCharacter),
        ("+1::2", .invalidCharacter),
        ("1:2:3:4:5:6:7:8:9", .invalidFormat),
        ("1:2:3:4:5:6:7::8", .invalidFormat),
        ("1:2:3:4:5:6:7:", .invalidFormat),
        ("1:2:3:4:5:6:7", .invalidFormat),
        ("::1.2.3.4:5", .invalidFormat),
        ("::ffff:300.0.2.1", .outOfRange),
    ])
    func refuses(raw: String, rule: IdentifierError.Rule) {
        expectIdentifierRefusal(raw, kind: .ipAddress, rule: rule) { _ = try IPAddress($0) }
    }

    @Test func everySpellingIsEqual() throws {
        #expect(try IPAddress("2001:DB8:0:0:0:0:0:1") == IPAddress("2001:db8::0001"))
    }

    @Test func codesAsCanonicalText() throws {
        let address = try IPAddress("2001:0DB8::0001")
        let data = try JSONEncoder().encode(address)
        #expect(String(decoding: data, as: UTF8.self) == #""2001:db8::1""#)
        #expect(try JSONDecoder().decode(IPAddress.self, from: data) == address)
    }
}
