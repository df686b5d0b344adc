import Foundation
import Testing

@testable import TestSupport

/// What a DPO's typo does: a mistyped `--store`, a mistyped subject, a day that does not exist.
/// Each must fail or warn, never answer confidently from nothing.
@Suite struct CommandLineTypoTests {
    /// Every command that writes, run against a directory that holds no ledger.
    static let writers: [[String]] = [
        ["report", "customer:10001"],
        ["erase", "customer:10001", "--dry-run"],
        [
            "record", "customer:10001", "--category", "email", "--system", "webshop.orders", "--purpose",
            "customerAccountAndOrders",
        ],
        ["requests", "receive", "gdpr-1", "--subject", "customer:10001", "--kind", "access"],
        ["policy", "publish", "2026-05-20", "--effective", "2026-06-01", "--major"],
        ["import", "-"],
    ]

    @Test(arguments: writers)
    func aMistypedStoreCreatesNothingAndFails(_ command: [String]) throws {
        let pdl = PDLRunner()
        let result = try pdl.run(command + ["--store", "ledgr"])
        #expect(result.status == 3, "\(result)")
        #expect(result.stderr.contains("There is no ledger in ledgr"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: pdl.path("ledgr")))
    }

    @Test func aReportOnASubjectWithNoFactsWarnsBeforeItIsSent() throws {
        let pdl = PDLRunner()
        #expect(try pdl.run("init").status == 0)
        let result = try pdl.run("report", "customer:1000l")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("warning: the ledger holds no facts about customer:1000l"), "\(result)")
    }

    @Test func anErasureOfASubjectWithNoFactsWarns() throws {
        let pdl = PDLRunner()
        #expect(try pdl.run("init").status == 0)
        let result = try pdl.run("erase", "customer:1000l", "--dry-run")
        #expect(result.stderr.contains("warning: the ledger holds no facts about customer:1000l"), "\(result)")
    }

    @Test(arguments: ["2026-02-31", "2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00"])
    func aDayThatDoesNotExistIsRefusedNotRolledOver(_ day: String) throws {
        let pdl = PDLRunner()
        #expect(try pdl.run("init").status == 0)
        let result = try pdl.run(
            "requests", "receive", "gdpr-1", "--subject", "customer:10001", "--kind", "access", "--received", day)
        #expect(result.status == 2, "\(result)")
        #expect(try pdl.head().count == 0)
    }

    /// A year before 1900 is a typo for the command line (`0226` for `2026`), refused before
    /// the ledger is opened; 0000, which the calendar has, as well.
    @Test(arguments: ["0226-03-01", "0000-06-01", "1899-12-31T23:59:59Z"])
    func aYearBefore1900IsRefusedAsATypo(_ day: String) throws {
        let pdl = PDLRunner()
        #expect(try pdl.run("init").status == 0)
        let result = try pdl.run(
            "requests", "receive", "gdpr-1", "--subject", "customer:10001", "--kind", "access", "--received", day)
        #expect(result.status == 2 && result.stderr.contains("is before 1900"), "\(result)")
        #expect(try pdl.head().count == 0)
    }

    @Test func theFirstDayOf1900IsADay() throws {
        let pdl = PDLRunner()
        #expect(try pdl.run("init").status == 0)
        let result = try pdl.run("policy", "publish", "1900-01-01", "--effective", "1900-01-01")
        #expect(result.status == 0, "\(result)")
    }

    @Test func aLeapDayIsADay() throws {
        let pdl = PDLRunner()
        #expect(try pdl.run("init").status == 0)
        let result = try pdl.run(
            [
                "requests", "receive", "gdpr-1", "--subject", "customer:10001", "--kind", "access", "--received",
                "2028-02-29",
            ], environment: ["PDL_NOW": "2028-03-01T09:00:00Z"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("on 2028-02-29"), "\(result)")
    }

    @Test func aMisspeltLifecycleKindIsRefusedOnImport() throws {
        let pdl = PDLRunner()
        #expect(try pdl.run("init").status == 0)
        // The file comes from a real export, with one kind misspelt.
        #expect(try pdl.run("demo", "--store", "source").status == 0)
        #expect(try pdl.run("export", "--store", "source", "--output", "facts.jsonl").status == 0)
        let original = try String(contentsOfFile: pdl.path("facts.jsonl"), encoding: .utf8)
        #expect(original.contains("\"orderDelivered\""))
        let forged = original.replacingOccurrences(of: "\"orderDelivered\"", with: "\"orderDeliverd\"")
        let result = try pdl.run(["import", "-", "--new-chain"], stdin: forged)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("unknownLifecycleKind"), "\(result)")
    }

    /// What the command line refuses as a typo can still arrive in a file: the ledger's own rule
    /// refuses a year 0000 on import, naming the line and the field, and records nothing.
    @Test func aYearZeroIsRefusedOnImportByTheLedger() throws {
        let pdl = PDLRunner()
        #expect(try pdl.run("init").status == 0)
        #expect(try pdl.run("demo", "--store", "source").status == 0)
        #expect(try pdl.run("export", "--store", "source", "--output", "facts.jsonl").status == 0)
        let original = try String(contentsOfFile: pdl.path("facts.jsonl"), encoding: .utf8)
        let forged = original.replacingOccurrences(of: "\"occurredAt\":\"2026-", with: "\"occurredAt\":\"0000-")
        #expect(forged != original)
        let result = try pdl.run(["import", "-", "--new-chain"], stdin: forged)
        #expect(result.status == 1 && result.stderr.contains("refused (dateOutOfRange)"), "\(result)")
        #expect(result.stderr.contains("'occurredAt'"), "\(result)")
        #expect(try pdl.head().count == 0)
    }
}
