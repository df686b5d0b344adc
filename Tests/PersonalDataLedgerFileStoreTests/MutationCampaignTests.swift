import Foundation
import PersonalDataLedgerTesting
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// Issue 13, "the mutation campaign as a test": every file of a small ledger — the identifier
/// key included — is flipped at its first, middle and last byte, cut to half and to nothing, and
/// deleted; for each mutant, what the read-only commands ask (every fact, each subject's facts,
/// find by email, verify) either fails with a store error naming a file or gives exactly the
/// answers of the unmutated ledger. Never a different answer without an error.
@Suite struct MutationCampaignTests {
    enum Mutation: String, CaseIterable, Sendable {
        case flipFirst, flipMiddle, flipLast, truncateToHalf, truncateToZero, delete
    }

    static let emails = ["kari.nordmann@example.no", "ola.nordmann@example.no", "per@example.no"]
    static let subjects: [SubjectID] = [KeyedLedger.kari, KeyedLedger.ola, "customer:10003"]

    /// Kari's and Ola's orders, Per's, then Ola erased entirely and Kari's phone erased; closed,
    /// so `INDEX` and `CHECKPOINT` exist too.
    static func ledger(in directory: TemporaryDirectory) async throws {
        let store = try FileStoreTesting.open(directory.ledger)
        let key = try #require(try store.identifierKey(creatingIfAbsent: true))
        let keyed = try await KeyedLedger.make(store: store, owner: nil, key: key, start: TestLedger.start)
        let kari = try await keyed.recordOrder()
        let ola = try await keyed.recordOrder(for: KeyedLedger.ola, email: emails[1], phone: "+47 912 34 568")
        _ = try await keyed.recordOrder(for: subjects[2], email: emails[2], phone: "+47 912 34 569")
        try await keyed.eraseValues(Set(ola.map(\.sequence)), of: KeyedLedger.ola, identifier: true)
        try await keyed.eraseValues([KeyedLedger.holding(.phone, in: kari)], of: KeyedLedger.kari)
        try await store.close()
    }

    struct Answers: Equatable {
        var all: [Fact]
        var bySubject: [[Fact]]
        var found: [[SubjectMatch]]
        var head: IntegrityHead
    }

    static func answers(_ path: String, mode: FileLedgerStore.AccessMode) async throws -> Answers {
        let store = try FileStoreTesting.open(path, mode: mode)
        do {
            let ledger = Ledger(
                store: store, catalog: .focusNordic, region: .norway, actor: "pdl",
                clock: ManualClock(TestLedger.start).ledgerClock, identifierKey: try store.identifierKey())
            var answers = Answers(
                all: try await store.facts(from: 1, limit: 10_000), bySubject: [], found: [], head: .empty)
            for subject in subjects { answers.bySubject.append(try await store.facts(about: subject)) }
            for email in emails { answers.found.append(try await ledger.find(email: email)) }
            answers.head = try await store.verify()
            if mode == .readOnly { try await store.close() } else { store.abandon() }
            return answers
        } catch {
            store.abandon()
            throw error
        }
    }

    static func mutate(_ bytes: [UInt8], _ mutation: Mutation) -> [UInt8]? {
        var bytes = bytes
        switch mutation {
        case .flipFirst, .flipMiddle, .flipLast:
            guard !bytes.isEmpty else { return bytes }
            let index = mutation == .flipFirst ? 0 : mutation == .flipMiddle ? bytes.count / 2 : bytes.count - 1
            bytes[index] ^= 0x04
            return bytes
        case .truncateToHalf: return Array(bytes.prefix(bytes.count / 2))
        case .truncateToZero: return []
        case .delete: return nil
        }
    }

    /// A clear error: a store error whose message names a file of the ledger (or its directory)
    /// and is no bare type name.
    static func isClear(_ error: any Error, files: [String], directory: String) -> Bool {
        guard let error = error as? LedgerStoreError else { return false }
        let message = error.message
        return (files.contains { message.contains($0) } || message.contains(directory))
            && !message.contains("Bad(") && !message.contains("CodecError") && !message.contains("failed; no details")
    }

    @Test(arguments: Mutation.allCases)
    func everyMutantIsRefusedClearlyOrAnswersAsTheOriginal(mutation: Mutation) async throws {
        let directory = TemporaryDirectory()
        try await Self.ledger(in: directory)
        let original = DirectoryImage(of: directory.ledger)
        let expected = try await Self.answers(directory.ledger, mode: .readOnly)
        #expect(expected.found.map(\.count) == [1, 0, 1])
        let files = original.files.keys.sorted()
        #expect(files.contains(IdentifierKey.fileName) && files.contains(AcknowledgedFile.name))
        var refused = 0
        var unchanged = 0
        for name in files {
            for mode in [FileLedgerStore.AccessMode.readOnly, .readWrite] {
                original.restore(to: directory.ledger)
                var mutant = original
                mutant.files[name] = Self.mutate(original.files[name]!, mutation)
                mutant.restore(to: directory.ledger)
                do {
                    let answers = try await Self.answers(directory.ledger, mode: mode)
                    #expect(answers == expected, "\(name) \(mutation) \(mode): a different answer without an error")
                    unchanged += 1
                } catch {
                    refused += 1
                    #expect(
                        Self.isClear(error, files: files, directory: directory.ledger),
                        "\(name) \(mutation) \(mode): \(error)")
                }
            }
        }
        // Some mutants must be refused (a deleted log) and some harmless (a flipped LOCK).
        #expect(refused > 0 && unchanged > 0, "\(refused) refused, \(unchanged) unchanged")
    }
}
