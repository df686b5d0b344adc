import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct NorwegianBankAccountTests {
    @Test(arguments: ["8601.11.17947", "86011117947", "8601 11 17947", " 8601.1117947 "])
    func acceptsTheOfficialExample(raw: String) throws {
        let account = try NorwegianBankAccount(raw)
        #expect(account.normalized == "86011117947")
        #expect(account.masked == "8601.**.***47")
        #expect(account.description == "8601.**.***47")
    }

    @Test(arguments: [
        ("8601.11.17949", IdentifierError.Rule.controlDigitMismatch),
        ("8601.11.17948", .controlDigitMismatch),
        ("8601.11.1794", .wrongLength),
        ("8601.11.179470", .wrongLength),
        ("8601.11.1794X", .invalidCharacter),
        ("8601-11-17947", .invalidCharacter),
        ("  ", .empty),
    ])
    func refuses(raw: String, rule: IdentifierError.Rule) {
        expectIdentifierRefusal(raw, kind: .bankAccount, rule: rule) {
            _ = try NorwegianBankAccount($0)
        }
    }

    /// A remainder of 1 is never issued, whatever the check digit.
    @Test(arguments: 0...9)
    func refusesRemainderOne(checkDigit: Int) {
        expectIdentifierRefusal(
            "8601111798\(checkDigit)", kind: .bankAccount, rule: .controlDigitMismatch
        ) {
            _ = try NorwegianBankAccount($0)
        }
    }

    @Test func codesAsElevenDigits() throws {
        let account = try NorwegianBankAccount("8601.11.17947")
        let data = try JSONEncoder().encode(account)
        #expect(String(decoding: data, as: UTF8.self) == #""86011117947""#)
        #expect(try JSONDecoder().decode(NorwegianBankAccount.self, from: data) == account)
        #expect(!String(reflecting: account).contains("17947"))
    }
}
