import Foundation
import PersonalDataLedger
import Testing

@testable import PDLCommands

/// The environment a command runs in: `PDL_NOW`, `PDL_STORE`, and the store openers.
@Suite struct CommandContextTests {
    @Test(arguments: [
        ("2026-06-01T09:00:00Z", "2026-06-01T09:00:00Z"), ("2033-01-31T23:59:59Z", "2033-01-31T23:59:59Z"),
        ("2026-06-01", "2026-06-01T00:00:00Z"),
    ])
    func pdlNowIsTheClock(value: String, instant: String) throws {
        let context = try CommandContext(environment: ["PDL_NOW": value], storeOpeners: [.fileStore])
        #expect(context.clock.now() == (try Date(instant, strategy: .iso8601)))
    }

    @Test func withoutPDLNowTheSystemClock() throws {
        let context = try CommandContext(environment: [:], storeOpeners: [.fileStore])
        #expect(abs(context.clock.now().timeIntervalSinceNow) < 60)
    }

    @Test(arguments: ["tomorrow", "2026-13-01", "01.06.2026", "2026-06-01 09:00"])
    func aMalformedPDLNowIsAUsageErrorNamingIt(value: String) {
        #expect {
            try CommandContext(environment: ["PDL_NOW": value], storeOpeners: [.fileStore])
        } throws: { error in
            guard let usage = error as? UsageError else { return false }
            return usage.message.contains("PDL_NOW") && !usage.message.contains(value)
        }
    }

    @Test func aMalformedPDLNowExitsTwo() async {
        let status = await PDLCommandLine.run(["verify", "--store", "/nonexistent"], environment: ["PDL_NOW": "soon"])
        #expect(status == 2)
    }

    @Test(arguments: [
        (["--store", "given"], ["PDL_STORE": "from-env"], "given"), ([], ["PDL_STORE": "from-env"], "from-env"),
        ([], [:], "./ledger"), ([], ["PDL_STORE": ""], "./ledger"),
    ])
    func theStoreIsTheOptionThenPDLStoreThenTheDefault(
        arguments: [String], environment: [String: String], location: String
    ) throws {
        let context = try CommandContext(environment: environment, storeOpeners: [.fileStore])
        let parsed = try ParsedArguments(arguments, for: VerifyCommand.declaration)
        #expect(context.storeLocation(parsed) == location)
    }

    @Test(
        arguments: [
            ("postgres://user:secret@db.example/ledger", "postgres"), ("file:///var/lib/ledger", "file"),
            ("/var/lib/ledger", nil), ("./ledger", nil), ("ledger:dir", nil), ("SQLite+x://a", "sqlite+x"),
        ] as [(String, String?)])
    func theSchemeOfALocation(location: String, scheme: String?) {
        #expect(LedgerStoreOpener.scheme(of: location) == scheme)
    }

    @Test func theFileStoreOpenerHandlesPathsAndFileURLs() {
        #expect(LedgerStoreOpener.fileStore.handles("./ledger"))
        #expect(LedgerStoreOpener.fileStore.handles("file:///tmp/ledger"))
        #expect(!LedgerStoreOpener.fileStore.handles("postgres://db/ledger"))
    }

    /// Another package's store, opened by its scheme: the hook a PostgreSQL `pdl` uses.
    @Test func anotherStoreIsOpenedByItsOpener() async throws {
        let store = InMemoryLedgerStore()
        let memory = LedgerStoreOpener(scheme: "memory") { location, readOnly in
            #expect(location == "memory://test")
            #expect(readOnly)
            return (store, nil)
        }
        let status = await PDLCommandLine.run(
            ["verify", "--store", "memory://test"], storeOpeners: [memory, .fileStore], environment: [:])
        #expect(status == 0)
        let fromEnvironment = await PDLCommandLine.run(
            ["ropa", "--format", "json", "--output", "/dev/null"], storeOpeners: [memory],
            environment: ["PDL_STORE": "memory://test", "PDL_NOW": "2026-06-01T09:00:00Z"])
        #expect(fromEnvironment == 0)
    }

    /// `--output` onto a device writes into it: renaming a temporary file over `/dev/null` would
    /// replace the device with a regular file (which a root `pdl` did before).
    @Test func outputToADeviceLeavesTheDevice() async throws {
        let store = InMemoryLedgerStore()
        let memory = LedgerStoreOpener(scheme: "memory") { _, _ in (store, nil) }
        let status = await PDLCommandLine.run(
            ["ropa", "--format", "json", "--output", "/dev/null", "--store", "memory://test"],
            storeOpeners: [memory], environment: ["PDL_NOW": "2026-06-01T09:00:00Z"])
        #expect(status == 0)
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
    }

    @Test func aLocationNoOpenerHandlesIsAUsageErrorWithoutTheLocation() async throws {
        let context = try CommandContext(environment: [:], storeOpeners: [.fileStore])
        let parsed = try ParsedArguments(
            ["--store", "postgres://dpo:secret@db.example/ledger"], for: VerifyCommand.declaration)
        await #expect {
            _ = try await context.openLedger(parsed, actor: "pdl", readOnly: true)
        } throws: { error in
            guard let usage = error as? UsageError else { return false }
            return usage.message.contains("'postgres'") && !usage.message.contains("secret")
                && usage.message.contains("file")
        }
    }
}
