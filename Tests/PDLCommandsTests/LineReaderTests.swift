import Foundation
import Testing

@testable import PDLCommands
@testable import TestSupport

/// The import's line reader: every line exactly, across block boundaries; a line over the cap,
/// or not UTF-8, ends the input naming its number.
@Suite struct LineReaderTests {
    static func reader(_ bytes: [UInt8], lineLimit: Int = LineReader.defaultLineLimit, blockSize: Int) throws
        -> (LineReader, TemporaryDirectory)
    {
        let directory = TemporaryDirectory()
        let file = directory.path + "/input"
        #expect(FileManager.default.createFile(atPath: file, contents: Data(bytes)))
        let handle = try #require(FileHandle(forReadingAtPath: file))
        return (LineReader(handle: handle, lineLimit: lineLimit, blockSize: blockSize), directory)
    }

    @Test(arguments: [1, 7, 64, 1 << 20])
    func everyLineComesBackExactly(_ blockSize: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let lines = (0..<5_000).map { index in
            String(repeating: "å", count: Int.random(in: 0...(index % 50 == 0 ? 3_000 : 40), using: &generator))
                + "\(index)"
        }
        for ending in ["", "\n"] {
            let (reader, directory) = try Self.reader(
                Array((lines.joined(separator: "\n") + ending).utf8), blockSize: blockSize)
            #expect(Array(reader) == lines)
            #expect(reader.failure == nil && reader.lineCount == lines.count)
            _ = directory
        }
    }

    @Test(arguments: [1, 10, 4096])
    func aLineOverTheCapEndsTheInputNamingIt(_ blockSize: Int) throws {
        let input = Array(
            ("short\n" + String(repeating: "x", count: 100) + "\n" + String(repeating: "y", count: 101)
                + "\nnever read\n").utf8)
        let (reader, directory) = try Self.reader(input, lineLimit: 100, blockSize: blockSize)
        #expect(Array(reader) == ["short", String(repeating: "x", count: 100)])
        guard case .tooLong(let line, let limit)? = reader.failure else {
            Issue.record("expected a line that is too long, got \(String(describing: reader.failure))")
            return
        }
        #expect(line == 3 && limit == 100)
        #expect(reader.next() == nil)
        _ = directory
    }

    @Test(arguments: [[0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF]] as [[UInt8]])
    func aLineThatIsNotUTF8EndsTheInputNamingIt(_ bytes: [UInt8]) throws {
        let input = Array("first\nsecond".utf8) + bytes + Array("\nthird\n".utf8)
        let (reader, directory) = try Self.reader(input, blockSize: 3)
        #expect(Array(reader) == ["first"])
        guard case .invalidUTF8(let line)? = reader.failure else {
            Issue.record("expected invalid UTF-8, got \(String(describing: reader.failure))")
            return
        }
        #expect(line == 2)
        _ = directory
    }
}
