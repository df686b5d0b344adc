import PersonalDataLedger
import Synchronization

/// Where a subject's identifier is read from: the identities vault, or (tests, the fuzz probe)
/// its entries already decoded, by offset.
enum IdentityReader: Sendable {
    case vault(VaultFile)
    case entries([UInt64: String?])

    /// The identifier at `offset`, or `nil` when it was erased there.
    func text(at offset: UInt64) throws -> String? {
        switch self {
        case .vault(let vault): return try vault.text(at: offset)
        case .entries(let entries):
            guard let text = entries[offset] else {
                throw CodecError.malformed("no identifier entry at offset \(offset)")
            }
            return text
        }
    }
}

/// The subjects the log defines, by number and by identifier: those a mapped snapshot holds —
/// fixed-size records in `INDEX`, found by identifier through `SUBJECTS` — then those defined
/// since, in memory.
///
/// A snapshot subject's identifier is read from the identities vault when it is asked for, so
/// open reads no identifier at all. Without a `SUBJECTS` that belongs to the snapshot, the
/// identifiers are read once at open into ``baseNumbers`` instead (the old way, and the
/// fallback when the file is missing or damaged).
struct SubjectTable: Sendable {
    private var base: MappedIndex?
    private var baseCount = 0
    private var hash: SubjectHash?
    private var baseNumbers: [SubjectID: UInt64] = [:]
    private var added: [SubjectRecord] = []
    private var addedNumbers: [SubjectID: UInt64] = [:]
    private var identities: IdentityReader = .entries([:])
    /// Snapshot subjects' identifiers read from the vault, shared by the table's copies.
    private var cache = SubjectCache()
    /// Subject numbers whose identifier is erased.
    private(set) var erased: Set<UInt64> = []

    init() {}

    /// The snapshot's subjects: found through `hash` when it is given (it must belong to the
    /// snapshot), otherwise through `numbers`, every live snapshot subject's number by identifier.
    init(
        base: MappedIndex, identities: IdentityReader, erased: Set<UInt64>, hash: SubjectHash?,
        numbers: [SubjectID: UInt64]
    ) {
        self.base = base
        self.baseCount = Int(base.header.subjectCount)
        self.identities = identities
        self.erased = erased
        self.hash = hash
        self.baseNumbers = numbers
    }

    /// No subject yet; snapshot subjects, once there are, are read through `identities`.
    init(identities: IdentityReader) {
        self.identities = identities
    }

    var count: Int { baseCount + added.count }

    /// Whether lookups by identifier go through a `SUBJECTS` file (and open read no identifier).
    var isHashed: Bool { hash != nil }

    /// Whether the `SUBJECTS` mapped at open was written before some erasure this table knows of,
    /// and so may still list an erased subject (a writer then removes it).
    var hashMayListErased: Bool { hash.map { $0.erasedCount < erased.count } ?? false }

    /// Where subject `number`'s identifier lies, and the commitment the chain covers.
    func record(_ number: UInt64) throws(CodecError) -> (identityOffset: UInt64, commitment: [UInt8]) {
        guard number < UInt64(count) else { throw CodecError.malformed("subject number \(number) is not defined") }
        guard number < UInt64(baseCount), let base else {
            let record = added[Int(number) - baseCount]
            return (record.identityOffset, record.commitment)
        }
        return try base.subjectRecord(Int(number))
    }

    /// Subject `number`'s identifier, `nil` once erased.
    ///
    /// - Throws: `LedgerStoreError` (`corrupted`) when its vault entry does not decode.
    func identifier(_ number: UInt64) throws -> SubjectID? {
        guard !erased.contains(number) else { return nil }
        guard number < UInt64(baseCount) else {
            guard number < UInt64(count) else {
                throw CodecError.malformed("subject number \(number) is not defined")
            }
            return added[Int(number) - baseCount].id
        }
        if let id = cache.identifier(of: number) { return id }
        let offset = try record(number).identityOffset
        do {
            let id = try identities.text(at: offset).map(SubjectID.init(rawValue:))
            if let id { cache.keep(id, as: number) }
            return id
        } catch {
            throw Self.identifierDamaged(number, at: offset, error)
        }
    }

    /// A snapshot subject's identifier that does not decode — found when it is read, not at
    /// open: nothing was changed, and no answer is guessed.
    private static func identifierDamaged(_ number: UInt64, at offset: UInt64, _ error: any Error) -> LedgerStoreError {
        LedgerStoreError(
            .corrupted,
            "\(VaultKind.identities.fileName) is damaged at byte offset \(offset): the identifier of subject "
                + "number \(number) does not decode (\(error)). Nothing was changed. Run 'pdl verify' to find "
                + "all damage, and restore the directory from a backup, or keep it for inspection.")
    }

    /// The number of `id`, or `nil` when no live subject has it.
    ///
    /// - Throws: `LedgerStoreError` (`corrupted`) when a candidate's identifier cannot be read:
    ///   the answer would otherwise be a guess.
    func number(of id: SubjectID) throws -> UInt64? {
        if let number = addedNumbers[id] { return number }
        guard let hash else { return baseNumbers[id] }
        if let number = cache.number(of: id), !erased.contains(number) { return number }
        for candidate in hash.candidates(for: id)
        where candidate < UInt64(baseCount) && !erased.contains(candidate) {
            if try identifier(candidate) == id { return candidate }
        }
        return nil
    }

    /// Each subject's record in number order (what the snapshot writes).
    func forEachRecord(_ body: ((identityOffset: UInt64, commitment: [UInt8])) throws -> Void) throws {
        for number in 0..<UInt64(count) { try body(try record(number)) }
    }

    /// Each live subject's identifier with its number (what `SUBJECTS` is made from): the
    /// snapshot's read from the vault in large pieces, not one read each (ten million facts have
    /// a million subjects), and not kept in the cache.
    func forEachLive(_ body: (UInt64, SubjectID) throws -> Void) throws {
        let live = (0..<UInt64(baseCount)).filter { !erased.contains($0) }
        if case .vault(let vault) = identities {
            let offsets = try live.map { try record($0).identityOffset }
            var index = 0
            do {
                try vault.forEachText(at: offsets) { _, text in
                    if let text { try body(live[index], SubjectID(rawValue: text)) }
                    index += 1
                }
            } catch let error as LedgerStoreError {
                throw error
            } catch {
                throw Self.identifierDamaged(live[index], at: offsets[index], error)
            }
        } else {
            for number in live {
                if let id = try identifier(number) { try body(number, id) }
            }
        }
        for (index, subject) in added.enumerated() {
            if let id = subject.id { try body(UInt64(baseCount + index), id) }
        }
    }

    /// Looks the snapshot's subjects up in memory from now on: `entries` are the identities
    /// vault's entries the snapshot covers, by offset (damaged ones read as erased).
    mutating func lookUp(through entries: [UInt64: String?]) throws {
        var numbers: [SubjectID: UInt64] = [:]
        numbers.reserveCapacity(baseCount)
        for number in 0..<UInt64(baseCount) where !erased.contains(number) {
            let offset = try record(number).identityOffset
            guard let entry = entries[offset] else {
                throw LedgerStoreError.corrupted(
                    VaultKind.identities.fileName, offset: offset,
                    "no intact entry starts where the identifier of subject number \(number) lies: the vault is "
                        + "damaged or was cut")
            }
            // A damaged entry reads as erased here; open refuses it unless the log erased it.
            if let text = entry { numbers[SubjectID(rawValue: text)] = number }
        }
        hash = nil
        baseNumbers = numbers
    }

    mutating func define(_ subject: SubjectRecord) {
        if let id = subject.id { addedNumbers[id] = UInt64(count) }
        added.append(subject)
    }

    /// Subject `number`'s identifier is erased: it reads as erased and no lookup finds it.
    mutating func erase(_ number: UInt64) {
        guard number < UInt64(count), !erased.contains(number) else { return }
        cache.forget(number)
        if number >= UInt64(baseCount) {
            let index = Int(number) - baseCount
            if let id = added[index].id, addedNumbers[id] == number { addedNumbers[id] = nil }
            added[index].id = nil
        } else if !baseNumbers.isEmpty {
            // The identifier may be erased from the vault already: find it by its number.
            if let id = (try? identifier(number)) ?? nil, baseNumbers[id] == number {
                baseNumbers[id] = nil
            } else if let id = baseNumbers.first(where: { $0.value == number })?.key {
                baseNumbers[id] = nil
            }
        }
        erased.insert(number)
    }

    /// These subjects read from `index`, a snapshot of the first `index.header.subjectCount` of
    /// them (no fewer than the current snapshot holds), with `hash` its `SUBJECTS` (`nil` when
    /// that could not be written: lookups then stay in memory), identifiers read through
    /// `identities`; only the subjects defined after it stay in memory.
    func rebased(on index: MappedIndex, hash: SubjectHash?, identities: IdentityReader) -> SubjectTable {
        let covered = Int(index.header.subjectCount)
        var numbers: [SubjectID: UInt64] = [:]
        if hash == nil {
            numbers = baseNumbers
            for (id, number) in addedNumbers where number < UInt64(covered) { numbers[id] = number }
        }
        var table = SubjectTable(base: index, identities: identities, erased: erased, hash: hash, numbers: numbers)
        table.cache = cache
        table.added = Array(added.dropFirst(covered - baseCount))
        for (id, number) in addedNumbers where number >= UInt64(covered) { table.addedNumbers[id] = number }
        return table
    }
}

/// The snapshot subjects whose identifiers a ``SubjectTable`` has read from the vault, both ways,
/// so that a report's facts about one subject, or an import's about the same customers, read
/// each identifier once. Bounded: past ``capacity`` entries it starts again, so it never grows
/// with the ledger. An erased subject leaves it at once.
final class SubjectCache: Sendable {
    static let capacity = 1 << 16

    private struct Entries {
        var identifiers: [UInt64: SubjectID] = [:]
        var numbers: [SubjectID: UInt64] = [:]
    }

    private let entries = Mutex(Entries())

    func identifier(of number: UInt64) -> SubjectID? { entries.withLock { $0.identifiers[number] } }

    func number(of id: SubjectID) -> UInt64? { entries.withLock { $0.numbers[id] } }

    func keep(_ id: SubjectID, as number: UInt64) {
        entries.withLock { entries in
            if entries.identifiers.count >= Self.capacity { entries = Entries() }
            entries.identifiers[number] = id
            entries.numbers[id] = number
        }
    }

    func forget(_ number: UInt64) {
        entries.withLock { entries in
            if let id = entries.identifiers.removeValue(forKey: number) { entries.numbers[id] = nil }
        }
    }
}
