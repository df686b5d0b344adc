import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// Physical erasure (DESIGN §3.4.4): after `erase` returns no file in the directory holds the
/// erased bytes — checked by a byte search after every test here — the chain still verifies,
/// and a crash at any step, or an old vault restored from a backup, is cleaned up on open.
@Suite struct FileLedgerStoreErasureTests {
    static let secret = "kari.secret@example.no"
    static let name = "Kari Hemmelig Nordmann"
    static let subject = "customer:ident-4711"

    /// A store with the secret subject's two values and another subject's value.
    static func populated(_ directory: TemporaryDirectory, calls: SystemCalls = .live) async throws -> FileLedgerStore {
        let store = try FileStoreTesting.open(directory.ledger, calls: calls)
        _ = try await store.append([
            FileStoreTesting.holding(subject, value: secret),
            FileStoreTesting.holding(subject, .name, value: name),
            FileStoreTesting.holding("customer:2", .name, value: "Ola Beholdt"),
            NewFact(
                recordedAt: FileStoreTesting.epoch, actor: "b2b",
                body: .subjectLink(SubjectLink(subject: SubjectID(subject), linked: "b2b:7"))),
        ])
        return store
    }

    static var everything: ErasureScope {
        ErasureScope(subject: SubjectID(subject), values: [1, 2], erasesIdentifier: true)
    }
    static var record: NewFact { FileStoreTesting.erasure(subject, erased: [1, 2], identifier: true) }

    static func expectGone(
        _ directory: TemporaryDirectory, identifier: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for needle in [secret, name] + (identifier ? [subject] : []) {
            #expect(
                FileStoreTesting.filesContaining(needle, in: directory.ledger) == [], "\(needle) survives",
                sourceLocation: sourceLocation)
        }
        #expect(
            FileStoreTesting.filesContaining("Ola Beholdt", in: directory.ledger) == ["values.vault"],
            sourceLocation: sourceLocation)
    }

    @Test func erasingValuesLeavesNoTrace() async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.populated(directory)
        #expect(FileStoreTesting.filesContaining(Self.secret, in: directory.ledger) == ["values.vault"])
        #expect(FileStoreTesting.filesContaining(Self.subject, in: directory.ledger) == ["identities.vault"])
        _ = try await store.erase(
            ErasureScope(subject: SubjectID(Self.subject), values: [1, 2], erasesIdentifier: false),
            recording: FileStoreTesting.erasure(Self.subject, erased: [1, 2], identifier: false))
        Self.expectGone(directory, identifier: false)
        #expect(
            try await store.facts(about: SubjectID(Self.subject)).map(\.body.personalValues).prefix(2) == [
                [.erased], [.erased],
            ])
        #expect(try await store.verify().count == 5)
        try await store.close()
        Self.expectGone(directory, identifier: false)
    }

    @Test func erasingTheIdentifierLeavesNoTraceAnywhere() async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.populated(directory)
        let recorded = try await store.erase(Self.everything, recording: Self.record)
        #expect(recorded.body.subjects == [.erased])
        Self.expectGone(directory)
        #expect(try await store.facts(about: SubjectID(Self.subject)).isEmpty)
        #expect(try await store.facts(about: "b2b:7").map(\.body.subjects) == [[.erased, "b2b:7"]])
        try await store.close()
        Self.expectGone(directory)  // the index snapshot and checkpoint too
        let reopened = try FileStoreTesting.open(directory.ledger)
        #expect(try await reopened.verify().count == 5)
        #expect(try await reopened.facts(from: 1, limit: 1)[0].body.subjects == [.erased])
        // The identifier may come back as a new subject, unrelated to the erased one.
        _ = try await reopened.append([FileStoreTesting.holding(Self.subject, value: "new")])
        #expect(try await reopened.facts(about: SubjectID(Self.subject)).map(\.sequence) == [6])
    }

    /// Each step of an erasure fails in turn, as a crash there would stop it; after reopening the
    /// erasure is either not recorded (and nothing was erased) or recorded and complete.
    @Test(arguments: [
        ("log-0000000001.seg", FaultInjector.Call.pwrite, false),
        // A failed sync of the frame: never acknowledged, so the next open cuts it whatever the
        // page cache still shows (fsyncgate), and nothing was erased.
        ("log-0000000001.seg", .fdatasync, false),
        ("values.vault", .pwrite, true),
        ("values.vault", .fdatasync, true),
        ("identities.vault", .pwrite, true),
        ("identities.vault", .fdatasync, true),
    ])
    func aCrashAtEachStepOfAnErasureIsRepairedOnOpen(file: String, call: FaultInjector.Call, isRecorded: Bool)
        async throws
    {
        let directory = TemporaryDirectory()
        let faults = FaultInjector()
        let store = try await Self.populated(directory, calls: faults.calls)
        if call == .pwrite {
            // A torn overwrite: half the bytes land, then the device fails.
            faults.add(call, file, .shortWrite)
        }
        faults.add(call, file, .fail(.ioError))
        #expect(
            isStoreError(
                await failure { _ = try await store.erase(Self.everything, recording: Self.record) }, .failedClosed))
        store.abandon()

        let reopened = try FileStoreTesting.open(directory.ledger)
        let count = try await reopened.integrityHead().count
        #expect(try await reopened.verify().count == count)
        if isRecorded {
            #expect(count == 5)
            Self.expectGone(directory)
        } else {
            #expect(count == 4)
            #expect(try await reopened.facts(about: SubjectID(Self.subject)).count == 3)
            _ = try await reopened.erase(Self.everything, recording: Self.record)
            Self.expectGone(directory)
        }
    }

    @Test(arguments: [true, false])
    func aRestoredOldVaultIsErasedAgainOnOpen(withSnapshot: Bool) async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.populated(directory)
        try await store.close()
        let backup = DirectoryImage(of: directory.ledger)
        let reopened = try FileStoreTesting.open(directory.ledger)
        _ = try await reopened.erase(Self.everything, recording: Self.record)
        if withSnapshot { try await reopened.close() } else { reopened.abandon() }
        Self.expectGone(directory)

        // An administrator restores yesterday's vaults over today's.
        for name in ["values.vault", "identities.vault"] {
            FileStoreTesting.write(backup.files[name]!, to: directory.ledger + "/" + name)
        }
        #expect(FileStoreTesting.filesContaining(Self.secret, in: directory.ledger) == ["values.vault"])
        let recovered = try FileStoreTesting.open(directory.ledger)
        Self.expectGone(directory)
        #expect(try await recovered.facts(from: 1, limit: 1)[0].body.personalValues == [.erased])
        #expect(try await recovered.verify().count == 5)
    }

    @Test func erasingAValueErasesItsLookupTokenFromEveryFileIncludingTheSnapshot() async throws {
        let directory = TemporaryDirectory()
        var store = try FileStoreTesting.open(directory.ledger)
        let token = "lookup-token-4711"
        let holding = NewFact(
            recordedAt: FileStoreTesting.epoch, actor: "webshop",
            body: .holding(
                Holding(
                    subject: SubjectID(Self.subject), category: .email, system: "webshop.orders",
                    purpose: .customerAccountAndOrders, basis: .contract, source: .dataSubject,
                    value: PersonalValue(Self.secret), lookupToken: PersonalValue(token))))
        _ = try await store.append([holding, FileStoreTesting.holding("customer:2", .name, value: "Ola Beholdt")])
        try await store.close()
        #expect(FileStoreTesting.filesContaining(token, in: directory.ledger).sorted() == ["INDEX", "values.vault"])
        store = try FileStoreTesting.open(directory.ledger)
        #expect(try await store.facts(for: .lookup(token)).map(\.sequence) == [1])
        _ = try await store.erase(
            ErasureScope(subject: SubjectID(Self.subject), values: [1], erasesIdentifier: false),
            recording: FileStoreTesting.erasure(Self.subject, erased: [1], identifier: false))
        #expect(FileStoreTesting.filesContaining(token, in: directory.ledger) == [])
        #expect(try await store.facts(for: .lookup(token)).isEmpty)
        try await store.close()
        #expect(FileStoreTesting.filesContaining(token, in: directory.ledger) == [])
        store = try FileStoreTesting.open(directory.ledger)
        #expect(try await store.facts(for: .lookup(token)).isEmpty)
        #expect(try await store.verify().count == 3)
    }

    @Test func erasureCostsTheSubjectsBytesNotTheLedgers() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStoreTesting.open(directory.ledger)
        _ = try await store.append(
            (0..<500).map { FileStoreTesting.holding("customer:\($0)", value: "value-\($0)-padding-padding") })
        let sizeBefore = FileStoreTesting.bytes(of: directory.ledger + "/values.vault").count
        _ = try await store.erase(
            ErasureScope(subject: "customer:7", values: [8], erasesIdentifier: true),
            recording: FileStoreTesting.erasure("customer:7", erased: [8], identifier: true))
        // The vault keeps its size (entries are overwritten in place) and nothing was rewritten.
        #expect(FileStoreTesting.bytes(of: directory.ledger + "/values.vault").count == sizeBefore)
        #expect(FileStoreTesting.filesContaining("value-7-padding", in: directory.ledger) == [])
        #expect(FileStoreTesting.filesContaining("value-8-padding", in: directory.ledger) == ["values.vault"])
    }
}
