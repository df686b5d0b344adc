import Foundation
import Testing

@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// Issue 13, item 2: after a writer's crash, read-only commands answer as the writer would after
/// recovering — the leftovers ignored, one warning on standard error — instead of refusing.
@Suite struct CommandLineCrashLeftoverTests {
    static let commands = [["verify"], ["find", "--email", "kari.nordmann@example.no"]]

    /// What a crash between a batch's vault writes and its frame leaves: vault bytes after the
    /// last frame, and the first half of a frame.
    static func leaveCrashLeftovers(in ledger: String) throws {
        for name in ["values.vault", "identities.vault", LedgerDirectory.segmentName(1)] {
            let handle = try FileHandle(forWritingTo: URL(filePath: ledger + "/" + name))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([0x30, 0, 0, 0, 0xAB, 0xCD, 0xEF, 0x01] + Array("half".utf8)))
            try handle.close()
        }
    }

    @Test(arguments: commands)
    func aReadOnlyCommandAnswersAndWarnsOnce(arguments: [String]) throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let tidy = try pdl.run(arguments)
        #expect(tidy.status == 0, "\(tidy)")
        #expect(!tidy.stderr.contains("pdl: warning"), "\(tidy)")
        try Self.leaveCrashLeftovers(in: pdl.ledger)
        let crashed = try pdl.run(arguments)
        #expect(crashed.status == 0, "\(crashed)")
        #expect(crashed.stdout == tidy.stdout, "\(crashed)")
        #expect(crashed.stderr.components(separatedBy: "pdl: warning:").count == 2, "\(crashed)")
        #expect(crashed.stderr.contains("next open"), "\(crashed)")
    }
}
