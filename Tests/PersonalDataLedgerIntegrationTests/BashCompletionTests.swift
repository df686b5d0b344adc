import Foundation
import Testing

@testable import TestSupport

/// `pdl completion bash`, sourced in a real bash and driven as bash drives it: `COMP_WORDS` and
/// `COMP_CWORD` set, `_pdl` called, `COMPREPLY` read.
@Suite struct BashCompletionTests {
    static let bash = ["/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash", "/opt/homebrew/bin/bash"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The words typed so far (the last one being completed) and what must be offered.
    struct Case: CustomTestStringConvertible, Sendable {
        let words: [String]
        let offered: [String]
        var exactly = false
        var testDescription: String { "pdl " + words.dropFirst().joined(separator: " ") + "⇥" }
    }

    static let cases = [
        Case(words: ["pdl", "req"], offered: ["requests"], exactly: true),
        Case(
            words: ["pdl", "re"], offered: ["record", "report", "retention", "rectify", "requests", "restrict"],
            exactly: true),
        Case(words: ["pdl", "--v"], offered: ["--version"], exactly: true),
        Case(
            words: ["pdl", "requests", ""], offered: ["receive", "extend", "close", "list", "show", "pending"],
            exactly: true
        ),
        Case(words: ["pdl", "requests", "rec"], offered: ["receive"], exactly: true),
        Case(words: ["pdl", "policy", ""], offered: ["publish", "list"], exactly: true),
        Case(words: ["pdl", "requests", "receive", "r-1", "--k"], offered: ["--kind"], exactly: true),
        Case(
            words: ["pdl", "requests", "receive", "r-1", "--kind", ""],
            offered: ["access", "erasure", "rectification", "restriction", "objection", "portability"]),
        Case(words: ["pdl", "report", "customer:1", "--for"], offered: ["--format"], exactly: true),
        Case(
            words: ["pdl", "report", "customer:1", "--format", ""], offered: ["text", "json", "markdown", "html"],
            exactly: true),
        Case(words: ["pdl", "report", "customer:1", "--language", "n"], offered: ["nb"], exactly: true),
        Case(words: ["pdl", "erase", "customer:1", "--dr"], offered: ["--dry-run"], exactly: true),
        Case(words: ["pdl", "erase", "customer:1", "--st"], offered: ["--store"], exactly: true),
        Case(words: ["pdl", "completion", ""], offered: ["bash", "zsh"], exactly: true),
        Case(words: ["pdl", "help", "not"], offered: ["notify-list"], exactly: true),
        Case(words: ["pdl", "record", "customer:1", "--category", ""], offered: [], exactly: true),
        Case(words: ["pdl", "verify", "--store", "led"], offered: ["ledger"], exactly: true),
    ]

    @Test(arguments: cases)
    func bashCompletes(_ completion: Case) throws {
        guard let bash = Self.bash else {
            print("Skipped: no bash on this machine to source the completion script in.")
            return
        }
        let pdl = PDLRunner()
        let script = try pdl.run("completion", "bash")
        #expect(script.status == 0, "\(script)")
        try Data(script.stdout.utf8).write(to: URL(filePath: pdl.path("pdl.bash")))
        try FileManager.default.createDirectory(
            atPath: pdl.path("ledger"), withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let quoted = completion.words.map { "'" + $0 + "'" }.joined(separator: " ")
        let driver = """
            source ./pdl.bash
            complete -p pdl
            COMP_WORDS=(\(quoted))
            COMP_CWORD=\(completion.words.count - 1)
            _pdl
            printf 'reply:%s\\n' "${COMPREPLY[@]}"
            """
        let output = Pipe()
        let process = try SpawnedProcess.start(
            bash, ["--noprofile", "--norc", "-c", driver], directory: pdl.directory.path,
            standardOutput: output.fileHandleForWriting.fileDescriptor)
        try output.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.wait().status == 0, "\(text)")
        #expect(text.contains("complete -F _pdl pdl"), "\(text)")
        let replies = text.split(separator: "\n").filter { $0.hasPrefix("reply:") }.map { String($0.dropFirst(6)) }
            .filter { !$0.isEmpty }
        if completion.exactly {
            #expect(Set(replies) == Set(completion.offered), "\(text)")
        } else {
            #expect(Set(completion.offered).isSubset(of: Set(replies)), "\(text)")
        }
    }
}
