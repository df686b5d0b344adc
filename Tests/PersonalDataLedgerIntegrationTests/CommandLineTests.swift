import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// What one run of `pdl` did.
struct CommandLineResult: CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let stdout: String
    let stderr: String

    var description: String {
        "pdl \(arguments.joined(separator: " ")) → exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)"
    }

    /// Whether either stream holds `text`.
    func prints(_ text: String) -> Bool { stdout.contains(text) || stderr.contains(text) }

    /// The standard output as JSON.
    func json() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "\(self)")
    }
}

/// The built `pdl` run as a subprocess in its own temporary directory, as a DPO runs it in a
/// shell: the default store is `./ledger` there.
struct PDLRunner {
    static let executable = BuiltProducts.executable("pdl")

    /// The instant every run takes as now (`PDL_NOW`), so no test depends on the day it runs.
    static let now = "2026-12-01T09:00:00Z"
    /// ``now``'s UTC day, as `pdl` prints days.
    static let today = "2026-12-01"

    let directory = TemporaryDirectory()
    private let runs = RunCounter()

    /// The default store, `./ledger` in the working directory.
    var ledger: String { directory.path + "/ledger" }

    /// A path in the working directory.
    func path(_ name: String) -> String { directory.path + "/" + name }

    /// Runs `pdl arguments…` with `stdin` as its standard input (empty by default) and waits.
    @discardableResult
    func run(_ arguments: String..., stdin: String = "") throws -> CommandLineResult {
        try run(arguments, stdin: stdin)
    }

    /// Runs `pdl arguments…` with `environment` added to this process's (and `PDL_NOW` set to
    /// ``now`` unless `environment` sets it).
    @discardableResult
    func run(_ arguments: [String], stdin: String = "", environment extra: [String: String] = [:]) throws
        -> CommandLineResult
    {
        try run(arguments, input: Data(stdin.utf8), environment: extra)
    }

    /// Runs `pdl arguments…` with the bytes `input` as its standard input, which need not be UTF-8.
    @discardableResult
    func run(_ arguments: [String], input: Data, environment extra: [String: String] = [:]) throws
        -> CommandLineResult
    {
        let number = runs.next()
        let files = ["in", "out", "err"].map { path(".run-\(number).\($0)") }
        _ = FileManager.default.createFile(atPath: files[0], contents: input)
        _ = FileManager.default.createFile(atPath: files[1], contents: nil)
        _ = FileManager.default.createFile(atPath: files[2], contents: nil)
        defer { for file in files { try? FileManager.default.removeItem(atPath: file) } }
        let handles = try [
            FileHandle(forReadingFrom: URL(filePath: files[0])), FileHandle(forWritingTo: URL(filePath: files[1])),
            FileHandle(forWritingTo: URL(filePath: files[2])),
        ]
        defer { for handle in handles { try? handle.close() } }
        var environment = ProcessInfo.processInfo.environment
        environment["PDL_NOW"] = Self.now
        environment["PDL_STORE"] = nil
        environment.merge(extra) { $1 }
        let process = try SpawnedProcess.start(
            Self.executable.path, arguments, environment: environment, directory: directory.path,
            standardInput: handles[0].fileDescriptor, standardOutput: handles[1].fileDescriptor,
            standardError: handles[2].fileDescriptor)
        let termination = process.wait()
        func read(_ file: String) -> String {
            String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self)
        }
        return CommandLineResult(
            arguments: arguments, status: termination.status, stdout: read(files[1]), stderr: read(files[2]))
    }

    /// Runs `pdl demo` and checks that it recorded the story.
    func demo(store: String? = nil) throws {
        let demo = try run(["demo"] + (store.map { ["--store", $0] } ?? []))
        #expect(demo.status == 0, "\(demo)")
    }

    /// Gives the ledger directory `target` (created mode 0700) the identifier key of the ledger
    /// `source`, as a DPO moving a ledger does before `pdl init`, so an import keeps the chain.
    static func copyIdentifierKey(_ pdl: PDLRunner, from source: String, to target: String) throws {
        try FileManager.default.createDirectory(
            atPath: pdl.path(target), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = try #require(FileManager.default.contents(atPath: pdl.path(source) + "/identifier.key"))
        #expect(
            FileManager.default.createFile(
                atPath: pdl.path(target) + "/identifier.key", contents: key, attributes: [.posixPermissions: 0o600]))
    }

    /// The integrity head as `pdl checkpoint` prints it.
    struct Head: Equatable {
        let count: Int
        let hash: String
    }

    /// The integrity head as `pdl checkpoint` prints it: count and hash.
    func head(store: String? = nil) throws -> Head {
        let checkpoint = try run(["checkpoint"] + (store.map { ["--store", $0] } ?? []))
        #expect(checkpoint.status == 0, "\(checkpoint)")
        let json = try checkpoint.json()
        return Head(count: try #require(json["count"] as? Int), hash: try #require(json["hash"] as? String))
    }

    /// Runs `pdl arguments…` again while the store is locked by this very process: a child that
    /// another test spawns holds copies of this process's descriptors between fork and exec.
    func runUnlocked(_ arguments: String...) throws -> CommandLineResult {
        var attempts = 0
        while true {
            let result = try run(arguments)
            guard result.status == 3, result.stderr.contains("locked by process \(getpid())"), attempts < 50 else {
                return result
            }
            attempts += 1
            usleep(20_000)
        }
    }

    /// How many times `needle` occurs in the bytes of every file under `directory`.
    static func occurrences(of needle: String, under directory: String) -> Int {
        let pattern = Array(needle.utf8)
        var total = 0
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            guard let bytes = FileManager.default.contents(atPath: directory + "/" + name).map(Array.init),
                bytes.count >= pattern.count
            else { continue }
            var index = 0
            while index + pattern.count <= bytes.count {
                if bytes[index] == pattern[0] && Array(bytes[index..<index + pattern.count]) == pattern {
                    total += 1
                    index += pattern.count
                } else {
                    index += 1
                }
            }
        }
        return total
    }
}

/// A thread-safe counter, for unique file names.
private final class RunCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// End-to-end tests of `pdl` as a data protection officer uses it (issue 4 and 5, "Done means"):
/// the built binary, run as a subprocess, its standard output, standard error and exit status.
@Suite struct CommandLineTests {
    static let commands = [
        "init", "demo", "record", "import", "export", "report", "ropa", "breach", "verify", "checkpoint", "erase",
        "retention", "policy", "notify-list", "find", "rectify", "requests",
    ]
    static let kari = "customer:10001"
    static let email = "kari.nordmann@example.no"
    static let nationalID = "16822548834"

    /// The day every run takes as today (`PDL_NOW`).
    static let today = PDLRunner.today

    // MARK: - Unix habits

    @Test func helpListsEveryCommandAndNoArgumentsIsAUsageError() throws {
        let pdl = PDLRunner()
        let help = try pdl.run("--help")
        #expect(help.status == 0, "\(help)")
        #expect(help.stderr.isEmpty)
        for command in Self.commands {
            #expect(help.stdout.contains("\n  \(command) "), "pdl --help does not list \(command)")
        }
        #expect(help.stdout.contains("pdl COMMAND --help"))
        #expect(help.stdout.contains("--store DIR"))

        let bare = try pdl.run([])
        #expect(bare.status == 2, "\(bare)")
        #expect(bare.stdout.isEmpty)
        #expect(bare.stderr.contains("Usage: pdl COMMAND"))

        let helpReport = try pdl.run("help", "report")
        #expect(helpReport.status == 0)
        #expect(helpReport.stdout.contains("Usage: pdl report"))

        let unknown = try pdl.run("frobnicate")
        #expect(unknown.status == 2)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("unknown command 'frobnicate'"))
        #expect(!FileManager.default.fileExists(atPath: pdl.ledger), "a usage error created a store")
    }

    @Test(arguments: commands)
    func everyCommandExplainsItself(command: String) throws {
        let pdl = PDLRunner()
        let help = try pdl.run(command, "--help")
        #expect(help.status == 0, "\(help)")
        #expect(help.stderr.isEmpty)
        #expect(help.stdout.contains("Usage: pdl \(command)"))
        #expect(help.stdout.contains("--store"))
        #expect(help.stdout.contains("Options:"))
        #expect(help.stdout.contains("Exit status"))
        #expect(help.stdout.contains("Example"))
        #expect(!FileManager.default.fileExists(atPath: pdl.ledger), "--help opened a store")
    }

    @Test func anUnknownOptionIsAUsageErrorOnStandardError() throws {
        let pdl = PDLRunner()
        for arguments in [["report", Self.kari, "--bogus"], ["ropa", "--format=xml"], ["erase", Self.kari, "--all"]] {
            let result = try pdl.run(arguments)
            #expect(result.status == 2, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("pdl: "))
            #expect(result.stderr.contains("pdl \(arguments[0]) --help"))
        }
        #expect(!FileManager.default.fileExists(atPath: pdl.ledger), "a usage error created a store")
    }

    @Test func aRefusedWriteExitsOneAndNeverPrintsTheValue() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let before = try pdl.head()
        let refused = try pdl.run(
            "record", Self.kari, "--category", "nationalIDNumber", "--system", "webshop.orders", "--purpose",
            "customerAccountAndOrders", "--value", Self.nationalID)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("purposeLimitation"))
        #expect(!refused.prints(Self.nationalID))

        let piped = try pdl.run(
            [
                "record", Self.kari, "--category", "email", "--system", "webshop.orders", "--purpose",
                "customerAccountAndOrders", "--value", "-",
            ], stdin: "kari@secret-domain\n")
        #expect(piped.status == 1, "\(piped)")
        #expect(piped.stderr.contains("malformedValue"))
        #expect(!piped.prints("secret-domain"))

        let find = try pdl.run("find", "--email", "kari@secret-domain")
        #expect(find.status == 1, "\(find)")
        #expect(!find.prints("secret-domain"))
        #expect(try pdl.head() == before)
    }

    @Test func theDPOsCommandsWorkBesideAServiceHoldingTheLedgerForWriting() async throws {
        let pdl = PDLRunner()
        try pdl.demo()
        // The service: a writer in this process, appending while the DPO's pdl runs beside it.
        let service = try FileLedgerStore(directory: URL(filePath: pdl.ledger))
        let before = try await service.integrityHead().count
        let report = try pdl.run("report", Self.kari)
        _ = try await service.append([FileStoreTesting.holding("customer:20001", value: "ola@example.no")])
        let erase = try pdl.run("erase", Self.kari)
        let readers = try [
            ["verify"], ["checkpoint"], ["find", "--email", Self.email], ["ropa", "--format", "csv"],
            ["requests", "list"], ["retention"], ["export", "--format", "consents"],
        ].map { try pdl.run($0) }
        // The service sees the DPO's facts on its next read, and the erasure as erased.
        let values = try await service.facts(from: 1, limit: Int.max).flatMap(\.body.personalValues)
        let after = try await service.integrityHead().count
        let verified = try await service.verify()
        try await service.close()
        for command in [report, erase] + readers {
            #expect(command.status == 0, "\(command)")
        }
        #expect(report.stdout.contains(Self.email))
        #expect(!readers[2].stdout.contains(Self.kari), "found after the erasure: \(readers[2])")
        #expect(!values.contains { $0.revealed == Self.email }, "the service still reads Kari's email")
        #expect(after >= before + 3, "the report's fact, the service's holding and the erasure")
        #expect(verified.count == after)

        // A reader creates nothing where there is no ledger.
        let nowhere = try pdl.run("verify", "--store", "nowhere")
        #expect(nowhere.status == 3, "\(nowhere)")
        #expect(nowhere.stderr.contains("There is no ledger in nowhere"))
        #expect(!FileManager.default.fileExists(atPath: pdl.path("nowhere")))
        // Owner-only, as a ledger directory must be (a directory others can reach is refused).
        try FileManager.default.createDirectory(
            atPath: pdl.path("empty"), withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let empty = try pdl.run("ropa", "--store", "empty")
        #expect(empty.status == 3, "\(empty)")
        #expect(empty.stderr.contains("There is no ledger in empty"))
        #expect(try pdl.run("init", "--store", "empty").status == 0)
        let fresh = try pdl.run("verify", "--store", "empty")
        #expect(fresh.stdout.contains("OK: the hash chain of 0 facts verifies"), "\(fresh)")
    }

    // MARK: - The DPO's day

    /// An erasure request by email, from the day it arrives to its closing: find the person,
    /// receive the request, see everything, answer in Norwegian, plan and carry out the erasure,
    /// tell the recipients, close the request — and check that the erased values are gone from
    /// every byte of the ledger directory while what the law keeps remains.
    @Test func anErasureRequestFromArrivalToClosing() throws {
        let pdl = PDLRunner()
        let created = try pdl.run("init")
        #expect(created.status == 0, "\(created)")
        #expect(created.stdout.contains("Created an empty ledger in ./ledger"))

        let demo = try pdl.run("demo")
        #expect(demo.status == 0, "\(demo)")
        #expect(demo.stdout.contains("Personal data held about \(Self.kari)"))
        #expect(demo.stderr.contains("Recorded the demo story"))
        let again = try pdl.run("demo", "--format", "html", "--language", "nb")
        #expect(again.status == 0, "\(again)")
        #expect(again.stderr.contains("already recorded"))
        #expect(again.stdout.contains("Nettbutikkordre"), "the demo letter names systems by their catalog names")
        #expect(!again.stdout.contains("webshop.orders"))

        // Find the person by the address the email came from; the address is never printed back.
        let found = try pdl.run("find", "--email", Self.email)
        #expect(found.status == 0, "\(found)")
        #expect(found.stdout.contains("1 subject(s) hold this email address"))
        #expect(found.stdout.contains(Self.kari))
        #expect(!found.prints(Self.email))
        let piped = try pdl.run(["find", "--email", "-", "--format", "json"], stdin: "Kari.Nordmann@EXAMPLE.no\n")
        #expect(piped.status == 0, "\(piped)")
        let document = try piped.json()
        #expect(document["schema"] as? String == "pdl.find" && document["schemaVersion"] as? Int == 1)
        let matches = try #require(document["matches"] as? [[String: Any]], "\(piped)")
        #expect(matches.map { $0["subject"] as? String } == [Self.kari])
        #expect(!piped.prints(Self.email))
        let byID = try pdl.run("find", "--national-id", "168225 48834")
        #expect(byID.stdout.contains(Self.kari), "\(byID)")
        #expect(!byID.prints(Self.nationalID))

        // Receive the requests: an erasure today, an access request that came last week.
        let received = try pdl.run(
            "requests", "receive", "gdpr-2026-0042", "--subject", Self.kari, "--kind", "erasure", "--received",
            Self.today)
        #expect(received.status == 0, "\(received)")
        #expect(received.stdout.contains("due "))
        let access = try pdl.run(
            "requests", "receive", "gdpr-2026-0041", "--subject", Self.kari, "--kind", "access", "--received",
            "2026-11-20")
        #expect(access.stdout.contains("on 2026-11-20; due 2026-12-20"), "\(access)")
        let list = try pdl.run("requests", "list")
        #expect(list.status == 0, "\(list)")
        #expect(list.stdout.contains("gdpr-2026-0042"))
        #expect(list.stdout.contains("gdpr-2026-0041"))
        #expect(list.stdout.contains("2026-11-20  2026-12-20"))
        let asOf = try pdl.run("requests", "list", "--as-of", "2026-11-25")
        #expect(asOf.stdout.contains("open, 25 day(s) left"), "\(asOf)")

        // See everything: the report in every format, the national ID number masked.
        let text = try pdl.run("report", Self.kari)
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("Your open requests"))
        #expect(text.stdout.contains("Erasure (gdpr-2026-0042), received 1 December 2026"), "\(text)")
        #expect(!text.stdout.contains("gdpr-2026-0041"), "the access request the report answers is not listed")
        #expect(text.stderr.contains("pdl requests close gdpr-2026-0041 --note"), "\(text)")
        #expect(text.stdout.contains("168225*****"))
        #expect(!text.stdout.contains(Self.nationalID))
        let json = try pdl.run("report", Self.kari, "--format", "json").json()
        #expect(json["schema"] as? String == "pdl.access-report")
        let open = try #require(json["openRequests"] as? [[String: Any]])
        let earlier = try #require(open.first { $0["requestID"] as? String == "gdpr-2026-0041" })
        #expect(
            earlier["receivedAt"] as? String == "2026-11-20T00:00:00Z", "the day it arrived, not when it was typed in")
        let markdown = try pdl.run("report", Self.kari, "--format", "markdown", "--language", "nb")
        #expect(markdown.stdout.hasPrefix("# Dine personopplysninger"), "\(markdown)")
        let html = try pdl.run("report", Self.kari, "--format", "html", "--language", "nb")
        #expect(html.status == 0, "\(html)")
        let letter = html.stdout
        #expect(letter.hasPrefix("<!DOCTYPE html>"))
        #expect(letter.contains("<html lang=\"nb\">"))
        #expect(letter.contains("<style>"))
        for external in ["<script", "<link", "src=", "url(", "@import", "http://", "https://"] {
            #expect(!letter.contains(external), "the letter is not self-contained: \(external)")
        }
        for norwegian in ["Dine personopplysninger", "Hva vi har lagret om deg", "Dine rettigheter", "Nettbutikkordre"]
        {
            #expect(letter.contains(norwegian), "the letter lacks \(norwegian)")
        }
        #expect(letter.contains("GDPR@focusnordic.com"))
        #expect(letter.contains("168225*****"))
        #expect(!letter.contains(Self.nationalID))
        #expect(!letter.contains("webshop.orders"))
        let revealed = try pdl.run("report", Self.kari, "--format", "html", "--language", "nb", "--reveal")
        #expect(revealed.stdout.contains(Self.nationalID))
        let values = try pdl.run("report", Self.kari, "--format", "json", "--reveal").json()
        var valueOf: [Int: String] = [:]
        for entry in try #require(values["heldData"] as? [[String: Any]]) {
            if let sequence = entry["sequence"] as? Int, let value = entry["value"] as? String {
                valueOf[sequence] = value
            }
        }

        // Plan the erasure: nothing changes, not a byte of the chain.
        let checkpoint = pdl.path("before-erasure.json")
        #expect(try pdl.run("checkpoint", "--output", checkpoint).status == 0)
        let before = try pdl.head()
        let dryRun = try pdl.run("erase", Self.kari, "--dry-run")
        #expect(dryRun.status == 0, "\(dryRun)")
        #expect(dryRun.stdout.contains("Will erase (12):"))
        #expect(dryRun.stdout.contains("Will keep (2), as the law requires"))
        #expect(
            dryRun.stdout.contains("accounting, legalObligations, order:50017: bookkeepingObligation until 2031-12-31"))
        #expect(dryRun.stdout.contains("Dry run: nothing was erased."))
        #expect(!dryRun.prints(Self.email))
        let plan = try #require(
            try pdl.run("erase", Self.kari, "--dry-run", "--format", "json").json()["plan"] as? [String: Any])
        #expect(try pdl.head() == before, "a dry run changed the ledger")
        #expect(PDLRunner.occurrences(of: Self.email, under: pdl.ledger) > 0, "the search would find nothing")
        let erased = try #require(plan["erase"] as? [[String: Any]]).compactMap { $0["holding"] as? Int }
        let kept = try #require(plan["keep"] as? [[String: Any]]).compactMap { $0["holding"] as? Int }
        #expect(Set(kept.compactMap { valueOf[$0] }) == ["Kari Nordmann", "Storgata 1, 0155 Oslo"])

        // Erase: the plan again, what was done, and the recipients to tell.
        let erase = try pdl.run("erase", Self.kari)
        #expect(erase.status == 0, "\(erase)")
        #expect(erase.stdout.contains("Erased 12 value(s)"))
        #expect(erase.stdout.contains("Recipients to tell (GDPR Art. 19)"))
        #expect(erase.stdout.contains("backup-provider (Backup provider, processor) via accessGrant"))
        #expect(erase.stdout.contains("carrier (Carrier, thirdParty) via disclosure"))
        #expect(!erase.prints(Self.email))
        let erasureFact = try #require(
            erase.stdout.firstMatch(of: /recorded as fact\(s\) #(\d+)/).map { String($0.1) }, "\(erase)")

        // Forensics: every erased value is gone from every file, unless a kept holding holds it.
        for needle in [Self.email, Self.nationalID, "Storgata 1", "+4791234567", "203.0.113.42", "Kari Nordmann"] {
            let heldBy = { (holdings: [Int]) in holdings.filter { valueOf[$0]?.contains(needle) == true } }
            #expect(!heldBy(erased).isEmpty, "\(needle) is not in the plan")
            let remaining = PDLRunner.occurrences(of: needle, under: pdl.ledger)
            if heldBy(kept).isEmpty {
                #expect(remaining == 0, "\(needle) was erased but \(remaining) copies remain in the ledger directory")
            } else {
                #expect(remaining > 0, "\(needle) is kept under a legal hold but was destroyed")
            }
        }
        let gone = try pdl.run("find", "--email", Self.email)
        #expect(gone.stdout.contains("No subject holds this email address."), "\(gone)")
        let after = try pdl.run("report", Self.kari)
        #expect(after.stdout.contains("Storgata 1, 0155 Oslo"), "the bookkeeping copy is kept and shown")
        #expect(!after.stdout.contains(Self.email))

        // Erasure does not break the chain: the checkpoint made before it still verifies.
        let verified = try pdl.run("verify", "--checkpoint", checkpoint)
        #expect(verified.status == 0, "\(verified)")

        // Close the erasure request, linking the erasure; the access request stays open.
        let closed = try pdl.run(
            "requests", "close", "gdpr-2026-0042", "--note", "erased; bookkeeping copy kept", "--facts", erasureFact)
        #expect(closed.status == 0, "\(closed)")
        #expect(closed.stdout.contains("within its deadline"))
        #expect(closed.stdout.contains("Linked facts: \(erasureFact)."))
        let open2 = try pdl.run("requests", "list")
        #expect(!open2.stdout.contains("gdpr-2026-0042"))
        #expect(open2.stdout.contains("gdpr-2026-0041"))
        let all = try pdl.run("requests", "list", "--all")
        #expect(all.stdout.contains("closed \(Self.today)"), "\(all)")
        let closeAgain = try pdl.run("requests", "close", "gdpr-2026-0042", "--note", "again")
        #expect(closeAgain.status == 1, "\(closeAgain)")
    }

    @Test func theRetentionSweep() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let due = try pdl.run("retention", "--as-of", "2032-01-01")
        #expect(due.status == 0, "\(due)")
        #expect(due.stderr.isEmpty, "progress on a standard error that is not a terminal")
        #expect(due.stdout.contains("Retention due as of 2032-01-01T00:00:00Z"), "\(due)")
        #expect(due.stdout.contains("accounting, legalObligations, order:50017"))
        #expect(due.stdout.contains("service.cases, complaintsAndService, case:7001"))
        #expect(due.stdout.contains("Run with --apply to erase them."))
        let json = try pdl.run("retention", "--as-of", "2032-01-01", "--format", "json").json()
        #expect((json["holdings"] as? [Any])?.isEmpty == false)

        let future = try pdl.run("retention", "--as-of", "2032-01-01", "--apply")
        #expect(future.status == 1, "\(future)")
        #expect(future.stdout.isEmpty)
        #expect(future.stderr.contains("future"))

        // Today (PDL_NOW) the closed complaint case (with the national ID number) and the withdrawn
        // newsletter are due; the order and the bookkeeping copy are not.
        let swept = try pdl.run("retention", "--apply")
        #expect(swept.status == 0, "\(swept)")
        #expect(swept.stderr.isEmpty)
        #expect(swept.stdout.contains("service.cases, complaintsAndService, case:7001"))
        #expect(swept.stdout.contains("marketing.contacts, contactRegister"))
        #expect(!swept.stdout.contains("accounting"))
        #expect(swept.stdout.contains("Recipients to tell (GDPR Art. 19)"))
        #expect(PDLRunner.occurrences(of: Self.nationalID, under: pdl.ledger) == 0)
        #expect(PDLRunner.occurrences(of: Self.email, under: pdl.ledger) > 0, "the order keeps the address")
        let nothing = try pdl.run("retention")
        #expect(nothing.stdout.contains(": 0 holding(s)."), "\(nothing)")
        #expect(try pdl.run("verify").status == 0)
    }

    @Test func theRecordOfProcessingAndABreachAssessment() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let csv = try pdl.run("ropa", "--format", "csv")
        #expect(csv.status == 0, "\(csv)")
        #expect(csv.stdout.hasPrefix("\u{FEFF}purpose,purpose_label,"))
        #expect(csv.stdout.contains("\ncustomerAccountAndOrders,"))
        let json = try pdl.run("ropa", "--format", "json").json()
        #expect(json["schema"] as? String == "pdl.record-of-processing")
        #expect((json["activities"] as? [Any])?.isEmpty == false)
        let markdown = try pdl.run("ropa", "--format", "markdown", "--output", pdl.path("ropa.md"))
        #expect(markdown.status == 0, "\(markdown)")
        #expect(markdown.stdout.isEmpty)
        let file = try String(contentsOfFile: pdl.path("ropa.md"), encoding: .utf8)
        #expect(file.hasPrefix("# Record of processing activities"))
        for output in [csv.stdout, file] {
            #expect(!output.contains(Self.email))
            #expect(!output.contains("Kari Nordmann"))
        }

        let breach = try pdl.run("breach", "--system", "webshop.orders", "--from", "2026-03-01", "--to", "2026-03-31")
        #expect(breach.status == 0, "\(breach)")
        #expect(breach.stdout.contains("Affected subjects: 1"))
        #expect(breach.stdout.contains("backup-provider (processor)"))
        #expect(breach.stdout.contains("carrier (thirdParty)"))
        #expect(breach.stdout.contains(Self.kari))
        #expect(!breach.stdout.contains(Self.email))
        #expect(breach.stdout.contains("Notify the lead supervisory authority, Datatilsynet (Postboks 458 Sentrum"))
        let swedish = try pdl.run(
            "breach", "--system", "webshop.orders", "--from", "2026-03-01", "--to", "2026-03-31", "--language", "sv")
        #expect(swedish.stdout.contains("Anmäl incidenten till den ansvariga tillsynsmyndigheten"), "\(swedish)")
        let breachJSON = try pdl.run(
            "breach", "--system", "webshop.orders,service.cases", "--from", "2026-03-01", "--to", "2026-04-30",
            "--format", "json"
        ).json()
        #expect(breachJSON["categories"] is [Any])
        let before = try pdl.run("breach", "--system", "webshop.orders", "--from", "2025-01-01", "--to", "2025-12-31")
        #expect(before.stdout.contains("Affected subjects: 0"), "\(before)")
        let missing = try pdl.run("breach", "--from", "2026-03-01", "--to", "2026-03-31")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--system"))
    }

    /// With a new chain the new store makes its own tokens, under its own key.
    @Test func exportThenImportIntoAFreshStoreWithANewChain() throws {
        let pdl = PDLRunner()
        try pdl.demo(store: "old")
        let export = try pdl.run("export", "--store", "old", "--output", "facts.jsonl")
        #expect(export.status == 0, "\(export)")
        #expect(export.stdout.isEmpty)
        #expect(export.stderr.contains("Exported 26 facts"))
        let attributes = try FileManager.default.attributesOfItem(atPath: pdl.path("facts.jsonl"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "an export of personal data readable by others")

        #expect(try pdl.run("init", "--store", "new").status == 0)
        let refused = try pdl.run("import", "facts.jsonl", "--store", "new")
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("another identifier key") && refused.stderr.contains("--new-chain"))
        #expect(try pdl.head(store: "new").count == 0)
        let imported = try pdl.run("import", "facts.jsonl", "--store", "new", "--batch-size", "7", "--new-chain")
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("Imported 26 facts (0 already present)"))
        #expect(imported.stdout.contains("a new chain"))
        #expect(imported.stderr.isEmpty, "progress on a standard error that is not a terminal")

        // The new store has its own identifier key, and finds the imported people by it.
        let oldKey = FileManager.default.contents(atPath: pdl.path("old/identifier.key"))
        let newKey = FileManager.default.contents(atPath: pdl.path("new/identifier.key"))
        #expect(oldKey != nil && newKey != nil && oldKey != newKey)
        let found = try pdl.run("find", "--email", Self.email, "--store", "new")
        #expect(found.stdout.contains(Self.kari), "\(found)")
        let byID = try pdl.run("find", "--national-id", Self.nationalID, "--store", "new")
        #expect(byID.stdout.contains(Self.kari), "\(byID)")

        // The person's data reads the same in both.
        func held(_ store: String) throws -> Data {
            let report = try pdl.run("report", Self.kari, "--store", store, "--format", "json", "--reveal").json()
            return try JSONSerialization.data(withJSONObject: try #require(report["heldData"]), options: .sortedKeys)
        }
        #expect(try held("old") == held("new"))
        #expect(try pdl.run("verify", "--store", "new").status == 0)

        // Importing again skips what is there (and compares it: the recomputed tokens match).
        let resumed = try pdl.run("import", "facts.jsonl", "--store", "new", "--new-chain")
        #expect(resumed.status == 0, "\(resumed)")
        #expect(resumed.stdout.contains("Imported 0 facts (26 already present)"))
        let wrong = try pdl.run(["import", "-", "--store", "new"], stdin: "not a header\n")
        #expect(wrong.status == 1, "\(wrong)")
        #expect(wrong.stderr.contains("Line 1:"))
    }

    @Test func checkpointThenVerifyAndAForgedCheckpoint() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let written = try pdl.run("checkpoint", "--output", "checkpoint.json")
        #expect(written.status == 0, "\(written)")
        #expect(written.stdout.isEmpty)
        #expect(written.stderr.contains("Checkpoint of 26 facts written to checkpoint.json"))
        // Work goes on after the checkpoint; it still holds.
        #expect(try pdl.run("report", Self.kari).status == 0)
        let verified = try pdl.run("verify", "--checkpoint", "checkpoint.json")
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.stdout.contains("OK: the hash chain of 27 facts verifies"))
        #expect(verified.stdout.contains("OK: the 26 facts of the checkpoint"))

        let original = try #require(FileManager.default.contents(atPath: pdl.path("checkpoint.json")))
        var document = try #require(JSONSerialization.jsonObject(with: original) as? [String: Any])
        let hash = try #require(document["hash"] as? String)
        document["hash"] = (hash.first == "0" ? "1" : "0") + hash.dropFirst()
        try JSONSerialization.data(withJSONObject: document).write(to: URL(filePath: pdl.path("forged.json")))
        let forged = try pdl.run("verify", "--checkpoint", "forged.json")
        #expect(forged.status == 3, "\(forged)")
        #expect(forged.stdout.isEmpty)
        #expect(forged.stderr.contains("integrityViolation"))
        #expect(forged.stderr.contains("What to do:"))
        #expect(
            forged.stderr.contains("the lead supervisory authority, Datatilsynet, Postboks 458 Sentrum, 0105 Oslo"),
            "the breach hint names the authority of the ledger's country: \(forged)")

        document["hash"] = hash
        document["count"] = 40
        try JSONSerialization.data(withJSONObject: document).write(to: URL(filePath: pdl.path("longer.json")))
        let truncated = try pdl.run("verify", "--checkpoint", "longer.json")
        #expect(truncated.status == 3, "\(truncated)")
        #expect(truncated.stderr.contains("facts were removed"))
        #expect(truncated.stderr.contains("What to do:"))

        _ = FileManager.default.createFile(atPath: pdl.path("garbage.json"), contents: Data("{}".utf8))
        let garbage = try pdl.run("verify", "--checkpoint", "garbage.json")
        #expect(garbage.status == 2, "\(garbage)")
        #expect(garbage.stderr.contains("is not a checkpoint"))
    }

    @Test func aMajorPolicyChangeAndWhoToTell() throws {
        let pdl = PDLRunner()
        try pdl.demo()
        let published = try pdl.run("policy", "publish", "2026-12-01", "--effective", "2027-01-01", "--major")
        #expect(published.status == 0, "\(published)")
        #expect(published.stdout.contains("pdl notify-list 2026-12-01"))
        let versions = try pdl.run("policy", "list")
        // The effective day is the ledger's local day: 1 January 2027 begins at 23:00 UTC in Oslo.
        #expect(versions.stdout.contains("2026-12-01  major  effective 2027-01-01T00:00:00Z"), "\(versions)")

        let list = try pdl.run("notify-list", "2026-12-01")
        #expect(list.status == 0, "\(list)")
        #expect(list.stdout.contains("Policy version 2026-12-01 takes effect 2027-01-01T00:00:00Z."))
        #expect(list.stdout.contains(Self.email))
        #expect(list.stdout.contains(Self.kari))
        let csv = try pdl.run("notify-list", "2026-12-01", "--format", "csv", "--output", "notify.csv")
        #expect(csv.status == 0, "\(csv)")
        #expect(csv.stdout.isEmpty)
        let bytes = try Data(contentsOf: URL(filePath: pdl.path("notify.csv")))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "a UTF-8 byte order mark leads")
        let file = try String(contentsOfFile: pdl.path("notify.csv"), encoding: .utf8)
        #expect(file.hasPrefix("email,"))
        let nordic = try pdl.run("notify-list", "2026-12-01", "--format", "csv", "--delimiter", ";")
        #expect(nordic.stdout.hasPrefix("\u{FEFF}email;subjects;purposes;systems;effective_from\r\n"), "\(nordic)")
        #expect(try pdl.run("notify-list", "2026-12-01", "--format", "csv", "--delimiter", "|").status == 2)
        #expect(file.contains(Self.email))
        let attributes = try FileManager.default.attributesOfItem(atPath: pdl.path("notify.csv"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let unknown = try pdl.run("notify-list", "2031-01-01")
        #expect(unknown.status == 1, "\(unknown)")
        #expect(unknown.stdout.isEmpty)
    }
}

/// The environment and the version, as a shell gives them to the binary.
@Suite struct CommandLineEnvironmentTests {
    @Test func versionPrintsTheVersion() throws {
        let version = try PDLRunner().run("--version")
        #expect(version.status == 0, "\(version)")
        #expect(version.stdout == "pdl 0.2.0\n")
        #expect(version.stderr.isEmpty)
    }

    @Test func aMalformedPDLNowIsAUsageErrorNamingIt() throws {
        let pdl = PDLRunner()
        let result = try pdl.run(["verify"], environment: ["PDL_NOW": "next tuesday"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("PDL_NOW"))
        #expect(!FileManager.default.fileExists(atPath: pdl.ledger), "a usage error created a store")
    }

    @Test func pdlStoreNamesTheLedgerAndPDLNowItsDay() throws {
        let pdl = PDLRunner()
        #expect(try pdl.run(["init"], environment: ["PDL_STORE": "elsewhere"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: pdl.path("elsewhere")))
        #expect(!FileManager.default.fileExists(atPath: pdl.ledger))
        let checkpoint = try pdl.run(["checkpoint"], environment: ["PDL_STORE": "elsewhere"])
        #expect(checkpoint.status == 0, "\(checkpoint)")
        #expect(try checkpoint.json()["createdAt"] as? String == PDLRunner.now)
        let later = try pdl.run(
            ["checkpoint", "--store", "elsewhere"],
            environment: ["PDL_STORE": "nowhere", "PDL_NOW": "2044-02-29T12:00:00Z"])
        #expect(try later.json()["createdAt"] as? String == "2044-02-29T12:00:00Z", "\(later)")
    }
}
