import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// The blanked binary body a store that seals personal data elsewhere keeps for each fact.
@Suite struct BlankedFactEncodingTests {
    static func blanked(_ fact: NewFact) -> NewFact {
        NewFact(
            recordedAt: fact.recordedAt, actor: fact.actor,
            body: fact.body.mappingPersonalData(values: { _ in .erased }, subjects: { _ in .erased }))
    }

    static func randomFacts(seed: UInt64, count: Int) -> [NewFact] {
        var generator = SplitMix(seed: seed)
        return (0..<count).map { _ in
            FileStoreTesting.randomFact(using: &generator, subjects: ["customer:1", "customer:2", "b2b:9"])
        }
    }

    @Test func theFactsUsedCoverEveryKind() {
        #expect(Set(Self.randomFacts(seed: 11, count: 400).map(\.body.kind)) == Set(FactKind.allCases))
    }

    /// Every field but the personal ones comes back; subjects and values come back blanked, in
    /// the fields where the fact had them.
    @Test(arguments: [11, 12] as [UInt64])
    func everyFactDecodesAsItsBlankedSelf(seed: UInt64) throws {
        let facts = Self.randomFacts(seed: seed, count: 400)
        let decoded = try facts.map { try BlankedFactEncoding.decode(BlankedFactEncoding.encode($0)) }
        #expect(decoded == facts.map(Self.blanked))
    }

    @Test func theBytesHoldNoIdentifierAndNoValue() {
        let facts = Self.randomFacts(seed: 13, count: 400)
        let leaks = facts.filter { fact in
            let text = String(decoding: BlankedFactEncoding.encode(fact), as: UTF8.self)
            return (fact.body.subjects.map(\.rawValue) + fact.body.personalValues.compactMap(\.revealed))
                .contains { text.contains($0) }
        }
        #expect(leaks.isEmpty)
    }

    @Test func everyCutEncodingIsRefusedAsCorrupted() {
        let bytes = BlankedFactEncoding.encode(
            FileStoreTesting.holding("customer:1", value: "v1", reference: "order:1"))
        let accepted = (0..<bytes.count).filter { cut in
            (try? BlankedFactEncoding.decode(Array(bytes.prefix(cut)))) != nil
        }
        #expect(accepted.isEmpty)
    }

    /// A JSON body (the form of earlier rows) starts with `{`, which is no version.
    @Test(arguments: [[UInt8(ascii: "{")], [0], [2, 0]])
    func anotherFirstByteIsRefusedAsCorrupted(bytes: [UInt8]) {
        #expect {
            _ = try BlankedFactEncoding.decode(bytes)
        } throws: { error in
            (error as? LedgerStoreError)?.code == .corrupted
        }
    }
}
