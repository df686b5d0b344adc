import Foundation
import PersonalDataLedger
import Testing

@testable import PostgresLedgerCommands

// The built `pdl` against the real server, beside a writer process.
extension PostgresLedgerStoreTests {
    @Test(.timeLimit(.minutes(4)))
    func pdlInitRecordReportVerifyAndRotateBesideAWriterProcess() async throws {
        let pdl = try ChildProcess.builtExecutable(named: "pdl-postgres")
        let writer = try ChildProcess.builtExecutable(named: "ledger-pg-writer")
        let schema = TestServer.uniqueSchema("pdl")
        let keyFile = try TestServer.keyFile()
        let newKeyFile = keyFile.deletingLastPathComponent().appending(path: "ledger-2.key")
        let password = TestServer.environment["POSTGRES_PASSWORD"] ?? "no password"
        var environment = ProcessInfo.processInfo.environment
        environment["PDL_STORE"] = TestServer.storeURL(schema: schema)
        environment.removeValue(forKey: "PDL_KEY_FILE")
        environment.removeValue(forKey: "PGPASSWORD")
        let withoutKey = environment

        func expectNoSecret(_ outcome: ChildProcess.Outcome, _ values: [String] = []) {
            for secret in [password] + values {
                #expect(!outcome.stdout.contains(secret) && !outcome.stderr.contains(secret), "a secret was printed")
            }
        }

        // Without a key file every command that opens the ledger refuses, saying what to do.
        let refused = try await ChildProcess.run(pdl, ["verify"], environment: withoutKey)
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("--key-file") && refused.stderr.contains("PDL_KEY_FILE"), "\(refused.stderr)")
        expectNoSecret(refused)

        let initialised = try await ChildProcess.run(
            pdl, ["init", "--key-file", keyFile.path], environment: withoutKey)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        expectNoSecret(initialised)
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        environment["PDL_KEY_FILE"] = keyFile.path
        let keyed = environment
        async let writing = ChildProcess.run(writer, [schema, keyFile.path, "w", "4", "15"], timeout: .seconds(150))

        let email = "kari.nordmann@example.no"
        let recorded = try await ChildProcess.run(
            pdl,
            [
                "record", "customer:10001", "--category", "email", "--system", "webshop.orders", "--purpose",
                "customerAccountAndOrders", "--value", "-",
            ], environment: keyed, input: email)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let report = try await ChildProcess.run(
            pdl, ["report", "customer:10001", "--format", "json"], environment: keyed)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains(email))
        let verified = try await ChildProcess.run(pdl, ["verify"], environment: keyed)
        #expect(verified.status == 0, "\(verified.stderr)")
        let found = try await ChildProcess.run(
            pdl, ["find", "--email", "-"], environment: keyed, input: "Kari.Nordmann@example.no")
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("customer:10001"), "\(found.stdout)")

        let writes = try await writing
        #expect(writes.status == 0, "\(writes.stderr)")
        #expect(writes.acknowledged.count == 60)
        let afterWriter = try await ChildProcess.run(pdl, ["verify"], environment: keyed)
        #expect(afterWriter.status == 0, "\(afterWriter.stderr)")
        // The writer's 60 facts, the recorded email, and the report, which records itself.
        #expect(afterWriter.stdout.hasPrefix("OK: the hash chain of 62 facts verifies"), "\(afterWriter.stdout)")

        // Rotation: the new key opens the ledger, the old one no longer, and people can still be found.
        let rotated = try await ChildProcess.run(
            pdl, ["keys", "rotate", "--new-key-file", newKeyFile.path], environment: keyed)
        #expect(rotated.status == 0, "\(rotated.stderr)")
        #expect(rotated.stdout.contains("destroy the old key file"), "\(rotated.stdout)")
        expectNoSecret(rotated)
        let stale = try await ChildProcess.run(pdl, ["verify"], environment: keyed)
        #expect(stale.status == 3)
        #expect(stale.stderr.contains("not this ledger's"), "\(stale.stderr)")
        let renewed = try await ChildProcess.run(
            pdl, ["find", "--email", "-", "--key-file", newKeyFile.path], environment: keyed, input: email)
        #expect(renewed.status == 0, "\(renewed.stderr)")
        #expect(renewed.stdout.contains("customer:10001"))

        // A wrong password is refused without being printed.
        var wrong = keyed
        wrong["PDL_STORE"] = TestServer.storeURL(schema: schema).replacingOccurrences(
            of: ":\(password)@", with: ":zz-wrong-pw@")
        wrong["PDL_KEY_FILE"] = newKeyFile.path
        let denied = try await ChildProcess.run(pdl, ["verify"], environment: wrong)
        #expect(denied.status == 3)
        #expect(denied.stderr.contains("refused the login"), "\(denied.stderr)")
        expectNoSecret(denied, ["zz-wrong-pw"])
    }

    /// `pdl` moves a file ledger into PostgreSQL: a checkpoint taken of the directory verifies
    /// against the PostgreSQL ledger, and people are still found by email.
    @Test(.timeLimit(.minutes(3)))
    func pdlMovesAFileLedgerIntoPostgreSQLAndItsCheckpointStillVerifies() async throws {
        let pdl = try ChildProcess.builtExecutable(named: "pdl-postgres")
        let work = FileManager.default.temporaryDirectory.appending(path: "pdl-move-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let directory = work.appending(path: "ledger").path
        let checkpoint = work.appending(path: "before.json").path
        let export = work.appending(path: "facts.jsonl").path
        var environment = ProcessInfo.processInfo.environment
        environment["PDL_NOW"] = "2026-12-01T09:00:00Z"
        environment.removeValue(forKey: "PDL_STORE")
        environment.removeValue(forKey: "PDL_KEY_FILE")
        let steps = [
            ["demo", "--store", directory], ["checkpoint", "--store", directory, "--output", checkpoint],
            ["export", "--store", directory, "--output", export],
        ]
        for arguments in steps {
            let outcome = try await ChildProcess.run(pdl, arguments, environment: environment)
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
        }
        environment["PDL_STORE"] = TestServer.storeURL(schema: TestServer.uniqueSchema("move"))
        environment["PDL_KEY_FILE"] = try TestServer.keyFile().path
        var outcomes: [ChildProcess.Outcome] = []
        for arguments in [
            ["init"], ["keys", "adopt-identifier-key", directory + "/identifier.key"], ["import", export],
            ["verify", "--checkpoint", checkpoint],
        ] {
            let outcome = try await ChildProcess.run(pdl, arguments, environment: environment)
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
            outcomes.append(outcome)
        }
        #expect(outcomes[2].stdout.contains("the export's chain, kept"), "\(outcomes[2].stdout)")
        #expect(outcomes[3].stdout.contains("facts of the checkpoint"), "\(outcomes[3].stdout)")
        let found = try await ChildProcess.run(
            pdl, ["find", "--email", "-"], environment: environment, input: "kari.nordmann@example.no")
        #expect(found.stdout.contains("customer:10001"), "\(found.stdout) \(found.stderr)")
    }

    @Test func storeURLsAreReadAndNeverShowThePassword() throws {
        let location = try PostgresStoreLocation("postgres://ledger:s3cr%40t@db.example:6543/ledgers?schema=webshop")
        #expect(location.password == "s3cr@t")
        #expect(location.port == 6543 && location.database == "ledgers" && location.schema == "webshop")
        #expect(!location.description.contains("s3cr"))
        let (stripped, password) = PostgresStoreLocation.separatingPassword(
            "postgres://ledger:s3cr%40t@db.example/ledgers")
        #expect(password == "s3cr@t" && !stripped.contains("s3cr"))
        let error = #expect(throws: LedgerStoreError.self) {
            try PostgresStoreLocation("postgres://ledger:s3cret@/ledgers")
        }
        #expect(error?.message.contains("s3cret") == false)
        var arguments = ["verify", "--key-file", "/k", "--store=postgres://u:pw@h/d", "--", "--key-file"]
        #expect(try PostgresCommandLine.takeOption("key-file", from: &arguments) == "/k")
        var environment: [String: String] = [:]
        #expect(PostgresCommandLine.takePassword(from: &arguments, environment: &environment) == "pw")
        #expect(arguments == ["verify", "--store=postgres://u@h/d", "--", "--key-file"])
    }
}

// `pdl-postgres settings`: the ledger's settings in the schema's meta table, used by every command.
extension PostgresLedgerStoreTests {
    @Test(.timeLimit(.minutes(2)))
    func pdlSettingsAreKeptInTheDatabaseAndUsedByEveryCommand() async throws {
        let (pdl, environment) = try await TestServer.initialisedPDL(schema: "settings")

        let defaults = try await ChildProcess.run(pdl, ["settings", "show"], environment: environment)
        #expect(defaults.stdout.contains("Default settings (none saved in the ledger)"), "\(defaults.stdout)")
        let set = try await ChildProcess.run(
            pdl, ["settings", "set", "--default-country", "SE"], environment: environment)
        #expect(set.status == 0, "\(set.stderr)")
        let shown = try await ChildProcess.run(pdl, ["settings", "show", "--format", "json"], environment: environment)
        #expect(shown.stdout.contains("\"defaultCountry\" : \"SE\""), "\(shown.stdout)")

        let recorded = try await ChildProcess.run(
            pdl,
            [
                "record", "customer:20001", "--category", "phone", "--system", "webshop.orders", "--purpose",
                "customerAccountAndOrders", "--value", "070-123 45 67",
            ], environment: environment)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let bookkeeping = try await ChildProcess.run(
            pdl,
            [
                "record", "customer:20001", "--category", "name", "--system", "accounting", "--purpose",
                "legalObligations", "--country", "DK",
            ], environment: environment)
        #expect(bookkeeping.status == 0, "\(bookkeeping.stderr)")
        let report = try await ChildProcess.run(pdl, ["report", "customer:20001"], environment: environment)
        #expect(report.stdout.contains("+46701234567"), "\(report.stdout)")
        #expect(report.stdout.contains("Kept: until 31 December 2031"), "\(report.stdout)")
        let verified = try await ChildProcess.run(pdl, ["verify"], environment: environment)
        #expect(verified.status == 0, "\(verified.stderr)")
    }
}
