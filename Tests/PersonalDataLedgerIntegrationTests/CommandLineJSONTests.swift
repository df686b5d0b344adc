import Foundation
import Testing

@testable import TestSupport

/// `--format json` on every command that prints results (issue 14, item 4): the built `pdl`, run
/// on the demo ledger, prints one JSON document naming its schema and version on standard output
/// and nothing else; progress and warnings stay on standard error.
@Suite struct CommandLineJSONTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let schema: String
        /// A key the document must hold beside `schema` and `schemaVersion`.
        let key: String

        init(_ arguments: [String], _ schema: String, key: String) {
            self.arguments = arguments
            self.schema = schema
            self.key = key
        }

        var testDescription: String { "pdl " + arguments.joined(separator: " ") }
    }

    static let kari = "customer:10001"

    static let cases: [Case] = [
        Case(["init"], "pdl.init", key: "integrityHead"),
        Case(["demo"], "pdl.access-report", key: "heldData"),
        Case(
            [
                "record", "customer:30001", "--category", "name", "--category", "email", "--system", "webshop.orders",
                "--purpose", "customerAccountAndOrders", "--reference", "order:60001",
            ], "pdl.recorded", key: "facts"),
        Case(
            [
                "consent", kari, "--purpose", "contactRegister", "--given", "--policy", "2018-05-25", "--channel",
                "web-form",
            ], "pdl.recorded", key: "facts"),
        Case(
            ["disclose", kari, "--categories", "name", "--to", "carrier", "--occasion", "shipping"], "pdl.recorded",
            key: "facts"),
        Case(
            ["grant", "backup-provider", "--system", "accounting", "--occasion", "backup", "--from", "2026-01-01"],
            "pdl.recorded", key: "facts"),
        Case(["lifecycle", "orderDelivered", "--reference", "order:60002"], "pdl.recorded", key: "facts"),
        Case(["link", kari, "applicant:2001"], "pdl.recorded", key: "facts"),
        Case(["link-reference", "case:9001", "order:50017"], "pdl.recorded", key: "facts"),
        Case(
            ["hire", "applicant:2001", "--application", "application:2001", "--employment", "employment:1"],
            "pdl.recorded", key: "facts"),
        Case(["restrict", kari, "--purpose", "contactRegister"], "pdl.recorded", key: "facts"),
        Case(["object", kari, "--purpose", "contactRegister"], "pdl.recorded", key: "facts"),
        Case(["report", kari], "pdl.access-report", key: "heldData"),
        Case(["ropa"], "pdl.record-of-processing", key: "activities"),
        Case(
            ["breach", "--system", "webshop.orders", "--from", "2026-03-01", "--to", "2026-03-05"],
            "pdl.breach-impact", key: "subjects"),
        Case(["verify"], "pdl.verification", key: "integrityHead"),
        Case(["erase", kari, "--dry-run"], "pdl.erasure", key: "plan"),
        Case(["retention", "--as-of", "2032-01-01"], "pdl.retention-due", key: "holdings"),
        Case(["settings", "show"], "pdl.settings", key: "countries"),
        Case(["settings", "set", "--time-zone", "Europe/Oslo"], "pdl.settings", key: "countries"),
        Case(
            ["policy", "publish", "2026-12-01", "--effective", "2027-01-01", "--major"], "pdl.recorded", key: "facts"),
        Case(["policy", "list"], "pdl.policy-versions", key: "versions"),
        Case(["notify-list", "2018-05-25"], "pdl.policy-notification-list", key: "recipients"),
        Case(["find", "--national-id", "16822548834"], "pdl.find", key: "matches"),
        Case(["rectify", kari, "--holding", "6", "--history"], "pdl.value-history", key: "versions"),
        Case(["rectify", kari, "--holding", "6", "--value", "+47 912 34 568"], "pdl.rectification", key: "facts"),
        Case(
            ["requests", "receive", "gdpr-1", "--subject", kari, "--kind", "access", "--received", "2026-11-20"],
            "pdl.request", key: "dueAt"),
        Case(["requests", "list"], "pdl.requests", key: "requests"),
        Case(["requests", "pending"], "pdl.pending-erasures", key: "pendingErasures"),
    ]

    @Test(arguments: cases)
    func printsOneVersionedDocumentAndNothingElse(_ test: Case) throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let result = try pdl.run(test.arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result)")
        let document = try result.json()
        #expect(document["schema"] as? String == test.schema, "\(result)")
        #expect(document["schemaVersion"] as? Int == 1, "\(result)")
        #expect(document[test.key] != nil, "\(result)")
        // Sorted keys, as every pdl document: the top level reads in order.
        let keys = try Self.topLevelKeys(result.stdout)
        #expect(keys == keys.sorted(), "\(result)")
    }

    @Test func recordingCommandsAcknowledgeTheFactsTheyRecorded() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let before = try pdl.head().count
        let result = try pdl.run(
            "record", "customer:30001", "--category", "name,email", "--system", "webshop.orders", "--purpose",
            "customerAccountAndOrders", "--reference", "order:60001", "--format", "json")
        let facts = try #require(try result.json()["facts"] as? [[String: Any]], "\(result)")
        #expect(facts.map { $0["sequence"] as? Int } == [before + 1, before + 2])
        #expect(facts.allSatisfy { $0["kind"] as? String == "holding" && $0["actor"] as? String == "pdl" })
        #expect(facts.allSatisfy { ($0["recordedAt"] as? String) == PDLRunner.now })
        #expect(try result.json()["command"] as? String == "record")
    }

    @Test func aRefusedCommandPrintsNoJSONAndExitsOne() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let result = try pdl.run(
            "record", Self.kari, "--category", "nationalIDNumber", "--system", "webshop.orders", "--purpose",
            "customerAccountAndOrders", "--format", "json")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains("purposeLimitation"), "\(result)")
    }

    @Test func importAndCheckpointNameTheirSchemas() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let export = pdl.path("facts.jsonl")
        let exported = try pdl.run("export", "--output", export)
        #expect(exported.status == 0, "\(exported)")
        // Standard error is a file here, not a terminal: no progress line without --progress.
        #expect(!exported.stderr.contains("\r"), "\(exported)")
        try PDLRunner.copyIdentifierKey(pdl, from: "ledger", to: "kept")
        let copy = pdl.path("kept")
        #expect(try pdl.run("init", "--store", copy).status == 0)
        // Progress forced on: it goes to standard error, and standard output stays one document.
        let kept = try pdl.run("import", export, "--store", copy, "--format", "json", "--progress")
        #expect(kept.status == 0, "\(kept)")
        let document = try kept.json()
        #expect(document["schema"] as? String == "pdl.import")
        #expect(document["chain"] as? String == "keep")
        #expect((document["imported"] as? Int ?? 0) > 0)
        #expect(document["integrityHead"] as? [String: Any] != nil)
        #expect(kept.stderr.contains("\rImport: ") && kept.stderr.contains("(100%)"), "\(kept)")
        let checkpoint = try pdl.run("checkpoint", "--store", copy).json()
        #expect(checkpoint["schema"] as? String == "pdl.checkpoint" && checkpoint["schemaVersion"] as? Int == 1)
    }

    /// A checkpoint written before it named its schema still verifies.
    @Test func aCheckpointWithoutSchemaStillVerifies() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let head = try pdl.head()
        let old = pdl.path("old.checkpoint")
        try Data(#"{"count": \#(head.count), "createdAt": "2026-06-01T09:00:00Z", "hash": "\#(head.hash)"}"#.utf8)
            .write(to: URL(filePath: old))
        let verified = try pdl.run("verify", "--checkpoint", old, "--format", "json")
        #expect(verified.status == 0, "\(verified)")
        let checkpoint = try #require(try verified.json()["checkpoint"] as? [String: Any], "\(verified)")
        #expect(checkpoint["count"] as? Int == head.count)
    }

    /// The keys of the top-level object, in the order they are written.
    static func topLevelKeys(_ json: String) throws -> [String] {
        // Pretty-printed with two-space indentation: top-level keys are the lines at depth one.
        json.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  \""), !line.hasPrefix("   ") else { return nil }
            return String(line.dropFirst(3).prefix { $0 != "\"" })
        }
    }
}
