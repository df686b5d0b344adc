import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore

/// The ledger's file store, driven at store level: the same facts the SQLite peer stores.
final class LedgerEngine: BenchEngine {
    let name = "ledger"
    let directory: URL
    let store: FileLedgerStore
    static let actor: ActorID = "webshop"

    /// Opens (or creates) the store in `directory`.
    init(directory: URL) throws {
        self.directory = directory
        store = try FileLedgerStore(directory: directory, mode: .readWrite, options: .init())
    }

    static func newFact(_ spec: FactSpec) -> NewFact {
        NewFact(
            recordedAt: Date(millisecondsSince1970: spec.recordedAtMilliseconds), actor: actor,
            body: .holding(
                Holding(
                    subject: SubjectID(spec.subject), category: DataCategory(spec.category),
                    system: SystemID(spec.system), purpose: Purpose(spec.purpose), basis: LegalBasis(spec.basis),
                    source: .dataSubject, reference: BusinessReference(spec.reference),
                    value: PersonalValue(spec.value))))
    }

    func append(_ spec: FactSpec) async throws {
        _ = try await store.append([Self.newFact(spec)])
    }

    func append(batch: ArraySlice<FactSpec>) async throws {
        _ = try await store.append(batch.map(Self.newFact))
    }

    func report(_ subject: String) async throws -> SubjectReport {
        try await Self.fold(store.facts(about: SubjectID(subject)))
    }

    /// The same fold as the SQLite side: holdings become rows; an erasure marks its rows erased.
    static func fold(_ facts: [Fact]) -> SubjectReport {
        var rows: [ReportRow] = []
        rows.reserveCapacity(facts.count)
        var erased: Set<UInt64> = []
        for fact in facts {
            switch fact.body {
            case .holding(let holding):
                rows.append(
                    ReportRow(
                        sequence: Int64(fact.sequence), recordedAtMilliseconds: fact.recordedAt.millisecondsSince1970,
                        category: holding.category.rawValue, system: holding.system.rawValue,
                        purpose: holding.purpose.rawValue, basis: holding.basis.rawValue,
                        source: holding.source.description, reference: holding.reference?.rawValue,
                        value: holding.value?.revealed))
            case .erasure(let erasure):
                erased.formUnion(erasure.erased)
            default:
                break
            }
        }
        if !erased.isEmpty {
            for index in rows.indices where erased.contains(UInt64(rows[index].sequence)) { rows[index].value = nil }
        }
        return SubjectReport(rows: rows)
    }

    /// Erases every value of the subject and its identifier, as `Ledger.erase` does for a
    /// complete erasure.
    func erase(_ subject: String) async throws { try await Self.erase(subject, in: store) }

    /// A complete erasure at store level, the same for every store: find the subject's facts,
    /// then one `store.erase` that records the erasure.
    static func erase(_ subject: String, in store: any LedgerStore) async throws {
        let id = SubjectID(subject)
        let sequences = try await store.facts(about: id).map(\.sequence)
        let scope = ErasureScope(subject: id, values: Set(sequences), erasesIdentifier: true)
        let record = NewFact(
            recordedAt: Date(millisecondsSince1970: Workload.epochMilliseconds), actor: "dpo",
            body: .erasure(
                Erasure(subject: id, reason: .subjectRequest, erased: sequences, identifierErased: true)))
        _ = try await store.erase(scope, recording: record)
    }

    func bytesOnDisk() throws -> Int { try directorySize(directory) }

    /// Closes the store; closing writes the index snapshot, which is part of what it keeps on disk.
    func close() async throws { try await store.close() }
}
