import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct ValueFormatValidationTests {
    @Test(arguments: [
        (ValueFormat.text, Region.norway, "  Kari Nordmann \n", "Kari Nordmann"),
        (.text, .norway, "Storgata 1, 0155 Oslo", "Storgata 1, 0155 Oslo"),
        (.email, .norway, " Kari@Example.NO", "Kari@example.no"),
        (.phone, .norway, "912 34 567", "+4791234567"),
        (.phone, .sweden, "070-123 45 67", "+46701234567"),
        (.phone, .finland, "+47 912 34 567", "+4791234567"),
        (.nationalIDNumber, .norway, "16822548834", "16822548834"),
        (.nationalIDNumber, .finland, "010594Y9032", "010594Y9032"),
        (.nationalIDNumber, .denmark, "290200-4991", "2902004991"),
        (.nationalIDNumber, .denmark, "701063-2391", "197010632391"),
        (.nationalIDNumber, .norway, "701063-2391", "197010632391"),
        (.nationalIDNumber, .sweden, "16822548834", "16822548834"),
        (.nationalIDNumber, .sweden, "020594X903P", "020594X903P"),
        (.nationalIDNumber, Region("DE"), "16822548834", "16822548834"),
        (.bankAccount, .norway, "8601.11.17947", "86011117947"),
        (.bankAccount, .norway, "NO93 8601 1117 947", "NO9386011117947"),
        (.bankAccount, .sweden, "se45 5000 0000 0583 9825 7466", "SE4550000000058398257466"),
        (.ipAddress, .norway, "2001:DB8::0001", "2001:db8::1"),
        (.ipAddress, .norway, "192.168.1.20", "192.168.1.20"),
    ])
    func normalizes(format: ValueFormat, region: Region, raw: String, normalized: String) throws {
        #expect(try format.normalize(raw, region: region) == normalized)
    }

    @Test(arguments: [
        (ValueFormat.text, Region.norway, "   ", IdentifierError.Kind.text, IdentifierError.Rule.empty),
        (.text, .norway, String(repeating: "å", count: 501), .text, .tooLong),
        (.text, .norway, "Storgata 1\n0155 Oslo", .text, .invalidCharacter),
        (.text, .norway, "Kari\u{0007}Nordmann", .text, .invalidCharacter),
        (.email, .norway, "kari.example.no", .email, .missingAt),
        (.phone, Region("DE"), "030 1234567", .phoneNumber, .unsupportedCountry),
        (.nationalIDNumber, .norway, "02013299987", .nationalIDNumber, .controlDigitMismatch),
        (.nationalIDNumber, .finland, "010594Y9033", .nationalIDNumber, .controlDigitMismatch),
        (.nationalIDNumber, .denmark, "320190-1235", .nationalIDNumber, .invalidDate),
        (.bankAccount, .norway, "8601.11.17949", .bankAccount, .controlDigitMismatch),
        (.bankAccount, .norway, "NO94 8601 1117 947", .iban, .controlDigitMismatch),
        (.ipAddress, .norway, "192.168.1.256", .ipAddress, .outOfRange),
    ])
    func refuses(
        format: ValueFormat, region: Region, raw: String, kind: IdentifierError.Kind,
        rule: IdentifierError.Rule
    ) {
        expectIdentifierRefusal(raw, kind: kind, rule: rule) {
            _ = try format.normalize($0, region: region)
        }
    }

    @Test func textMayBeExactlyOneThousandBytes() throws {
        let value = String(repeating: "å", count: 500)
        #expect(try ValueFormat.text.normalize(value, region: .norway) == value)
    }

    @Test(arguments: [
        (ValueFormat.text, "Kari Nordmann", "K***"),
        (.text, "Østre gate 5", "Ø***"),
        (.email, "kari@example.no", "k***@example.no"),
        (.phone, "+4791234567", "+47 *** ** *67"),
        (.nationalIDNumber, "16822548834", "168225*****"),
        (.nationalIDNumber, "197010632391", "19701063****"),
        (.nationalIDNumber, "2902004991", "290200****"),
        (.nationalIDNumber, "010594Y9032", "010594*****"),
        (.bankAccount, "86011117947", "8601.**.***47"),
        (.bankAccount, "NO9386011117947", "NO93 **** **** 947"),
        (.ipAddress, "192.168.1.20", "192.168.*.*"),
        (.ipAddress, "2001:db8::1", "2001:db8:*:*:*:*:*:*"),
    ])
    func masks(format: ValueFormat, normalized: String, masked: String) {
        #expect(format.mask(normalized) == masked)
    }

    /// Odd input never crashes and never shows through.
    @Test(arguments: [
        ValueFormat.text, .email, .phone, .nationalIDNumber, .bankAccount, .ipAddress,
    ])
    func masksOddInputEntirely(format: ValueFormat) {
        for odd in ["", " ", "@", "+", "+1", "*", "garbage value", "0", "🙂🙂🙂🙂", "02013299987"] {
            let masked = format.mask(odd)
            if format == .text {
                #expect(
                    masked == (odd.trimmingPrefix(while: \.isWhitespace).first.map { "\($0)***" } ?? "***"))
            } else {
                #expect(masked == "***", "\(format) masked \(odd) as \(masked)")
            }
        }
    }
}
