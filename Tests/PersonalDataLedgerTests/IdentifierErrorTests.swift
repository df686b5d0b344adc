import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// Expects `body` to refuse `raw` with `kind` and `rule`, and the error not to echo `raw`.
func expectIdentifierRefusal(
    _ raw: String, kind: IdentifierError.Kind, rule: IdentifierError.Rule,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (String) throws -> Void
) {
    do {
        try body(raw)
        Issue.record("accepted a value that breaks \(rule)", sourceLocation: sourceLocation)
    } catch let error as IdentifierError {
        #expect(error.kind == kind, sourceLocation: sourceLocation)
        #expect(error.rule == rule, "\(error.message)", sourceLocation: sourceLocation)
        expectNoValueLeak(of: raw, in: error, sourceLocation: sourceLocation)
    } catch {
        Issue.record("threw \(type(of: error)), not IdentifierError", sourceLocation: sourceLocation)
    }
}

/// Expects no spelling of `raw` of four or more characters to appear in anything `error` prints.
func expectNoValueLeak(
    of raw: String, in error: IdentifierError, sourceLocation: SourceLocation = #_sourceLocation
) {
    let compact = String(raw.unicodeScalars.filter { !$0.properties.isWhitespace })
    let digits = String(raw.unicodeScalars.filter { ("0"..."9").contains($0) })
    let fragments = Set([raw, String(IdentifierText.trimmed(raw)), compact, digits])
        .filter { $0.count >= 4 }
    let printed = [
        error.message, error.description, "\(error)", String(reflecting: error),
        String(describing: error.kind), String(describing: error.rule),
    ]
    for text in printed {
        for fragment in fragments {
            #expect(!text.contains(fragment), "error echoes the input", sourceLocation: sourceLocation)
        }
    }
}

@Suite struct IdentifierErrorTests {
    @Test func messageNamesKindRuleAndAdvice() {
        let error = IdentifierError(.nationalIDNumber, .controlDigitMismatch, "check for a typo.")
        #expect(
            error.message
                == "National identity number rejected (control digit does not match): check for a typo.")
        #expect(error.description == error.message)
        #expect(error.kind == .nationalIDNumber)
        #expect(error.rule == .controlDigitMismatch)
        #expect(error.rule != .invalidDate)
    }

    @Test func rulesReadAsWords() {
        #expect(IdentifierError.Rule.wrongLength.description == "wrong length")
        #expect(IdentifierError.Rule.missingAt.description == "missing @")
        #expect(IdentifierError.Rule.unknownCenturySign.description == "unknown century sign")
        #expect(IdentifierError.Rule.invalidDate.description == "invalid date")
        #expect(IdentifierError.Kind.iban.description == "IBAN")
    }

    /// One refused value per format through the entry point the ledger calls.
    @Test(arguments: [
        (ValueFormat.text, "line one\nline two"),
        (.email, "kari.nordmann.example.no"),
        (.phone, "+47 9123 4567 8"),
        (.nationalIDNumber, "02013299987"),
        (.bankAccount, "8601.11.17949"),
        (.bankAccount, "NO94 8601 1117 947"),
        (.ipAddress, "192.168.300.1"),
    ])
    func ledgerEntryPointNeverEchoesTheValue(format: ValueFormat, raw: String) {
        do {
            _ = try format.normalize(raw, region: .norway)
            Issue.record("accepted an invalid value")
        } catch {
            expectNoValueLeak(of: raw, in: error)
        }
    }
}
