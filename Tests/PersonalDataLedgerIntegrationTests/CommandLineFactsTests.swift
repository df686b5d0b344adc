import Foundation
import Testing

/// Every fact from `pdl` (issue 10, item 2): consent, disclosure, access grant, lifecycle event,
/// subject link, restriction, objection and holdings of several categories, each validated by the
/// library, and the whole demo story recorded from the command line alone.
@Suite struct CommandLineFactsTests {
    static let kari = "customer:10001"

    /// `pdl arguments…` at the instant `now`, which must succeed and print one "Recorded fact" line.
    @discardableResult
    static func recorded(_ pdl: PDLRunner, at now: String, _ arguments: String...) throws -> CommandLineResult {
        let result = try pdl.run(arguments, environment: ["PDL_NOW": now])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("Recorded fact"), "\(result)")
        #expect(result.stdout.split(separator: "\n").count == 1, "\(result)")
        return result
    }

    /// The demo story (`DemoStory.record`), fact by fact and at the same instants, from `pdl` alone.
    static func recordTheDemoStory(_ pdl: PDLRunner) throws {
        let start = "2026-03-02T09:15:00Z"
        #expect(try pdl.run(["init"], environment: ["PDL_NOW": start]).status == 0)
        let publish = try pdl.run(
            ["policy", "publish", "2018-05-25", "--effective", "2018-05-25", "--major"],
            environment: ["PDL_NOW": start])
        #expect(publish.status == 0, "\(publish)")
        try recorded(
            pdl, at: start, "grant", "backup-provider", "--system", "webshop.orders", "--occasion", "backup",
            "--from", "2024-01-01", "--actor", "it-operations")

        let ordered = "2026-03-02T10:04:12Z"
        let order = try recorded(
            pdl, at: ordered, "record", kari, "--category", "name,billingAddress", "--category", "deliveryAddress",
            "--category", "phone", "--category", "email", "--category", "ipAddress", "--system", "webshop.orders",
            "--purpose", "customerAccountAndOrders", "--basis", "contract", "--reference", "order:50017",
            "--value", "Kari Nordmann", "--value", "Storgata 1, 0155 Oslo", "--value", "Storgata 1, 0155 Oslo",
            "--value", "+47 912 34 567", "--value", "kari.nordmann@example.no", "--value", "203.0.113.42",
            "--actor", "webshop")
        #expect(order.stdout.hasPrefix("Recorded facts 3–8: name, billingAddress, deliveryAddress, phone"))
        #expect(!order.prints("Kari Nordmann") && !order.prints("Storgata") && !order.prints("203.0.113.42"))
        try recorded(
            pdl, at: ordered, "record", kari, "--category", "name", "--category", "billingAddress", "--system",
            "accounting", "--purpose", "legalObligations", "--reference", "order:50017", "--value", "Kari Nordmann",
            "--value", "Storgata 1, 0155 Oslo", "--actor", "webshop")
        let given = try recorded(
            pdl, at: ordered, "consent", kari, "--purpose", "contactRegister", "--given", "--policy", "2018-05-25",
            "--channel", "checkout-checkbox", "--evidence", "form:checkout-v3", "--actor", "webshop")
        #expect(given.stdout.contains("Recorded fact 11: consent of \(kari) to contactRegister given"))
        try recorded(
            pdl, at: ordered, "record", kari, "--category", "name,email", "--system", "marketing.contacts",
            "--purpose", "contactRegister", "--basis", "consent", "--value", "Kari Nordmann", "--value",
            "kari.nordmann@example.no", "--actor", "webshop")

        let disclosed = try recorded(
            pdl, at: "2026-03-03T14:30:00Z", "disclose", kari, "--categories", "name,deliveryAddress,phone", "--to",
            "carrier", "--occasion", "shipping", "--reference", "order:50017", "--actor", "warehouse")
        #expect(disclosed.stdout.contains("name, deliveryAddress, phone of \(kari) disclosed to carrier for shipping"))
        try recorded(
            pdl, at: "2026-12-01T09:00:00Z", "lifecycle", "orderDelivered", "--reference", "order:50017", "--at",
            "2026-03-05T11:02:00Z", "--actor", "warehouse")

        try recorded(
            pdl, at: "2026-04-01T08:45:00Z", "record", "applicant:2001", "--category", "name", "--category",
            "residentialAddress", "--category", "phone", "--category", "email", "--system", "recruitment", "--purpose",
            "jobApplicants", "--basis", "contract", "--reference", "application:2001", "--value", "Ola Nordmann",
            "--value", "Kirkegata 5, 7011 Trondheim", "--value", "+47 934 56 789", "--value",
            "ola.nordmann@example.no", "--actor", "recruitment")

        try recorded(
            pdl, at: "2026-04-10T12:20:00Z", "record", kari, "--category", "nationalIDNumber,name,phone,email",
            "--system", "service.cases", "--purpose", "complaintsAndService", "--basis", "contract", "--reference",
            "case:7001", "--value", "16822548834", "--value", "Kari Nordmann", "--value", "+47 912 34 567",
            "--value", "kari.nordmann@example.no", "--actor", "customer-service")
        try recorded(
            pdl, at: "2026-05-02T15:10:00Z", "lifecycle", "caseClosed", "--reference", "case:7001", "--actor",
            "customer-service")

        let withdrawn = try recorded(
            pdl, at: "2026-05-20T19:41:00Z", "consent", kari, "--purpose", "contactRegister", "--withdrawn",
            "--policy", "2018-05-25", "--channel", "unsubscribe-link", "--evidence", "mail:newsletter-2026-05",
            "--actor", "mailing")
        #expect(withdrawn.stdout.contains("Recorded fact 25: consent of \(kari) to contactRegister withdrawn"))
    }

    @Test func theWholeDemoStoryFromPDLAlone() throws {
        let pdl = PDLRunner()
        try Self.recordTheDemoStory(pdl)
        #expect(try pdl.head().count == 25, "the demo story is 25 facts")
        let report = try pdl.run("report", Self.kari)
        #expect(report.status == 0, "\(report)")
        for line in [
            "Who received it",
            "  - Backup provider — Backup services: Access to webshop.orders from 1 January 2024 (ongoing)",
            "  - Carrier — Completing shipments: Disclosed 3 March 2026 (order:50017)",
            "      Categories: Name, Delivery address, Telephone number",
            "Consent history",
            "  - 2 March 2026 given — Contact register and mailings (policy 2018-05-25, checkout-checkbox, "
                + "form:checkout-v3)",
            "  - 20 May 2026 withdrawn — Contact register and mailings (policy 2018-05-25, unsubscribe-link, "
                + "mail:newsletter-2026-05)",
            "Kept: until 5 March 2028",
        ] {
            #expect(report.stdout.contains(line), "the report lacks \(line)\n\(report)")
        }

        // The same story told by pdl demo gives the same report.
        let demo = PDLRunner()
        try demo.demo()
        let demoReport = try demo.run("report", Self.kari)
        #expect(demoReport.status == 0, "\(demoReport)")
        #expect(demoReport.stdout == report.stdout)
    }

    /// A ledger with a published policy and Kari's order, for the refusals.
    static func ledgerWithAnOrder() throws -> PDLRunner {
        let pdl = PDLRunner()
        #expect(try pdl.run("init").status == 0)
        #expect(try pdl.run("policy", "publish", "2018-05-25", "--effective", "2018-05-25").status == 0)
        try recorded(
            pdl, at: PDLRunner.now, "record", kari, "--category", "name,deliveryAddress", "--system",
            "webshop.orders", "--purpose", "customerAccountAndOrders", "--reference", "order:50017")
        return pdl
    }

    /// A command line that is refused, and how.
    struct Refusal: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let status: Int32
        /// The rule (exit status 1) or a phrase of the usage error (exit status 2).
        let names: String

        var testDescription: String { "pdl " + arguments.joined(separator: " ") }
    }

    static let refusals: [Refusal] = [
        Refusal(
            arguments: [
                "consent", kari, "--purpose", "contactRegister", "--given", "--policy", "2026-06-01", "--channel",
                "web",
            ], status: 1, names: "unknownPolicyVersion"),
        Refusal(
            arguments: [
                "consent", kari, "--purpose", "contactRegister", "--given", "--withdrawn", "--policy", "2018-05-25",
                "--channel", "web",
            ], status: 2, names: "exactly one of --given, --withdrawn and --refused"),
        Refusal(
            arguments: ["consent", kari, "--purpose", "contactRegister", "--policy", "2018-05-25", "--channel", "web"],
            status: 2, names: "exactly one of --given, --withdrawn and --refused"),
        Refusal(
            arguments: [
                "consent", kari, "--purpose", "contactRegistr", "--refused", "--policy", "2018-05-25", "--channel",
                "web",
            ], status: 1, names: "unknownPurpose"),
        Refusal(
            arguments: ["disclose", kari, "--categories", "name", "--to", "carrier", "--occasion", "backup"],
            status: 1, names: "recipientOccasion"),
        Refusal(
            arguments: ["disclose", kari, "--categories", "email", "--to", "carrier", "--occasion", "shipping"],
            status: 1, names: "not held about this person"),
        Refusal(
            arguments: ["disclose", kari, "--to", "carrier", "--occasion", "shipping"], status: 2, names: "--categories"
        ),
        Refusal(
            arguments: [
                "grant", "carrier", "--system", "webshop.orders", "--occasion", "backup", "--from", "2024-01-01",
            ],
            status: 1, names: "recipientOccasion"),
        Refusal(
            arguments: [
                "grant", "backup-provider", "--system", "webshop.orders", "--occasion", "backup", "--from",
                "2026-01-01", "--until", "2025-12-31",
            ], status: 1, names: "cannot end before it starts"),
        Refusal(
            arguments: [
                "grant", "backup-provider", "--system", "webshop.orders", "--occasion", "backup", "--from",
                "2026-02-31",
            ],
            status: 2, names: "not a day of the calendar"),
        Refusal(
            arguments: ["lifecycle", "orderDeliverd", "--reference", "order:50017"], status: 1,
            names: "unknownLifecycleKind"),
        Refusal(arguments: ["lifecycle", "orderDelivered"], status: 2, names: "--reference"),
        Refusal(arguments: ["link", kari, kari], status: 1, names: "cannot be linked to itself"),
        Refusal(arguments: ["link", kari], status: 2, names: "OTHER"),
        Refusal(arguments: ["restrict", kari, "--purpose", "contactRegistr"], status: 1, names: "unknownPurpose"),
        Refusal(
            arguments: ["lift-restriction", kari, "--purpose", "contactRegistr"], status: 1, names: "unknownPurpose"),
        Refusal(arguments: ["object", kari, "--purpose", "contactRegistr"], status: 1, names: "unknownPurpose"),
        Refusal(arguments: ["object", kari], status: 2, names: "--purpose"),
        Refusal(
            arguments: ["withdraw-objection", kari, "--purpose", "contactRegistr"], status: 1, names: "unknownPurpose"),
        Refusal(
            arguments: [
                "record", kari, "--category", "name,email", "--system", "webshop.orders", "--purpose",
                "customerAccountAndOrders", "--value", "Kari Nordmann",
            ], status: 2, names: "one --value per --category"),
        Refusal(
            arguments: [
                "record", kari, "--category", "name,email", "--system", "webshop.orders", "--purpose",
                "customerAccountAndOrders", "--value", "-", "--value", "-",
            ], status: 2, names: "works with one --category only"),
        Refusal(
            arguments: [
                "record", kari, "--category", "email", "--system", "webshop.orders", "--purpose",
                "customerAccountAndOrders", "--value", "kari@example.no", "--value", "kari@example.com",
            ], status: 2, names: "one --value per --category"),
        Refusal(
            arguments: [
                "record", kari, "--category", "name,email", "--system", "webshop.orders", "--purpose",
                "customerAccountAndOrders", "--value", "Kari Nordmann", "--value", "kari@secret-domain",
            ], status: 1, names: "malformedValue"),
        Refusal(
            arguments: [
                "record", kari, "--category", "name,email", "--system", "marketing.contacts", "--purpose",
                "contactRegister", "--basis", "consent",
            ], status: 1, names: "consentRequired"),
        Refusal(
            arguments: ["lifecycle", "orderDelivered", "--reference", "order:50017", "--at", "2026-13-01"], status: 2,
            names: "not a day of the calendar"),
    ]

    @Test(arguments: refusals)
    func aRefusedFactRecordsNothing(_ refusal: Refusal) throws {
        let pdl = try Self.ledgerWithAnOrder()
        let before = try pdl.head()
        let result = try pdl.run(refusal.arguments)
        #expect(result.status == refusal.status, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains(refusal.names), "\(result)")
        #expect(!result.prints("Kari Nordmann") && !result.prints("secret-domain"), "\(result)")
        #expect(try pdl.head() == before)
    }

    @Test func aRestrictionAndAnObjectionStopRecordingUntilLifted() throws {
        let pdl = try Self.ledgerWithAnOrder()
        let email = [
            "record", Self.kari, "--category", "email", "--system", "webshop.orders", "--purpose",
            "customerAccountAndOrders",
        ]
        let restricted = try Self.recorded(pdl, at: PDLRunner.now, "restrict", Self.kari)
        #expect(restricted.stdout.contains("restricted for every purpose"))
        let whileRestricted = try pdl.run(email)
        #expect(whileRestricted.status == 1, "\(whileRestricted)")
        #expect(whileRestricted.stderr.contains("restriction"))
        try Self.recorded(pdl, at: PDLRunner.now, "lift-restriction", Self.kari)
        try Self.recorded(
            pdl, at: PDLRunner.now, "record", Self.kari, "--category", "email", "--system",
            "webshop.orders", "--purpose", "customerAccountAndOrders")

        try Self.recorded(pdl, at: PDLRunner.now, "object", Self.kari, "--purpose", "customerAccountAndOrders")
        let whileObjected = try pdl.run(email)
        #expect(whileObjected.status == 1, "\(whileObjected)")
        #expect(whileObjected.stderr.contains("objection"))
        let withdrawn = try Self.recorded(
            pdl, at: PDLRunner.now, "withdraw-objection", Self.kari, "--purpose", "customerAccountAndOrders")
        #expect(withdrawn.stdout.contains("withdrew the objection to processing for customerAccountAndOrders"))
        try Self.recorded(
            pdl, at: PDLRunner.now, "record", Self.kari, "--category", "email", "--system",
            "webshop.orders", "--purpose", "customerAccountAndOrders")
    }

    @Test func aLinkJoinsTheReports() throws {
        let pdl = try Self.ledgerWithAnOrder()
        try Self.recorded(
            pdl, at: PDLRunner.now, "record", "applicant:2001", "--category", "name", "--system", "recruitment",
            "--purpose", "jobApplicants", "--reference", "application:2001")
        let linked = try Self.recorded(pdl, at: PDLRunner.now, "link", Self.kari, "applicant:2001")
        #expect(linked.stdout.contains("\(Self.kari) and applicant:2001 are the same person"))
        let report = try pdl.run("report", Self.kari)
        #expect(report.status == 0, "\(report)")
        #expect(report.stdout.contains("recruitment"), "\(report)")
    }

    @Test(arguments: [
        "consent", "disclose", "grant", "lifecycle", "link", "restrict", "lift-restriction", "object",
        "withdraw-objection",
    ])
    func everyNewCommandExplainsItself(command: String) throws {
        let pdl = PDLRunner()
        let help = try pdl.run(command, "--help")
        #expect(help.status == 0, "\(help)")
        #expect(help.stdout.contains("Usage: pdl \(command)"))
        #expect(help.stdout.contains("Example"))
        let general = try pdl.run("--help")
        #expect(general.stdout.contains("\n  \(command) "))
        #expect(!FileManager.default.fileExists(atPath: pdl.ledger), "--help opened a store")
    }

    @Test func aMissingLedgerIsNotCreatedByARecordingCommand() throws {
        let pdl = PDLRunner()
        let result = try pdl.run("lifecycle", "orderDelivered", "--reference", "order:50017")
        #expect(result.status == 3, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: pdl.ledger))
    }
}
