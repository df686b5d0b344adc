import Foundation
import Testing

@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// `pdl` under hostile input and a failing disk: text that is not UTF-8 is refused, never
/// stored altered; an overlong line is refused at once; a recorded fact is never reported failed.
@Suite struct CommandLineInputTests {
    /// Byte sequences that are not UTF-8: stray continuation and invalid bytes, a truncated
    /// sequence, a surrogate encoded as CESU-8/WTF-8, overlong encodings, a code point past U+10FFFF.
    static let invalidUTF8: [[UInt8]] = [
        [0x80], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF],
        [0xF4, 0x90, 0x80, 0x80],
    ]

    static let record = [
        "record", "customer:10001", "--category", "name", "--system", "webshop.orders", "--purpose",
        "customerAccountAndOrders", "--value", "-",
    ]

    @Test(arguments: invalidUTF8)
    func recordRefusesAValueThatIsNotUTF8(_ bytes: [UInt8]) throws {
        let pdl = PDLRunner()
        #expect(try pdl.run("init").status == 0)
        let result = try pdl.run(Self.record, input: Data(Array("Kari".utf8) + bytes + Array("Nordmann\n".utf8)))
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("invalidUTF8"), "\(result)")
        #expect(!result.prints("Kari") && !result.prints("Nordmann"), "the value was echoed: \(result)")
        #expect(try pdl.head().count == 0)
        #expect(FileStoreTesting.filesContaining("Nordmann", in: pdl.ledger).isEmpty)
    }

    @Test(arguments: invalidUTF8)
    func recordRefusesAnArgumentThatIsNotUTF8(_ bytes: [UInt8]) throws {
        let pdl = PDLRunner()
        #expect(try pdl.run("init").status == 0)
        // A shell passes the bytes as they are; Foundation's Process would only pass valid text.
        let octal = bytes.map { "\\" + String($0, radix: 8) }.joined()
        let output = Pipe()
        let process = try SpawnedProcess.start(
            "/bin/sh",
            [
                "-c", #"exec "$0" "$@" --value "$(printf 'Kari\#(octal)Nordmann')" 2>err"#, PDLRunner.executable.path,
            ] + Self.record.dropLast(2),
            environment: ProcessInfo.processInfo.environment.merging(["PDL_NOW": PDLRunner.now]) { $1 },
            directory: pdl.directory.path, standardOutput: output.fileHandleForWriting.fileDescriptor)
        try output.fileHandleForWriting.close()
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let status = process.wait().status
        let stderr = try String(contentsOfFile: pdl.path("err"), encoding: .utf8)
        #expect(status == 1, "\(stdout)\(stderr)")
        #expect(stderr.contains("invalidUTF8") && stderr.contains("Argument 10"), "\(stderr)")
        #expect(!stderr.contains("Kari") && !stdout.contains("Kari"))
        #expect(try pdl.head().count == 0)
    }

    @Test func recordStillTakesAValidValueFromStandardInput() throws {
        let pdl = PDLRunner()
        #expect(try pdl.run("init").status == 0)
        let result = try pdl.run(Self.record, input: Data("Kåri Nørdmann 😀\n".utf8))
        #expect(result.status == 0, "\(result)")
        #expect(FileStoreTesting.filesContaining("Kåri Nørdmann 😀", in: pdl.ledger) == ["values.vault"])
    }

    /// The demo's export with the first "Nordmann" spoiled by `bytes`, and the line it is on.
    static func spoiledExport(_ pdl: PDLRunner, _ bytes: [UInt8]) throws -> (data: Data, line: Int) {
        try pdl.demo(store: "old")
        #expect(try pdl.run("export", "--store", "old", "--output", "facts.jsonl").status == 0)
        let export = FileStoreTesting.bytes(of: pdl.path("facts.jsonl"))
        let needle = Array("Nordmann".utf8)
        let start = try #require(
            (0...(export.count - needle.count)).first { Array(export[$0..<($0 + needle.count)]) == needle })
        let line = export[..<start].filter { $0 == 0x0A }.count + 1
        let spoiled = Array(export[..<(start + 4)]) + bytes + Array(export[(start + 4)...])
        return (Data(spoiled), line)
    }

    @Test(arguments: invalidUTF8)
    func importRefusesALineThatIsNotUTF8(_ bytes: [UInt8]) throws {
        let pdl = PDLRunner()
        let (data, line) = try Self.spoiledExport(pdl, bytes)
        #expect(line > 2)
        try PDLRunner.copyIdentifierKey(pdl, from: "old", to: "new")
        #expect(try pdl.run("init", "--store", "new").status == 0)
        let result = try pdl.run(["import", "-", "--store", "new"], input: data)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("invalidUTF8") && result.stderr.contains("Line \(line)"), "\(result)")
        #expect(!result.prints("Nord"), "the line was echoed: \(result)")
        // The lines before it are imported; nothing altered is stored.
        #expect(try pdl.head(store: "new").count == line - 2)
        #expect(FileStoreTesting.filesContaining("\u{FFFD}", in: pdl.path("new")).isEmpty)
        #expect(FileStoreTesting.filesContaining("Nord", in: pdl.path("new")).isEmpty)
    }

    @Test func aFiftyMegabyteLineIsRefusedNamingTheLineAndTheCap() throws {
        let pdl = PDLRunner()
        #expect(try pdl.run("init", "--store", "old").status == 0)
        #expect(try pdl.run("export", "--store", "old", "--output", "facts.jsonl").status == 0)
        var input = FileStoreTesting.bytes(of: pdl.path("facts.jsonl"))
        input += Array(#"{"sequence":1,"kind":"holding","holding":{"value":""#.utf8)
        input += [UInt8](repeating: UInt8(ascii: "x"), count: 50_000_000)
        input += Array("\"}}\n".utf8)
        try PDLRunner.copyIdentifierKey(pdl, from: "old", to: "new")
        #expect(try pdl.run("init", "--store", "new").status == 0)
        let started = ContinuousClock.now
        let result = try pdl.run(["import", "-", "--store", "new"], input: Data(input))
        print("pdl import of a 50 MB line took \(ContinuousClock.now - started)")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("Line 2") && result.stderr.contains("16 MiB"), "\(result)")
        #expect(try pdl.head(store: "new").count == 0)
    }

    @Test func aRecordedFactIsReportedRecordedWhenTheSnapshotAfterItFails() throws {
        let pdl = PDLRunner()
        #expect(try pdl.run("init").status == 0)
        // A directory where the snapshot's temporary file goes: writing the snapshot fails, as on
        // a full disk, after the fact is durable.
        try FileManager.default.createDirectory(atPath: pdl.ledger + "/INDEX.tmp", withIntermediateDirectories: false)
        let recorded = try pdl.run(Array(Self.record.dropLast(2)) + ["--value", "Kari Nordmann"])
        #expect(recorded.status == 0, "\(recorded)")
        #expect(recorded.stdout.contains("Recorded fact 1"), "\(recorded)")
        #expect(recorded.stderr.contains("warning") && recorded.stderr.contains("index snapshot"), "\(recorded)")
        #expect(!recorded.stderr.contains("Kari"))
        #expect(try pdl.head().count == 1)
    }
}
