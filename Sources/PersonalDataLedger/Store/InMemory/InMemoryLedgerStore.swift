import LedgerCrypto
import Synchronization

/// A ``LedgerStore`` that keeps facts in memory: for tests of services that use the ledger, and as
/// the reference the file store is compared against.
///
/// It keeps every rule of the protocol except durability: erasure removes values and salts from
/// memory, and the hash chain is the file store's — the same canonical encoding, 16-byte salted
/// commitments and links — so the same facts with the same salts give the same head in both,
/// and ``verify(against:)`` still passes after erasure.
public final class InMemoryLedgerStore: LedgerStore, LedgerSettingsStore, LedgerCatalogStore {
    private let state: Mutex<State>
    private let settings = Mutex<LedgerSettings?>(nil)
    /// Who hears each append (``LedgerEvent/storeAppended(facts:bytes:syncDuration:)``).
    private let observer: (any LedgerObserver)?
    private let catalog = Mutex<Catalog?>(nil)

    /// The catalog saved with ``saveCatalog(_:)``, `nil` until then; kept in memory like the facts.
    public func loadCatalog() async throws -> Catalog? { catalog.withLock { $0 } }

    /// Keeps `catalog` (validated) in memory, for tests of code that reads a ledger's catalog.
    public func saveCatalog(_ catalog: Catalog) async throws {
        try catalog.validate()
        self.catalog.withLock { $0 = catalog }
    }

    /// The settings saved with ``saveSettings(_:)``, `nil` until then; kept in memory like the facts.
    public func loadSettings() async throws -> LedgerSettings? { settings.withLock { $0 } }

    /// Keeps `settings` (validated) in memory, for tests of code that reads a ledger's settings.
    public func saveSettings(_ settings: LedgerSettings) async throws {
        try settings.validate()
        self.settings.withLock { $0 = settings }
    }

    /// Creates an empty store.
    ///
    /// - Parameter observer: who hears each append, with the bytes of its canonical encoding
    ///   and no sync time (nothing is synced); give the ledger the same one.
    public init(observer: (any LedgerObserver)? = nil) {
        state = Mutex(State(salts: .random))
        self.observer = observer
    }

    /// Creates an empty store that draws its salts from `salts` (tests comparing chains).
    package init(salts: SaltSource, observer: (any LedgerObserver)? = nil) {
        state = Mutex(State(salts: salts))
        self.observer = observer
    }

    public func append(_ facts: [NewFact]) async throws -> [Fact] {
        let appended = state.withLock { state in facts.map { state.append($0) } }
        if observer != nil { report(appended.count, bytes: appended.reduce(0) { $0 + $1.bytes }) }
        return appended.map(\.fact)
    }

    /// Tells the observer of an append of `count` facts; nothing without one, or without facts.
    private func report(_ count: Int, bytes: Int) {
        guard let observer, count > 0 else { return }
        observer.observe(.storeAppended(facts: count, bytes: bytes, syncDuration: nil))
    }

    public func append(_ facts: [NewFact], committedAs fields: [[FieldCommitment]]) async throws -> [Fact] {
        guard facts.count == fields.count else {
            throw LedgerStoreError.invalidRequest(
                "\(fields.count) lists of field commitments were given for \(facts.count) facts; nothing was appended.")
        }
        let (appended, bytes) = try state.withLock { state in
            // Every fact is encoded and checked before the first is kept: the batch is atomic.
            var subjects = state.subjects
            var chain = state.records.last?.chain ?? HashChain.empty
            var prepared: [Record] = []
            var bytes = 0
            for (offset, (draft, given)) in zip(facts, fields).enumerated() {
                let fact = Fact(sequence: UInt64(state.records.count + offset + 1), draft)
                var encoder = FactRecordEncoder(
                    context: CommittingContext(subjects: subjects, salts: state.salts, preset: PresetCommitter(given)),
                    sequence: fact.sequence)
                encoder.encode(draft)
                if let refusal = encoder.context.refusal {
                    throw LedgerStoreError.invalidRequest(
                        "Fact \(fact.sequence): \(refusal) Nothing of the batch was appended.")
                }
                subjects = encoder.context.subjects
                chain = HashChain.link(chain, canonical: encoder.canonical.bytes)
                bytes += encoder.canonical.bytes.count
                prepared.append(Record(fact: fact, fields: encoder.context.fields, chain: chain))
            }
            state.subjects = subjects
            for record in prepared { state.keep(record, committed: true) }
            return (prepared.map(\.fact), bytes)
        }
        report(appended.count, bytes: bytes)
        return appended
    }

    public func committedFacts(from sequence: UInt64, limit: Int) async throws -> [CommittedFact] {
        state.withLock { state in
            let start = Int(clamping: max(sequence, 1) - 1)
            guard start < state.records.count, limit > 0 else { return [] }
            let end = min(state.records.count, start + limit)
            return state.records[start..<end].map { record in
                CommittedFact(
                    fact: record.fact,
                    fields: record.fields.map { field in
                        if let salt = field.salt { return .salted(salt) }
                        if let commitment = field.commitment { return .erased(commitment: commitment) }
                        return .erasedBeforeRecording
                    })
            }
        }
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
        let (fact, bytes) = try state.withLock { state in
            let positions = state.index[.subject(scope.subject)] ?? []
            let subjectPositions = Set(positions)
            try scope.checkResolved(against: positions.map { UInt64($0) + 1 })
            for sequence in scope.values {
                let position = Int(clamping: sequence) - 1
                guard subjectPositions.contains(position) else {
                    throw LedgerStoreError.invalidRequest(
                        "Fact \(sequence) is not about the subject being erased; nothing was erased.")
                }
            }
            let (recorded, bytes) = state.append(erasure)
            for sequence in scope.values {
                state.erase(at: Int(sequence) - 1, values: true, subject: nil)
            }
            if scope.erasesIdentifier {
                let accounted = state.index[.accountability(scope.subject)] ?? []
                for position in positions + accounted + [Int(recorded.sequence) - 1] {
                    state.erase(at: position, values: false, subject: scope.subject)
                }
                state.index[.subject(scope.subject)] = nil
                state.index[.accountability(scope.subject)] = nil
                state.forget(scope.subject)
                return (state.records[Int(recorded.sequence) - 1].fact, bytes)
            }
            return (recorded, bytes)
        }
        report(1, bytes: bytes)
        return fact
    }

    public func integrityHead() async throws -> IntegrityHead {
        state.withLock { state in
            IntegrityHead(
                count: UInt64(state.records.count), hash: (state.records.last?.chain ?? HashChain.empty).hexString)
        }
    }

    public func verify(against checkpoint: IntegrityHead?) async throws -> IntegrityHead {
        try state.withLock { state in
            var chain = HashChain.empty
            for (position, record) in state.records.enumerated() {
                var encoder = FactRecordEncoder(
                    context: VerifyingContext(fields: record.fields), sequence: record.fact.sequence)
                encoder.encode(record.fact.draft)
                chain = HashChain.link(chain, canonical: encoder.canonical.bytes)
                guard chain == record.chain, encoder.context.isIntact, encoder.context.consumedEveryField else {
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
}

extension InMemoryLedgerStore {
    fileprivate struct Record {
        /// The fact as it reads now: erased fields already replaced.
        var fact: Fact
        /// Its personal fields' commitments and salts, in encoding order.
        var fields: [CommittedField]
        /// The chain head after this fact.
        var chain: [UInt8]
    }

    fileprivate struct State {
        let salts: SaltSource
        var records: [Record] = []
        var index: [IndexKey: [Int]] = [:]
        /// Salt and commitment per subject whose identifier is live, as the file store's identity
        /// vault keeps them: one per subject, shared by all its facts.
        var subjects: [SubjectID: (salt: [UInt8], commitment: [UInt8])] = [:]

        init(salts: SaltSource) { self.salts = salts }

        /// Appends `draft`, answering with the fact and the bytes of its canonical encoding.
        mutating func append(_ draft: NewFact) -> (fact: Fact, bytes: Int) {
            let fact = Fact(sequence: UInt64(records.count + 1), draft)
            // Moved out and back so the table is not copied on every append.
            let known = subjects
            subjects = [:]
            var encoder = FactRecordEncoder(
                context: CommittingContext(subjects: known, salts: salts), sequence: fact.sequence)
            encoder.encode(draft)
            subjects = encoder.context.subjects
            let chain = HashChain.link(records.last?.chain ?? HashChain.empty, canonical: encoder.canonical.bytes)
            keep(Record(fact: fact, fields: encoder.context.fields, chain: chain), committed: false)
            return (fact, encoder.canonical.bytes.count)
        }

        /// Appends an encoded record and indexes it. An identifier appended with its commitment
        /// only (`committed`, erased in the store it came from) indexes nothing, as in the file
        /// store: its facts belong to no subject one can ask for.
        mutating func keep(_ record: Record, committed: Bool) {
            records.append(record)
            for key in Set(record.fact.body.indexKeys) where !(committed && key.subjectID == .erased) {
                index[key, default: []].append(records.count - 1)
            }
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
            for field in record.fields.indices {
                let named = record.fields[field].subject
                if named == nil ? values : (subject != nil && named == subject) {
                    record.fields[field].salt = nil
                }
            }
            let body = record.fact.body.mappingPersonalData(
                values: { values ? .erased : $0 },
                subjects: { id in id == subject ? .erased : id })
            record.fact = Fact(
                sequence: record.fact.sequence, recordedAt: record.fact.recordedAt, actor: record.fact.actor,
                body: body)
            records[position] = record
        }

        /// Forgets the subject's salt, so a later fact about the same identifier is a new subject
        /// (as in the file store, whose identity vault entry is gone).
        mutating func forget(_ subject: SubjectID) { subjects[subject] = nil }
    }
}
