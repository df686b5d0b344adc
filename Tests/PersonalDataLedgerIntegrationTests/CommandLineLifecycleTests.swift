import Foundation
import Testing

@testable import TestSupport

/// A lifecycle that always ends and erasure requests that are remembered (issue 10, items 3 and
/// 4), from `pdl` alone.
@Suite struct CommandLineLifecycleTests {
    static let kari = "customer:10001"
    static let start = "2026-03-02T09:00:00Z"
    /// The values only the order holds; the bookkeeping copy holds the name and billing address.
    static let orderOnly = ["Hyttevegen 7, 2480 Koppang", "kari.order@example.no"]

    static func run(_ pdl: PDLRunner, at now: String = start, _ arguments: String...) throws -> CommandLineResult {
        try pdl.run(arguments, environment: ["PDL_NOW": now])
    }

    @Test func anErasureRequestOnAnUndeliveredOrderIsCarriedOutByTheSweepAfterDelivery() throws {
        let pdl = PDLRunner()
        #expect(try Self.run(pdl, "init").status == 0)
        for arguments in [
            [
                "record", Self.kari, "--category", "name,deliveryAddress,email", "--system", "webshop.orders",
                "--purpose", "customerAccountAndOrders", "--reference", "order:50017", "--value", "Kari Nordmann",
                "--value", Self.orderOnly[0], "--value", Self.orderOnly[1],
            ],
            [
                "record", Self.kari, "--category", "name,billingAddress", "--system", "accounting", "--purpose",
                "legalObligations", "--reference", "order:50017", "--value", "Kari Nordmann", "--value",
                "Storgata 1, 0155 Oslo",
            ],
            ["requests", "receive", "gdpr-2026-0042", "--subject", Self.kari, "--kind", "erasure"],
        ] {
            let result = try pdl.run(arguments, environment: ["PDL_NOW": Self.start])
            #expect(result.status == 0, "\(result)")
        }

        let erased = try Self.run(pdl, "erase", Self.kari)
        #expect(erased.status == 0, "\(erased)")
        #expect(erased.stdout.contains("Nothing can be erased now"), "\(erased)")
        #expect(erased.stdout.contains("pdl retention --apply"), "\(erased)")
        let again = try Self.run(pdl, "erase", Self.kari)
        #expect(again.stdout.contains("Nothing to erase"), "asking twice records nothing: \(again)")

        let listed = try Self.run(pdl, "requests", "list")
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.stdout.contains("Erasures waiting for a legal hold to end"), "\(listed)")
        #expect(listed.stdout.contains("ongoingContract, kept until orderDelivered of order:50017"), "\(listed)")
        #expect(listed.stdout.contains("bookkeepingObligation, kept until 2031-12-31"), "\(listed)")
        #expect(!listed.prints("Kari Nordmann") && !listed.prints(Self.orderOnly[0]))
        let closed = try Self.run(pdl, "requests", "close", "gdpr-2026-0042", "--note", "order data erased at delivery")
        #expect(closed.status == 0, "\(closed)")
        #expect(try Self.run(pdl, "requests", "list").stdout.contains("Erasures waiting"), "closed, not done")

        let report = try Self.run(pdl, "report", Self.kari, "--language", "nb")
        #expect(report.stdout.contains("Sletting du har bedt om, men som må vente"), "\(report)")
        #expect(report.stdout.contains("til ordren er levert"), "\(report)")

        let delivered = "2026-03-10T15:00:00Z"
        let lifecycle = try Self.run(
            pdl, at: delivered, "lifecycle", "orderDelivered", "--reference", "order:50017", "--at",
            "2026-03-10T14:00:00Z")
        #expect(lifecycle.status == 0, "\(lifecycle)")
        let later = "2026-03-11T09:00:00Z"
        let due = try Self.run(pdl, at: later, "retention")
        #expect(due.stdout.contains("Erasures asked for whose legal hold has ended: 3 holding(s)."), "\(due)")
        let swept = try Self.run(pdl, at: later, "retention", "--apply")
        #expect(swept.status == 0, "\(swept)")
        #expect(swept.stdout.contains("Erased 3 holding(s) of 1 subject(s)"), "\(swept)")

        for needle in Self.orderOnly {
            #expect(FileStoreTesting.filesContaining(needle, in: pdl.ledger).isEmpty, "\(needle) survives")
        }
        // The bookkeeping copy, a holding of its own, stays for its own period and still waits.
        #expect(FileStoreTesting.filesContaining("Storgata 1, 0155 Oslo", in: pdl.ledger) == ["values.vault"])
        let after = try Self.run(pdl, at: later, "requests", "show", "gdpr-2026-0042")
        #expect(after.stdout.contains("bookkeepingObligation, kept until 2031-12-31"), "\(after)")
        #expect(!after.stdout.contains("ongoingContract"), "\(after)")
        let pending = try Self.run(pdl, at: later, "requests", "pending", "--format", "json")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(pending.stdout.utf8)) as? [String: Any], "\(pending)")
        #expect(document["schema"] as? String == "pdl.pending-erasures")
        let entries = try #require(document["pendingErasures"] as? [[String: Any]], "\(pending)")
        #expect(entries.map { $0["hold"] as? String } == ["bookkeepingObligation", "bookkeepingObligation"])
        #expect(entries.allSatisfy { $0["isDue"] as? Bool == false && $0["until"] != nil })
        #expect(try Self.run(pdl, at: later, "verify").status == 0)
    }

    /// The person asked for everything to go: when the sweep erases the last of what the
    /// bookkeeping hold kept, the identifier goes too, and nothing finds Kari any more.
    @Test func theLastPendingErasureErasesTheIdentifier() throws {
        let pdl = PDLRunner()
        #expect(try Self.run(pdl, "init").status == 0)
        for arguments in [
            [
                "record", Self.kari, "--category", "name,deliveryAddress,email", "--system", "webshop.orders",
                "--purpose", "customerAccountAndOrders", "--reference", "order:50017", "--value", "Kari Nordmann",
                "--value", Self.orderOnly[0], "--value", Self.orderOnly[1],
            ],
            [
                "record", Self.kari, "--category", "name,billingAddress", "--system", "accounting", "--purpose",
                "legalObligations", "--reference", "order:50017", "--value", "Kari Nordmann", "--value",
                "Storgata 1, 0155 Oslo",
            ],
            ["erase", Self.kari],
            ["lifecycle", "orderDelivered", "--reference", "order:50017", "--at", "2026-03-02T10:00:00Z"],
        ] {
            let result = try pdl.run(arguments, environment: ["PDL_NOW": Self.start])
            #expect(result.status == 0, "\(result)")
        }
        let delivered = try Self.run(pdl, at: "2026-03-03T09:00:00Z", "retention", "--apply")
        #expect(delivered.stdout.contains("Erased 3 holding(s) of 1 subject(s)"), "\(delivered)")
        #expect(try Self.run(pdl, "find", "--email", Self.orderOnly[1]).stdout.contains(Self.kari) == false)
        #expect(FileStoreTesting.filesContaining(Self.kari, in: pdl.ledger) == ["identities.vault"])

        let swept = try Self.run(pdl, at: "2032-01-02T09:00:00Z", "retention", "--apply")
        #expect(swept.status == 0, "\(swept)")
        #expect(swept.stdout.contains("Erased 2 holding(s) of 1 subject(s)"), "\(swept)")
        for needle in Self.orderOnly + ["Storgata 1, 0155 Oslo", "Kari Nordmann", Self.kari] {
            #expect(FileStoreTesting.filesContaining(needle, in: pdl.ledger).isEmpty, "\(needle) survives")
        }
        let pending = try Self.run(pdl, at: "2032-01-02T09:00:00Z", "requests", "pending")
        #expect(pending.status == 0 && pending.stdout.contains("No erasure waits for a legal hold."), "\(pending)")
        let report = try Self.run(pdl, at: "2032-01-02T09:00:00Z", "report", Self.kari, "--format", "json")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any], "\(report)")
        #expect((document["heldData"] as? [Any])?.isEmpty == true, "\(report)")
        #expect((document["erasures"] as? [Any])?.isEmpty == true, "\(report)")
        #expect(try Self.run(pdl, at: "2032-01-02T09:00:00Z", "verify").status == 0)
    }

    @Test func aCaseIsLinkedToItsOrderAndAHiredApplicantMovesToTheEmployeeRecords() throws {
        let pdl = PDLRunner()
        #expect(try Self.run(pdl, "init").status == 0)
        let linked = try Self.run(pdl, "link-reference", "case:9001", "order:50017")
        #expect(linked.status == 0, "\(linked)")
        #expect(linked.stdout == "Recorded fact 1: case:9001 concerns order:50017.\n", "\(linked)")
        let same = try Self.run(pdl, "link-reference", "case:9001", "case:9001")
        #expect(same.status == 1 && same.stderr.contains("invalidRequest"), "\(same)")

        let applied = try Self.run(
            pdl, "record", "applicant:2001", "--category", "name,email", "--system", "recruitment", "--purpose",
            "jobApplicants", "--reference", "application:2001", "--value", "Per Søker", "--value",
            "per.soker@example.no")
        #expect(applied.status == 0, "\(applied)")
        let unknown = try Self.run(
            pdl, "hire", "applicant:2001", "--application", "application:9999", "--employment", "employment:1")
        #expect(unknown.status == 1 && !unknown.prints("Per Søker"), "\(unknown)")
        let hired = try Self.run(
            pdl, at: "2026-04-01T09:00:00Z", "hire", "applicant:2001", "--application", "application:2001",
            "--employment", "employment:2026-004")
        #expect(hired.status == 0, "\(hired)")
        #expect(hired.stdout.contains("moved 2 holding(s) to the employee records"), "\(hired)")
        let swept = try Self.run(pdl, at: "2026-04-01T10:00:00Z", "retention", "--apply")
        #expect(swept.stdout.contains("Erased 2 holding(s)"), "\(swept)")
        let report = try Self.run(pdl, at: "2026-04-01T10:00:00Z", "report", "applicant:2001", "--reveal")
        #expect(report.stdout.contains("Per Søker") && report.stdout.contains("personnel"), "\(report)")

        let unreferenced = try Self.run(
            pdl, "record", "customer:1", "--category", "phone", "--system", "service.cases", "--purpose",
            "complaintsAndService", "--value", "+47 912 34 567")
        #expect(unreferenced.status == 1 && unreferenced.stderr.contains("referenceRequired"), "\(unreferenced)")
        #expect(!unreferenced.prints("912"))
    }
}
