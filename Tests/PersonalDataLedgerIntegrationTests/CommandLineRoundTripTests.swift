import Foundation
import Testing

@testable import TestSupport

/// A ledger moved by `pdl export` and `pdl import` keeps its chain: a checkpoint taken before the
/// move verifies after it, and importing the export again changes nothing.
@Suite struct CommandLineRoundTripTests {
    @Test func aCheckpointTakenBeforeAMoveVerifiesAfterIt() throws {
        let pdl = PDLRunner()
        try pdl.demo(store: "old")
        let received = try pdl.run(
            "requests", "receive", "gdpr-1", "--subject", "customer:10001", "--kind", "access", "--received",
            PDLRunner.today, "--store", "old")
        #expect(received.status == 0, "\(received)")
        #expect(try pdl.run("checkpoint", "--store", "old", "--output", "before.json").status == 0)
        let before = try pdl.head(store: "old")
        #expect(try pdl.run("export", "--store", "old", "--output", "facts.jsonl").status == 0)

        try PDLRunner.copyIdentifierKey(pdl, from: "old", to: "new")
        #expect(try pdl.run("init", "--store", "new").status == 0)
        let imported = try pdl.run("import", "facts.jsonl", "--store", "new", "--batch-size", "5")
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("Imported \(before.count) facts (0 already present)"), "\(imported)")
        #expect(imported.stdout.contains("the export's chain, kept"), "\(imported)")
        #expect(try pdl.head(store: "new") == before)

        let verified = try pdl.run("verify", "--checkpoint", "before.json", "--store", "new")
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.stdout.contains("OK: the \(before.count) facts of the checkpoint"), "\(verified)")
        let found = try pdl.run("find", "--email", "kari.nordmann@example.no", "--store", "new")
        #expect(found.status == 0 && found.stdout.contains("customer:10001"), "\(found)")
        let requests = try pdl.run("requests", "--store", "new")
        #expect(requests.stdout.contains("gdpr-1"), "\(requests)")

        // Importing the export again, into the copy or into the ledger it came from, is a no-op.
        for store in ["new", "old"] {
            let again = try pdl.run("import", "facts.jsonl", "--store", store)
            #expect(again.status == 0, "\(again)")
            #expect(again.stdout.contains("Imported 0 facts (\(before.count) already present)"), "\(again)")
            #expect(try pdl.head(store: store) == before)
        }
    }
}
