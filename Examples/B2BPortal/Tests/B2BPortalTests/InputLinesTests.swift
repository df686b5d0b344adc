import Foundation
import Testing

@testable import B2BPortal

/// `InputLines` over a pipe: lines split on line feeds, a too-long line skipped whole.
struct InputLinesTests {
    struct Case: Sendable, CustomStringConvertible {
        var input: [UInt8]
        var expected: [InputLines.Line]
        var description: String
    }

    static let cases: [Case] = [
        Case(input: Array("a\nb\n".utf8), expected: [.line([0x61]), .line([0x62])], description: "two lines"),
        Case(
            input: Array("a\nlast".utf8), expected: [.line([0x61]), .line(Array("last".utf8))],
            description: "no final line feed"),
        Case(
            input: Array("a\n".utf8) + [UInt8](repeating: 0x78, count: 100) + Array("\nb\n".utf8),
            expected: [.line([0x61]), .tooLong, .line([0x62])], description: "a line over the limit between two"),
        Case(
            input: [UInt8](repeating: 0x78, count: 100), expected: [.tooLong],
            description: "a line over the limit at the end"),
        Case(
            input: [UInt8](repeating: 0x78, count: 64) + Array("\n".utf8),
            expected: [.line([UInt8](repeating: 0x78, count: 64))],
            description: "a line exactly at the limit"),
    ]

    @Test(arguments: cases)
    func splitsLinesAndSkipsTheTooLong(_ check: Case) throws {
        let pipe = Pipe()
        // Written in small pieces, so lines cross reads.
        let writer = Thread {
            var offset = 0
            while offset < check.input.count {
                let end = min(offset + 7, check.input.count)
                pipe.fileHandleForWriting.write(Data(check.input[offset..<end]))
                offset = end
            }
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        let lines = Array(InputLines(pipe.fileHandleForReading, maximumLength: 64))
        #expect(lines == check.expected)
    }

    @Test func aTooLongLineIsRefusedNamingTheRule() throws {
        let (service, _) = makeService()
        let answer = try JSONDecoder().decode([String: String].self, from: Data(service.refuseTooLongLine().utf8))
        #expect(answer["rule"] == "lineTooLong")
    }
}
