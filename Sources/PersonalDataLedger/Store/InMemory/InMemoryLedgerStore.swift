import LedgerCrypto
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A ``LedgerStore`` that keeps facts in memory: for tests of services that use the ledger, and as
/// the reference the file store is compared against.
///
/// It keeps every rule of the protocol except durability: erasure removes values and salts from
/// memory, and the hash chain covers salted commitments exactly as a durable store's does, so
/// ``verify(against:)`` still passes after erasure.
public final class InMemoryLedgerStore: LedgerStore {
    private let state = Mutex(State())

    /// Creates an empty store.
    public init() {}

    public func append(_ facts: [NewFact]) async throws -> [Fact] {
        state.withLock { state in facts.map { state.append($0) } }
    }

    public func facts(for key: IndexKey) async throws -> [Fact] {
        state.withLock { state in (state.index[key] ?? []).map { state.records[$0].fact } }
    }

    public func facts(from sequence: UInt64, limit: Int) async throws -> [Fact] {
        state.withLock { state in
            let start = Int(clamping: max(sequence, 1) - 1)
            guard start < state.records.count, limit > 0 else { return [] }
            let end = min(state.records.count, start + limit)
            return state.records[start..<end].map(\.fact)
        }
    }

    public func erase(_ scope: ErasureScope, recording erasure: NewFact) async throws -> Fact {
        try state.withLock { state in
            let positions = state.index[.subject(scope.subject)] ?? []
            let subjectPositions = Set(positions)
            for sequence in scope.values {
                let position = Int(clamping: sequence) - 1
                guard subjectPositions.contains(position) else {
                    throw LedgerStoreError.invalidRequest(
                        "Fact \(sequence) is not about the subject being erased; nothing was erased.")
                }
            }
            let recorded = state.append(erasure)
            for sequence in scope.values {
                state.erase(at: Int(sequence) - 1, values: true, subject: nil)
            }
            if scope.erasesIdentifier {
                for position in positions + [Int(recorded.sequence) - 1] {
                    state.erase(at: position, values: false, subject: scope.subject)
                }
                state.index[.subject(scope.subject)] = nil
                return state.records[Int(recorded.sequence) - 1].fact
            }
            return recorded
        }
    }

    public func integrityHead() async throws -> IntegrityHead {
        state.withLock { state in
            IntegrityHead(
                count: UInt64(state.records.count), hash: (state.records.last?.chain ?? Self.zeroHash).hexString)
        }
    }

    public func verify(against checkpoint: IntegrityHead?) async throws -> IntegrityHead {
        try state.withLock { state in
            var chain = Self.zeroHash
            for (position, record) in state.records.enumerated() {
                chain = Self.link(chain, record.canonical)
                guard chain == record.chain, record.commitmentsMatch() else {
                    throw LedgerStoreError.integrityViolation(
                        "The hash chain breaks at fact \(position + 1): the fact was altered after it was recorded.")
                }
                if let checkpoint, checkpoint.count == UInt64(position + 1), checkpoint.hash != chain.hexString {
                    throw LedgerStoreError.integrityViolation(
                        "History differs from the checkpoint at fact \(checkpoint.count): facts up to it were rewritten."
                    )
                }
            }
            if let checkpoint, checkpoint.count > UInt64(state.records.count) {
                throw LedgerStoreError.integrityViolation(
                    "The store holds \(state.records.count) facts but the checkpoint covers \(checkpoint.count): facts were removed."
                )
            }
            return IntegrityHead(count: UInt64(state.records.count), hash: chain.hexString)
        }
    }

    static let zeroHash = [UInt8](repeating: 0, count: 32)

    /// The next chain hash: SHA-256(0x01 ‖ previous ‖ SHA-256(0x00 ‖ record)), RFC 6962 style.
    static func link(_ previous: [UInt8], _ canonical: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update([0x01])
        hasher.update(previous)
        hasher.update(SHA256.hash([0x00] + canonical))
        return hasher.finalize()
    }
}

extension InMemoryLedgerStore {
    fileprivate struct Record {
        var fact: Fact
        /// One salt per personal field in traversal order; `nil` once that field was erased.
        var salts: [[UInt8]?]
        var commitments: [[UInt8]]
        var canonical: [UInt8]
        var chain: [UInt8]

        func commitmentsMatch() -> Bool {
            var matches = true
            var field = 0
            func check(_ text: String?) {
                defer { field += 1 }
                guard field < salts.count, field < commitments.count else {
                    matches = false
                    return
                }
                guard let salt = salts[field] else { return }
                guard let text, SHA256.hash(salt + Array(text.utf8)) == commitments[field] else {
                    matches = false
                    return
                }
            }
            _ = fact.body.mappingPersonalData(
                values: {
                    check($0.revealed)
                    return $0
                },
                subjects: {
                    check($0 == .erased ? nil : $0.rawValue)
                    return $0
                })
            return matches && field == commitments.count
        }
    }

    fileprivate struct State {
        var records: [Record] = []
        var index: [IndexKey: [Int]] = [:]

        mutating func append(_ draft: NewFact) -> Fact {
            let fact = Fact(sequence: UInt64(records.count + 1), draft)
            var salts: [[UInt8]?] = []
            var commitments: [[UInt8]] = []
            var generator = SystemRandomNumberGenerator()
            // A field that arrives already erased (an import of an erased ledger) gets a random
            // commitment and no salt, exactly as if it had been erased here.
            func commit(_ text: String?) -> String {
                let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
                let commitment = SHA256.hash(salt + Array((text ?? "").utf8))
                salts.append(text == nil ? nil : salt)
                commitments.append(commitment)
                return commitment.hexString
            }
            let committedBody = fact.body.mappingPersonalData(
                values: { PersonalValue(commit($0.revealed)) },
                subjects: { SubjectID(commit($0 == .erased ? nil : $0.rawValue)) })
            let committed = Fact(
                sequence: fact.sequence, recordedAt: fact.recordedAt, actor: fact.actor, body: committedBody)
            let canonical = Array(InMemoryLedgerStore.canonicalEncoder.encodeOrEmpty(committed))
            let chain = InMemoryLedgerStore.link(records.last?.chain ?? InMemoryLedgerStore.zeroHash, canonical)
            records.append(
                Record(fact: fact, salts: salts, commitments: commitments, canonical: canonical, chain: chain))
            for key in Set(fact.body.indexKeys) {
                index[key, default: []].append(records.count - 1)
            }
            return fact
        }

        /// Erases the values of the record at `position` and/or every occurrence of `subject` in it.
        mutating func erase(at position: Int, values: Bool, subject: SubjectID?) {
            var record = records[position]
            if values {
                for case .lookup(let token) in record.fact.body.indexKeys {
                    index[.lookup(token)]?.removeAll { $0 == position }
                    if index[.lookup(token)]?.isEmpty == true { index[.lookup(token)] = nil }
                }
            }
            var field = 0
            let body = record.fact.body.mappingPersonalData(
                values: { value in
                    defer { field += 1 }
                    guard values else { return value }
                    record.salts[field] = nil
                    return .erased
                },
                subjects: { id in
                    defer { field += 1 }
                    guard id == subject else { return id }
                    record.salts[field] = nil
                    return .erased
                })
            record.fact = Fact(
                sequence: record.fact.sequence, recordedAt: record.fact.recordedAt, actor: record.fact.actor,
                body: body)
            records[position] = record
        }
    }

    fileprivate static let canonicalEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()
}

extension JSONEncoder {
    fileprivate func encodeOrEmpty(_ fact: Fact) -> Data {
        // Every fact type is plain data with string keys; encoding cannot fail.
        (try? encode(fact)) ?? Data()
    }
}
