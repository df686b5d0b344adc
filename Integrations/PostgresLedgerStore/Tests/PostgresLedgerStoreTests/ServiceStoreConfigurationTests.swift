import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PostgresLedgerStore
import Testing

@testable import PostgresLedgerCommands

/// How a service names its ledger: as `pdl` does.
@Suite struct ServiceStoreConfigurationTests {
    /// The options win over the environment; an empty value counts as not given.
    @Test(
        arguments: [
            ("postgres://ledger@db/company", nil, [:], "postgres://ledger@db/company", nil),
            (
                nil, nil, ["PDL_STORE": "postgres://ledger@db/company", "PDL_KEY_FILE": "/k"],
                "postgres://ledger@db/company", "/k"
            ),
            (
                "/srv/ledger", "/mine", ["PDL_STORE": "postgres://ledger@db/company", "PDL_KEY_FILE": "/k"],
                "/srv/ledger", "/mine"
            ),
            ("", "", ["PDL_STORE": "", "PDL_KEY_FILE": ""], nil, nil),
        ] as [(String?, String?, [String: String], String?, String?)])
    func theOptionsWinOverTheEnvironment(
        store: String?, keyFile: String?, environment: [String: String], location: String?, expectedKeyFile: String?
    ) {
        let configuration = ServiceStoreConfiguration(store: store, keyFile: keyFile, environment: environment)
        #expect(configuration.location == location && configuration.keyFile == expectedKeyFile)
    }

    @Test(arguments: [
        ("postgres://ledger@db/company", true), ("postgresql://ledger@db/company", true), ("/srv/ledger", false),
        ("file:///srv/ledger", false),
    ])
    func aPostgresURLNamesAPostgresLedger(location: String, isPostgres: Bool) {
        #expect(ServiceStoreConfiguration(store: location, keyFile: nil, environment: [:]).isPostgres == isPostgres)
    }

    /// Refused before anything is created or connected, saying what to do.
    @Test(
        arguments: [
            ("mysql://ledger@db/company", nil, "neither a directory nor a PostgreSQL URL"),
            ("postgres://ledger@127.0.0.1:1/company", nil, "--key-file"),
            ("postgres://ledger@127.0.0.1:1/company", "/nonexistent/pdl-service-test/ledger.key", "does not exist"),
        ] as [(String, String?, String)])
    func aStoreThatCannotBeOpenedIsRefusedSayingWhy(location: String, keyFile: String?, advice: String) async {
        let configuration = ServiceStoreConfiguration(store: location, keyFile: keyFile, environment: [:])
        await #expect {
            _ = try await configuration.open(defaultLocation: "./ledger")
        } throws: { error in
            (error as? LedgerStoreError)?.message.contains(advice) == true
        }
    }

    /// A directory opens the file store, made on first use with its identifier key in the
    /// directory, the one `pdl find` reads: a ledger keyed from that file finds whom the service
    /// recorded. (One opening only: reopening a directory in a process whose other tests spawn
    /// children can race a child's inherited lock before it execs.)
    @Test func aDirectoryOpensTheFileStoreWithItsIdentifierKey() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "pdl-service-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = ServiceStoreConfiguration(store: nil, keyFile: nil, environment: [:])
        let opened = try await configuration.open(defaultLocation: directory.path)
        try await Self.recordKari(opened)
        let keyFile = try IdentifierKey.loadOrCreate(at: directory.appending(path: IdentifierKey.fileName))
        let found = try await Self.findKari((opened.store, keyFile))
        try await opened.store.close()
        #expect(found == ["customer:10001"])
    }

    static func recordKari(_ opened: (store: any LedgerStore, identifierKey: IdentifierKey)) async throws {
        let ledger = Ledger(store: opened.store, actor: "webshop", identifierKey: opened.identifierKey)
        try await ledger.record(
            [.email("kari.nordmann@example.no")], about: "customer:10001", in: "webshop.orders",
            for: .customerAccountAndOrders, source: .dataSubject)
    }

    static func findKari(_ opened: (store: any LedgerStore, identifierKey: IdentifierKey)) async throws -> [SubjectID] {
        let ledger = Ledger(store: opened.store, actor: "dpo", identifierKey: opened.identifierKey)
        return try await ledger.find(email: "kari.nordmann@example.no").map(\.subject)
    }
}

extension PostgresLedgerStoreTests {
    /// Two services open one PostgreSQL ledger from the same settings: one finds, by email, whom
    /// the other recorded — the same ledger, the same identifier key.
    @Test func twoServicesOpenOneLedgerFromTheSameSettings() async throws {
        let keyFile = try TestServer.keyFile()
        try KeyEncryptionKey.random().write(to: keyFile)
        var environment = [
            "PDL_STORE": TestServer.storeURL(schema: TestServer.uniqueSchema("svc")) + "&sslmode=disable"
        ]
        environment["PDL_KEY_FILE"] = keyFile.path
        let configuration = ServiceStoreConfiguration(store: nil, keyFile: nil, environment: environment)
        let webshop = try await configuration.open(defaultLocation: "./ledger")
        let portal = try await configuration.open(defaultLocation: "./ledger")
        try await ServiceStoreConfigurationTests.recordKari(webshop)
        #expect(try await ServiceStoreConfigurationTests.findKari(portal) == ["customer:10001"])
    }
}
