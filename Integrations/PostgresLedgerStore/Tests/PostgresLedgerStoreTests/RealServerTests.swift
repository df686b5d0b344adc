import Foundation
import Logging
import PersonalDataLedger
import PostgresNIO
import Testing

@testable import PostgresLedgerStore

// Tests against the real server that need more than one client, process or server life. They
// extend the serialized suite, so none runs beside the one that stops the server.
extension PostgresLedgerStoreTests {
    static func order(_ subject: String, reference: String, value: String) -> NewFact {
        NewFact(
            recordedAt: epoch, actor: "webshop",
            body: .holding(
                Holding(
                    subject: SubjectID(subject), category: .email, system: "webshop.orders",
                    purpose: .customerAccountAndOrders, basis: .contract, source: .dataSubject,
                    reference: BusinessReference(reference), value: PersonalValue(value))))
    }

    static func reference(of fact: Fact) -> String? {
        guard case .holding(let holding) = fact.body else { return nil }
        return holding.reference?.rawValue
    }

    /// Every fact of the store, in order.
    static func everything(_ store: PostgresLedgerStore) async throws -> [Fact] {
        var facts: [Fact] = []
        while true {
            let page = try await store.facts(from: UInt64(facts.count + 1), limit: 1_000)
            facts += page
            if page.count < 1_000 { return facts }
        }
    }

    /// Every acknowledged fact is there under its number, no reference is recorded twice, the
    /// numbers have no gap, and the chain verifies.
    static func expectIntact(_ store: PostgresLedgerStore, acknowledged: [(UInt64, String)]) async throws {
        let facts = try await everything(store)
        #expect(facts.map(\.sequence) == (0..<facts.count).map { UInt64($0 + 1) }, "the numbers have a gap")
        var byNumber: [UInt64: String] = [:]
        var perReference: [String: Int] = [:]
        for fact in facts {
            guard let reference = reference(of: fact) else { continue }
            byNumber[fact.sequence] = reference
            perReference[reference, default: 0] += 1
        }
        for (sequence, reference) in acknowledged {
            #expect(byNumber[sequence] == reference, "acknowledged fact \(sequence) is missing or another")
        }
        let duplicated = perReference.filter { $0.value > 1 }.map(\.key)
        #expect(duplicated.isEmpty, "recorded more than once: \(duplicated.sorted().prefix(10))")
        #expect(try await store.verify().count == UInt64(facts.count))
    }

    @Test(.timeLimit(.minutes(4)))
    func fourWriterProcessesAndATailerShareOneGaplessOrder() async throws {
        let writer = try ChildProcess.builtExecutable(named: "ledger-pg-writer")
        let keyFile = try TestServer.keyFile()
        let key = KeyEncryptionKey.random()
        try key.write(to: keyFile)
        let schema = TestServer.uniqueSchema()
        let (processes, tasks, count) = (4, 8, 20)
        let total = UInt64(processes * tasks * count)
        try await TestServer.withClient { client in
            let store = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: key, schema: schema)
            let seen = Locked<[UInt64]>([])
            let tailer = Task {
                for try await fact in store.follow(from: 1, pollInterval: .milliseconds(200)) {
                    seen.update { $0.append(fact.sequence) }
                }
            }
            let outcomes = try await withThrowingTaskGroup(of: ChildProcess.Outcome.self) { group in
                for index in 0..<processes {
                    group.addTask {
                        try await ChildProcess.run(
                            writer, [schema, keyFile.path, "p\(index)", "\(tasks)", "\(count)"], timeout: .seconds(150))
                    }
                }
                var outcomes: [ChildProcess.Outcome] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            for outcome in outcomes {
                #expect(outcome.status == 0 && !outcome.timedOut, "a writer failed: \(outcome.stderr)")
            }
            let acknowledged = outcomes.flatMap(\.acknowledged)
            #expect(acknowledged.count == Int(total))
            #expect(Set(acknowledged).count == acknowledged.count)

            let deadline = ContinuousClock.now + .seconds(30)
            while seen.value.count < Int(total), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            tailer.cancel()
            _ = await tailer.result
            #expect(
                seen.value == Array(1...total), "the tailer saw \(seen.value.count) facts, not 1…\(total) once each")

            let facts = try await Self.everything(store)
            #expect(facts.map(\.sequence) == Array(1...total))
            #expect(Set(acknowledged).isSubset(of: Set(facts.map(\.sequence))))
            #expect(try await store.verify().count == total)
        }
    }

    @Test(.timeLimit(.minutes(4)))
    func anImmediateServerStopInTheMiddleOfAppendsLosesNoAcknowledgedFact() async throws {
        guard let restart = TestServer.environment["POSTGRES_RESTART"] else { return }
        let script = URL(filePath: restart)
        try await TestServer.withClient { client in
            let store = try await PostgresLedgerStore.open(
                client: client, keyEncryptionKey: .random(), schema: TestServer.uniqueSchema(),
                logger: Logger(label: "test"), afterCommit: nil,
                retryPolicy: RetryPolicy(attemptTimeout: .seconds(1), budget: .seconds(2)))
            let acknowledged = Locked<[(UInt64, String)]>([])
            let failures = Locked<[LedgerStoreError]>([])
            let done = Locked(false)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for round in 0..<3_000 where !done.value {
                            let reference = "order:s\(writer)-\(round)"
                            do {
                                let fact = try await store.append([
                                    Self.order(
                                        "customer:s\(writer)", reference: reference, value: "s\(writer)@example.no")
                                ])[0]
                                acknowledged.update { $0.append((fact.sequence, reference)) }
                            } catch let error as LedgerStoreError {
                                failures.update { $0.append(error) }
                                try await Task.sleep(for: .milliseconds(100))
                            }
                        }
                    }
                }
                try await Task.sleep(for: .milliseconds(800))
                let stop = try await ChildProcess.runDaemonSafe(script, ["stop"], timeout: .seconds(60))
                #expect(stop.status == 0, "restart.sh stop: \(stop.stderr)")
                let beforeStart = acknowledged.value.count
                // Longer than the retry budget: appends made while it is down must fail, not hang.
                try await Task.sleep(for: .seconds(5))
                let start = try await ChildProcess.runDaemonSafe(script, ["start"], timeout: .seconds(90))
                #expect(start.status == 0, "restart.sh start: \(start.stderr)")
                let deadline = ContinuousClock.now + .seconds(60)
                while acknowledged.value.count < beforeStart + 80, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(100))
                }
                done.update { $0 = true }
                try await group.waitForAll()
            }
            #expect(!failures.value.isEmpty, "no append failed while the server was down")
            for error in failures.value.prefix(3) {
                #expect(error.message.contains("Check that the server is running"), "\(error.message)")
            }
            #expect(acknowledged.value.count > 80)
            try await Self.expectIntact(store, acknowledged: acknowledged.value)
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func aConnectionTerminatedMidCommitLeavesEveryAcknowledgedFactThereOnce() async throws {
        let name = "pdl-store-\(UInt32.random(in: 0...UInt32.max))"
        try await TestServer.withClient { killer in
            try await TestServer.withClient(applicationName: name) { client in
                let store = try await PostgresLedgerStore.open(
                    client: client, keyEncryptionKey: .random(), schema: TestServer.uniqueSchema())
                let acknowledged = Locked<[(UInt64, String)]>([])
                let failures = Locked<[String]>([])
                let terminated = Locked(0)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for writer in 0..<8 {
                        group.addTask {
                            for round in 0..<40 {
                                let reference = "order:t\(writer)-\(round)"
                                do {
                                    let fact = try await store.append([
                                        Self.order(
                                            "customer:t\(writer)", reference: reference, value: "t\(writer)@example.no")
                                    ])[0]
                                    acknowledged.update { $0.append((fact.sequence, reference)) }
                                } catch let error as LedgerStoreError {
                                    failures.update { $0.append(error.message) }
                                }
                            }
                        }
                    }
                    group.addTask {
                        for _ in 0..<30 {
                            try await Task.sleep(for: .milliseconds(30))
                            let rows = try await killer.query(
                                """
                                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                                WHERE application_name = \(name) AND pid <> pg_backend_pid()
                                    AND state IN ('active', 'idle in transaction')
                                """)
                            for try await (count) in rows.decode(Int64.self) { terminated.update { $0 += Int(count) } }
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(terminated.value > 0, "no backend was terminated")
                #expect(failures.value.isEmpty, "appends failed: \(failures.value.prefix(3))")
                #expect(acknowledged.value.count + failures.value.count == 320)
                try await Self.expectIntact(store, acknowledged: acknowledged.value)
            }
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func aDumpTakenBeforeErasureAndRotationDoesNotOpenUnderTheNewKey() async throws {
        guard let bin = TestServer.environment["POSTGRES_BIN"] else { return }
        let environment = TestServer.environment
        let connection = [
            "-h", environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1", "-p", environment["POSTGRES_PORT"] ?? "5432",
            "-U", environment["POSTGRES_USER"] ?? "ledger",
        ]
        var tools = ProcessInfo.processInfo.environment
        tools["PGPASSWORD"] = environment["POSTGRES_PASSWORD"]
        let tooling = tools
        let schema = TestServer.uniqueSchema()
        let database = "restored_\(UInt32.random(in: 0...UInt32.max))"
        let marker = "zd\(UInt32.random(in: 100_000...999_999))"
        let subject = SubjectID("customer:\(marker)")
        let email = "\(marker)@example.no"
        let dump = try TestServer.keyFile().deletingLastPathComponent().appending(path: "ledger.sql")
        let oldKeyFile = try TestServer.keyFile()
        let newKeyFile = try TestServer.keyFile()
        let old = KeyEncryptionKey.random()
        try old.write(to: oldKeyFile)
        let new = KeyEncryptionKey.random()
        try new.write(to: newKeyFile)

        try await TestServer.withClient { client in
            let store = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: old, schema: schema)
            let erased = try await store.append([
                Self.holding(subject.rawValue, email), Self.holding("customer:kept", "kept@example.no"),
            ])[0]
            let dumped = try await ChildProcess.run(
                URL(filePath: bin).appending(path: "pg_dump"),
                connection + ["-d", TestServer.database, "-n", schema, "--no-owner", "-f", dump.path],
                environment: tooling, timeout: .seconds(60))
            #expect(dumped.status == 0, "pg_dump: \(dumped.stderr)")

            let erasure = NewFact(
                recordedAt: Self.epoch, actor: "dpo",
                body: .erasure(
                    Erasure(
                        subject: subject, reason: .subjectRequest, erased: [erased.sequence], identifierErased: true)))
            _ = try await store.erase(
                ErasureScope(subject: subject, values: [erased.sequence], erasesIdentifier: true), recording: erasure)
            #expect(try await store.rotateKeyEncryptionKey(to: new) == 1)
            // The old key file is destroyed, as `pdl keys rotate` says to.
            try FileManager.default.removeItem(at: oldKeyFile)
            #expect(throws: LedgerStoreError.self) { try KeyEncryptionKey.load(from: oldKeyFile) }

            try await client.query("CREATE DATABASE \(unescaped: database)")
            let restored = try await ChildProcess.run(
                URL(filePath: bin).appending(path: "psql"),
                connection + ["-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-f", dump.path],
                environment: tooling, timeout: .seconds(60))
            #expect(restored.status == 0, "psql: \(restored.stderr)")

            try await TestServer.withClient(database: database) { copy in
                // The new key is refused by name: the dump was keyed with the old one.
                let error = await #expect(throws: LedgerStoreError.self) {
                    try await PostgresLedgerStore.open(
                        client: copy, keyEncryptionKey: try .load(from: newKeyFile), schema: schema)
                }
                #expect(error?.message.contains("not this ledger's") == true)
                // Nor does it open any data key of the dump, whatever the meta table says.
                let rows = try await copy.query(
                    "SELECT number, wrapped_key FROM \(unescaped: schema).subjects WHERE wrapped_key IS NOT NULL")
                var keys = 0
                for try await (number, wrapped) in rows.decode((Int64, ByteBuffer).self) {
                    keys += 1
                    #expect(
                        new.unwrap(
                            Array(wrapped.readableBytesView), context: SubjectSeal.Context.wrappedKey(subject: number))
                            == nil)
                }
                #expect(keys == 2)
                try await copy.query(
                    """
                    UPDATE \(unescaped: schema).meta SET value = \(ByteBuffer(bytes: Array(new.fingerprint.utf8)))
                    WHERE name = 'kek_fingerprint'
                    """)
                let forged = await #expect(throws: LedgerStoreError.self) {
                    try await PostgresLedgerStore.open(client: copy, keyEncryptionKey: new, schema: schema)
                }
                #expect(forged?.message.contains("does not open") == true)
                // Only the destroyed old key would open it — kept in memory here to show what a
                // surviving copy of the old key file would still give away.
                try await copy.query(
                    """
                    UPDATE \(unescaped: schema).meta SET value = \(ByteBuffer(bytes: Array(old.fingerprint.utf8)))
                    WHERE name = 'kek_fingerprint'
                    """)
                let withOldKey = try await PostgresLedgerStore.open(client: copy, keyEncryptionKey: old, schema: schema)
                #expect(try await withOldKey.facts(about: subject).first?.body.personalValues == [PersonalValue(email)])
            }
            try await client.query("DROP DATABASE \(unescaped: database) WITH (FORCE)")

            let live = try await PostgresLedgerStore.open(client: client, keyEncryptionKey: new, schema: schema)
            #expect(try await live.facts(about: subject).isEmpty)
            #expect(
                try await live.facts(about: "customer:kept").first?.body.personalValues == [
                    PersonalValue("kept@example.no")
                ])
            #expect(try await live.verify().count == 3)
        }
    }
}
