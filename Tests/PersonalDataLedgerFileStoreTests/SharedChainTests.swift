import Foundation
import Synchronization
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// The in-memory and the file store build one hash chain: the same facts with the same salts give
/// the same head in both, after appends and after erasures.
@Suite struct SharedChainTests {
    /// Salts from a counter: every source made here yields the same sequence.
    static func countingSalts() -> SaltSource {
        let counter = Mutex<UInt64>(0)
        return SaltSource {
            let number = counter.withLock { count -> UInt64 in
                count += 1
                return count
            }
            return Array(SHA256.hash(withUnsafeBytes(of: number.bigEndian) { Array($0) })[0..<Commitment.saltLength])
        }
    }

    @Test(arguments: [5, 6, 7] as [UInt64])
    func bothStoresReachTheSameHead(seed: UInt64) async throws {
        var generator = SplitMix(seed: seed)
        let directory = TemporaryDirectory()
        let memory = InMemoryLedgerStore(salts: Self.countingSalts())
        let file = try FileLedgerStore(
            path: directory.ledger, mode: .readWrite, options: .init(segmentSize: 4096), calls: .live,
            salts: Self.countingSalts())
        let subjects = (0..<5).map { "customer:\($0)" }
        for step in 0..<60 {
            if Int.random(in: 0..<5, using: &generator) == 0 {
                let subject = SubjectID(subjects.randomElement(using: &generator)!)
                let about = try await memory.facts(about: subject)
                let values = Set(about.filter { !$0.body.personalValues.isEmpty }.prefix(2).map(\.sequence))
                let identifier = Bool.random(using: &generator)
                let scope = ErasureScope(subject: subject, values: values, erasesIdentifier: identifier)
                let record = FileStoreTesting.erasure(subject.rawValue, erased: values.sorted(), identifier: identifier)
                #expect(try await memory.erase(scope, recording: record) == file.erase(scope, recording: record))
            } else {
                let batch = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                    FileStoreTesting.randomFact(using: &generator, subjects: subjects)
                }
                #expect(try await memory.append(batch) == file.append(batch))
            }
            let memoryHead = try await memory.integrityHead()
            #expect(try await file.integrityHead() == memoryHead, "step \(step)")
        }
        let verified = try await memory.verify()
        #expect(try await file.verify() == verified)
        try await file.close()
    }

    @Test func oneFactChainsAsTheCodecSays() async throws {
        let salt = [UInt8](repeating: 7, count: Commitment.saltLength)
        let store = InMemoryLedgerStore(salts: SaltSource { salt })
        let draft = FileStoreTesting.holding("customer:1", value: "kari.nordmann@example.no", reference: nil)
        _ = try await store.append([draft])
        var canonical = CanonicalWriter(sequence: 1)
        canonical.date(draft.recordedAt)
        canonical.string("webshop")
        canonical.tag(FactRecordFormat.tag(of: .holding))
        canonical.subject(Commitment.commit("customer:1", salt: salt, domain: Commitment.subjectDomain))
        for text in ["email", "webshop.orders", "customerAccountAndOrders", "contract"] { canonical.string(text) }
        canonical.optionalString(nil)
        canonical.tag(0)
        canonical.optionalString(nil)
        canonical.value(
            .vault(
                offset: 0,
                commitment: Commitment.commit("kari.nordmann@example.no", salt: salt, domain: Commitment.valueDomain)))
        canonical.value(nil)
        #expect(
            try await store.integrityHead().hash
                == HashChain.link(HashChain.empty, canonical: canonical.bytes).hexString)
    }
}
