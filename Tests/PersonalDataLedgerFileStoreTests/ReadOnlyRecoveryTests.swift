import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// A read-only store gives the answers the writer gives after it recovers (issue 13, items 2
/// and 9): for every state a crash can leave between the vault writes and the log frame of a
/// batch, what a reader answers before any writer reopens equals what the writer answers after
/// its recovery — and the reader changes no file and says once that a writer will tidy up.
@Suite struct ReadOnlyRecoveryTests {
    enum Step: String, CaseIterable, Sendable {
        case appendNewSubject, appendExistingSubject, eraseWithIdentifier, eraseLookupValue
    }

    static let subjects: [SubjectID] = ["customer:1", "customer:2", "customer:3"]
    static let tokens = ["token-1", "token-2", "token-3"]

    static func holding(_ subject: String, value: String, token: String?) -> NewFact {
        NewFact(
            recordedAt: FileStoreTesting.epoch, actor: "webshop",
            body: .holding(
                Holding(
                    subject: SubjectID(subject), category: .email, system: "webshop.orders",
                    purpose: .customerAccountAndOrders, basis: .contract, source: .dataSubject,
                    value: PersonalValue(value), lookupToken: token.map(PersonalValue.init))))
    }

    /// Runs the base batches, then `step`; returns the directory before and after the step.
    static func images(_ step: Step, in directory: TemporaryDirectory) async throws -> (DirectoryImage, DirectoryImage)
    {
        let store = try FileStoreTesting.open(directory.ledger)
        _ = try await store.append([
            holding("customer:1", value: "kari@example.no", token: "token-1"),
            holding("customer:2", value: "ola@example.no", token: "token-2"),
        ])
        _ = try await store.append([holding("customer:1", value: "kari.second@example.no", token: nil)])
        let before = DirectoryImage(of: directory.ledger)
        switch step {
        case .appendNewSubject:
            _ = try await store.append([holding("customer:3", value: "per@example.no", token: "token-3")])
        case .appendExistingSubject:
            _ = try await store.append([holding("customer:2", value: "ola.new@example.no", token: nil)])
        case .eraseWithIdentifier:
            _ = try await store.erase(
                ErasureScope(subject: "customer:1", values: [1, 3], erasesIdentifier: true),
                recording: FileStoreTesting.erasure("customer:1", erased: [1, 3], identifier: true))
        case .eraseLookupValue:
            _ = try await store.erase(
                ErasureScope(subject: "customer:2", values: [2], erasesIdentifier: false),
                recording: FileStoreTesting.erasure("customer:2", erased: [2], identifier: false))
        }
        store.abandon()
        return (before, DirectoryImage(of: directory.ledger))
    }

    /// What the commands ask of a store: every fact, each subject's, each lookup, verification.
    struct Answers: Equatable, CustomStringConvertible {
        var all: [Fact]
        var bySubject: [[Fact]]
        var byLookup: [[Fact]]
        var head: IntegrityHead

        init(_ store: FileLedgerStore) async throws {
            all = try await store.facts(from: 1, limit: 1000)
            bySubject = []
            for subject in ReadOnlyRecoveryTests.subjects { bySubject.append(try await store.facts(about: subject)) }
            byLookup = []
            for token in ReadOnlyRecoveryTests.tokens { byLookup.append(try await store.facts(for: .lookup(token))) }
            head = try await store.verify()
        }

        var description: String { "\(all.count) facts, head \(head.count)" }
    }

    /// Each file the step changed either as before, torn (half the change) or as after, in every
    /// combination the writer's order of writes and syncs allows.
    static func crashStates(_ step: Step, before: DirectoryImage, after: DirectoryImage) -> [(String, DirectoryImage)] {
        let changed = after.files.keys.filter { before.files[$0] != after.files[$0] }.sorted()
        let isErasure = step == .eraseWithIdentifier || step == .eraseLookupValue
        var states: [(String, DirectoryImage)] = [("", before)]
        for name in changed {
            let old = before.files[name] ?? []
            let new = after.files[name]!
            let appended = new.count > old.count && Array(new[0..<old.count]) == old
            let torn: [UInt8]
            if appended {
                torn = old + new[old.count..<(old.count + (new.count - old.count) / 2)]
            } else {
                let first = (0..<min(old.count, new.count)).first { old[$0] != new[$0] } ?? 0
                let last = (0..<min(old.count, new.count)).last { old[$0] != new[$0] } ?? 0
                torn = Array(new[0..<(first + (last - first + 1) / 2)]) + old[(first + (last - first + 1) / 2)...]
            }
            states = states.flatMap { label, image in
                [("old", old, before.files[name] == nil), ("torn", torn, false), ("new", new, false)].map {
                    variant, bytes, absent in
                    var image = image
                    image.files[name] = absent ? nil : bytes
                    return (label + "\(name)=\(variant) ", image)
                }
            }
            _ = appended
        }
        return states.filter { label, image in
            let logDone = image.files.keys.filter { $0.hasPrefix("log-") }.allSatisfy {
                image.files[$0] == after.files[$0]
            }
            // The acknowledged sequence is recorded once the frame and the new vault entries are synced.
            let appendsDone = changed.filter { $0.hasPrefix("log-") || $0.hasSuffix(".vault") }.allSatisfy { name in
                let old = before.files[name] ?? []
                let new = after.files[name]!
                let appended = new.count > old.count && Array(new[0..<old.count]) == old
                return !appended || image.files[name] == new
            }
            if image.files[AcknowledgedFile.name] != before.files[AcknowledgedFile.name], !appendsDone { return false }
            for name in changed where name.hasSuffix(".vault") {
                let old = before.files[name] ?? []
                let new = after.files[name]!
                let appended = new.count > old.count && Array(new[0..<old.count]) == old
                let current = image.files[name] ?? []
                // An erasure's in-place overwrite starts only once its frame is durable and
                // acknowledged…
                if isErasure, !appended, current != old,
                    !logDone || image.files[AcknowledgedFile.name] != after.files[AcknowledgedFile.name]
                {
                    return false
                }
                // …and its new entries are durable before its frame is written.
                if isErasure, appended, current != new,
                    image.files.keys.contains(where: { $0.hasPrefix("log-") && image.files[$0] != before.files[$0] })
                {
                    return false
                }
            }
            return true
        }
    }

    @Test(arguments: Step.allCases)
    func aReaderAnswersAsTheRecoveredWriter(step: Step) async throws {
        let directory = TemporaryDirectory()
        let (before, after) = try await Self.images(step, in: directory)
        let states = Self.crashStates(step, before: before, after: after)
        #expect(states.count > 5)
        for (label, state) in states {
            state.restore(to: directory.ledger)
            let crashed = DirectoryImage(of: directory.ledger)
            let reader: Answers
            let warning: String?
            do {
                let store = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
                reader = try await Answers(store)
                warning = store.recoveryWarning
                try await store.close()
            } catch {
                Issue.record("\(label): the reader refused: \(error)")
                continue
            }
            #expect(DirectoryImage(of: directory.ledger).files == crashed.files, "\(label): the reader wrote")
            let writer = try FileStoreTesting.open(directory.ledger)
            let recovered = try await Answers(writer)
            writer.abandon()
            // The writer's record of the count it recovered is bookkeeping, not tidying.
            let tidied =
                DirectoryImage(of: directory.ledger).files.filter { $0.key != AcknowledgedFile.name }
                != crashed.files.filter { $0.key != AcknowledgedFile.name }
            #expect(reader == recovered, "\(label)")
            #expect((warning != nil) == tidied, "\(label): warning \(warning ?? "none")")
            if let warning { #expect(warning.contains("next open"), "\(label)") }
        }
    }
}
