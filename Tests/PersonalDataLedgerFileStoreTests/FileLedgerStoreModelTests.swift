import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// Model-based: random appends and erasures go to the file store and to the in-memory store;
/// after every reopen of the file store, everything it answers must equal the model's answer.
@Suite struct FileLedgerStoreModelTests {
    @Test(arguments: [11, 22, 33] as [UInt64])
    func randomOperationsMatchTheInMemoryStore(seed: UInt64) async throws {
        var generator = SplitMix(seed: seed)
        let directory = TemporaryDirectory()
        let options = FileLedgerStore.Options(segmentSize: 2048, snapshotInterval: 17)
        let model = InMemoryLedgerStore()
        var store = try FileStoreTesting.open(directory.ledger, options: options)
        let subjects = (0..<6).map { "customer:\($0)" }
        var erasedValues: Set<String> = []
        for step in 0..<80 {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<6:
                let batch = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                    FileStoreTesting.randomFact(using: &generator, subjects: subjects)
                }
                #expect(try await store.append(batch) == model.append(batch), "step \(step)")
            case 6, 7:
                let subject = SubjectID(subjects.randomElement(using: &generator)!)
                let about = try await model.facts(about: subject)
                let values = Set(
                    about.filter { !$0.body.personalValues.isEmpty && Bool.random(using: &generator) }.map(\.sequence))
                for fact in about where values.contains(fact.sequence) {
                    for value in fact.body.personalValues { if let text = value.revealed { erasedValues.insert(text) } }
                }
                let identifier = Int.random(in: 0..<4, using: &generator) == 0
                let scope = ErasureScope(subject: subject, values: values, erasesIdentifier: identifier)
                let record = FileStoreTesting.erasure(subject.rawValue, erased: values.sorted(), identifier: identifier)
                #expect(
                    try await store.erase(scope, recording: record) == model.erase(scope, recording: record),
                    "step \(step)")
            case 8:
                try await store.close()
                store = try FileStoreTesting.open(directory.ledger, options: options)
                try await compare(store, model, subjects: subjects, step: step)
            default:
                store.abandon()
                store = try FileStoreTesting.open(directory.ledger, options: options)
                try await compare(store, model, subjects: subjects, step: step)
            }
        }
        try await compare(store, model, subjects: subjects, step: 80)
        try await store.close()
        // Values erased from the model (and not also held by a later fact) are gone from disk.
        let live = Set(
            try await model.facts(from: 1, limit: 10_000).flatMap { $0.body.personalValues.compactMap(\.revealed) })
        for value in erasedValues.subtracting(live) {
            #expect(FileStoreTesting.filesContaining(value, in: directory.ledger).isEmpty, "\(value) survives")
        }
    }

    private func compare(
        _ store: FileLedgerStore, _ model: InMemoryLedgerStore, subjects: [String], step: Int
    ) async throws {
        #expect(try await store.facts(from: 1, limit: 10_000) == model.facts(from: 1, limit: 10_000), "step \(step)")
        for subject in subjects {
            #expect(
                try await store.facts(about: SubjectID(subject)) == model.facts(about: SubjectID(subject)),
                "step \(step) \(subject)")
        }
        for key: IndexKey in [
            .lookup("token-1"), .lookup("token-2"), .reference("order:1"), .reference("order:3"),
            .system("webshop.orders"), .kind(.policyVersion), .kind(.request), .kind(.accessGrant),
        ] {
            #expect(try await store.facts(for: key) == model.facts(for: key), "step \(step) \(key)")
        }
        #expect(try await store.verify().count == model.integrityHead().count)
    }
}
