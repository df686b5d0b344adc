import Foundation
import Testing

@testable import TestSupport

/// `--format csv` of every command that has it opens in a Nordic spreadsheet: a UTF-8 byte order
/// mark, RFC 4180 line ends, and the separator `--delimiter` names.
@Suite struct CommandLineCSVTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        /// The first column of the header row.
        let firstColumn: String
        let delimiter: String
        var testDescription: String { "pdl " + arguments.joined(separator: " ") + " --delimiter '\(delimiter)'" }
    }

    static let cases: [Case] = [",", ";"].flatMap { delimiter in
        [
            Case(arguments: ["ropa"], firstColumn: "purpose", delimiter: delimiter),
            Case(arguments: ["notify-list", "2018-05-25"], firstColumn: "email", delimiter: delimiter),
        ]
    }

    @Test(arguments: cases)
    func startsWithAByteOrderMarkAndSeparatesWithTheDelimiter(_ test: Case) throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let result = try pdl.run(test.arguments + ["--format", "csv", "--delimiter", test.delimiter])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.unicodeScalars.first == "\u{FEFF}", "\(result)")
        let header = String(result.stdout.unicodeScalars.dropFirst()).split(separator: "\r\n").first ?? ""
        let columns = header.split(separator: Character(test.delimiter))
        #expect(columns.first == Substring(test.firstColumn), "\(result)")
        #expect(columns.count > 3, "\(result)")
        // Records end with CRLF (one Character in Swift), never with a bare line feed.
        #expect(result.stdout.contains(Character("\r\n")) && !result.stdout.contains(Character("\n")), "\(result)")
    }
}
