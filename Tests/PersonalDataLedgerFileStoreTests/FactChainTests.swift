import Foundation
import Synchronization
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import TestSupport

/// ``FactChain`` is the public face of the chain the built-in stores keep: a store outside the
/// package that draws the same salts reaches the same head.
@Suite struct FactChainTests {
    /// A committer as a third-party store writes one: one salt per subject, kept; one per value.
    struct RecordingCommitter: FactCommitter {
        let salts: SaltSource
        var subjectSalts: [SubjectID: [UInt8]] = [:]

        mutating func commitment(forSubject subject: SubjectID) -> [UInt8] {
            let salt = subjectSalts[subject] ?? salts.next()
            subjectSalts[subject] = salt
            return FactChain.commitment(to: subject.rawValue, salt: salt, domain: .subject)
        }

        mutating func commitment(forValue value: PersonalValue) -> [UInt8]? {
            guard let text = value.revealed else { return nil }
            return FactChain.commitment(to: text, salt: salts.next(), domain: .value)
        }
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func aStoreBuiltOnFactChainReachesTheInMemoryStoresHead(seed: UInt64) async throws {
        var generator = SplitMix(seed: seed)
        let memory = InMemoryLedgerStore(salts: SharedChainTests.countingSalts())
        var committer = RecordingCommitter(salts: SharedChainTests.countingSalts())
        var head = FactChain.emptyHead
        var sequence: UInt64 = 0
        for _ in 0..<40 {
            let batch = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                FileStoreTesting.randomFact(using: &generator, subjects: ["customer:1", "customer:2", "b2b:3"])
            }
            _ = try await memory.append(batch)
            for draft in batch {
                sequence += 1
                head = FactChain.link(
                    head, canonical: FactChain.canonicalEncoding(of: draft, sequence: sequence, committer: &committer))
            }
            #expect(try await memory.integrityHead() == IntegrityHead(count: sequence, hash: head.hexString))
        }
    }

    @Test func theEmptyHeadIsThirtyTwoZeroBytes() {
        #expect(FactChain.emptyHead == [UInt8](repeating: 0, count: 32))
        #expect(FactChain.emptyHead.hexString == IntegrityHead.empty.hash)
    }
}
