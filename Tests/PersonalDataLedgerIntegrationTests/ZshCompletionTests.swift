import Foundation
import Testing

@testable import TestSupport

/// `pdl completion zsh`, checked by a real zsh: it parses, and loading it with the completion
/// system registers `_pdl` for `pdl`. (Completing itself needs zsh's line editor; the bash
/// tests drive the same declarations.)
@Suite struct ZshCompletionTests {
    static let zsh = ["/bin/zsh", "/usr/bin/zsh", "/usr/local/bin/zsh", "/opt/homebrew/bin/zsh"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test func zshParsesTheScriptAndRegistersTheFunction() throws {
        guard let zsh = Self.zsh else {
            print("Skipped: no zsh on this machine to load the completion script in.")
            return
        }
        let pdl = PDLRunner()
        let script = try pdl.run("completion", "zsh")
        #expect(script.status == 0, "\(script)")
        try Data(script.stdout.utf8).write(to: URL(filePath: pdl.path("_pdl")))
        let syntax = try Self.run(zsh, ["-f", "-n", "./_pdl"], in: pdl.directory.path)
        #expect(syntax.status == 0, "\(syntax.output)")
        let loaded = try Self.run(
            zsh, ["-f", "-c", "autoload -Uz compinit && compinit -u -D && source ./_pdl && print -r -- $_comps[pdl]"],
            in: pdl.directory.path)
        #expect(loaded.status == 0, "\(loaded.output)")
        #expect(loaded.output.trimmingCharacters(in: .whitespacesAndNewlines) == "_pdl", "\(loaded.output)")
    }

    private static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> (
        status: Int32, output: String
    ) {
        let output = Pipe()
        let process = try SpawnedProcess.start(
            executable, arguments, environment: ["HOME": directory, "PATH": "/usr/bin:/bin"], directory: directory,
            standardOutput: output.fileHandleForWriting.fileDescriptor,
            standardError: output.fileHandleForWriting.fileDescriptor)
        try output.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.wait().status, text)
    }
}
