import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// `SUBJECTS` (``SubjectHash``): open finds subjects by identifier without reading the
/// identifiers, and no placement of an erased subject survives its erasure.
@Suite struct SubjectHashTests {
    // MARK: The table

    /// Subjects with random home slots in a table of `capacity` (crowded, to make long runs).
    static func subjects(seed: UInt64, count: Int, capacity: Int) -> [SubjectHash.Placed] {
        var generator = SplitMix(seed: seed)
        return (0..<UInt64(count)).map {
            SubjectHash.Placed(
                home: Int.random(in: 0..<capacity, using: &generator), number: $0,
                tag: UInt32.random(in: 0...UInt32.max, using: &generator))
        }
    }

    /// Whether two lists of entries are the same.
    static func same(_ a: [(number: UInt32, tag: UInt32)], _ b: [(number: UInt32, tag: UInt32)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.number == $1.number && $0.tag == $1.tag }
    }

    static func table(_ entries: [(number: UInt32, tag: UInt32)], capacity: Int) throws -> SubjectHash {
        let bytes = SubjectHash.encode(
            entries: entries, capacity: capacity, subjectCount: 1 << 20, erasedCount: 0, count: 1,
            head: HashChain.empty)
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        copy.copyBytes(from: bytes)
        return try SubjectHash(bytes: UnsafeRawBufferPointer(copy)) { $0.deallocate() }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func thePlacementDoesNotDependOnTheOrderSubjectsCameIn(seed: UInt64) {
        let subjects = Self.subjects(seed: seed, count: 300, capacity: 512)
        var generator = SplitMix(seed: seed + 100)
        #expect(
            Self.same(
                SubjectHash.entries(subjects.shuffled(using: &generator), capacity: 512),
                SubjectHash.entries(subjects, capacity: 512)))
    }

    @Test func everySubjectIsAmongTheCandidatesOfItsIdentifier() throws {
        let ids = (0..<500).map { SubjectID("customer:\($0)") }
        let capacity = SubjectHash.capacity(for: ids.count)
        let entries = SubjectHash.entries(
            ids.enumerated().map { number, id in
                let (home, tag) = SubjectHash.key(of: id.rawValue.utf8, capacity: capacity)
                return SubjectHash.Placed(home: home, number: UInt64(number), tag: tag)
            },
            capacity: capacity)
        let table = try Self.table(entries, capacity: capacity)
        #expect(ids.enumerated().allSatisfy { table.candidates(for: $1) == [UInt64($0)] })
    }

    // MARK: The store

    static let subjects = ["customer:1", "customer:2", "customer:3"]

    /// A closed ledger (so with `INDEX` and `SUBJECTS`) holding one fact about each subject, and
    /// a later one about the first (so that the last batch, whose vault entries open checks,
    /// adds no identifier).
    static func ledger(_ directory: TemporaryDirectory) async throws -> [Fact] {
        let store = try FileStoreTesting.open(directory.ledger)
        var facts = try await store.append(subjects.map { FileStoreTesting.holding($0, value: "v-\($0)") })
        facts += try await store.append([FileStoreTesting.holding(subjects[0], .name, value: "w")])
        try await store.close()
        return facts
    }

    /// Overwrites a byte of `subject`'s identifier in the identities vault.
    static func damageIdentifier(of subject: String, in directory: TemporaryDirectory) {
        let path = directory.ledger + "/identities.vault"
        var bytes = FileStoreTesting.bytes(of: path)
        let range = bytes.firstRange(of: Array(subject.utf8))!
        bytes[range.upperBound - 1] ^= 0x01
        FileStoreTesting.write(bytes, to: path)
    }

    @Test func openReadsNoIdentifierTheSnapshotCovers() async throws {
        let directory = TemporaryDirectory()
        let facts = try await Self.ledger(directory)
        Self.damageIdentifier(of: "customer:2", in: directory)
        let store = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        #expect(try await store.facts(about: "customer:3") == [facts[2]])
        // The damage is found where it is read, and named.
        await #expect {
            _ = try await store.facts(about: "customer:2")
        } throws: { error in
            isStoreError(error, .corrupted, mentioning: "identities.vault", "subject number 1", "pdl verify")
        }
        try await store.close()
    }

    @Test func withoutSubjectsTheIdentifiersAreReadAtOpenAndTheFileIsWrittenAgain() async throws {
        let directory = TemporaryDirectory()
        let facts = try await Self.ledger(directory)
        try FileManager.default.removeItem(atPath: directory.ledger + "/SUBJECTS")
        let store = try FileStoreTesting.open(directory.ledger)
        #expect(try await store.facts(about: "customer:2") == [facts[1]])
        try await store.close()
        #expect(FileManager.default.fileExists(atPath: directory.ledger + "/SUBJECTS"))
        // With identifiers read at open, damage to one refuses the open as before.
        try FileManager.default.removeItem(atPath: directory.ledger + "/SUBJECTS")
        Self.damageIdentifier(of: "customer:2", in: directory)
        #expect(isStoreError(openFailure(directory.ledger), .corrupted, mentioning: "identities.vault"))
    }

    @Test(arguments: ["damaged", "of another snapshot"])
    func aSubjectsFileThatDoesNotBelongIsNotUsed(_ kind: String) async throws {
        let directory = TemporaryDirectory()
        let path = directory.ledger + "/SUBJECTS"
        _ = try await Self.ledger(directory)
        let older = FileStoreTesting.bytes(of: path)
        let store = try FileStoreTesting.open(directory.ledger)
        let more = try await store.append([FileStoreTesting.holding("customer:4", value: "v4")])
        try await store.close()
        if kind == "damaged" {
            var bytes = FileStoreTesting.bytes(of: path)
            bytes[SubjectHash.headerSize] ^= 0xFF
            FileStoreTesting.write(bytes, to: path)
        } else {
            // Lists subjects 0...2 only: used, it would not find customer:4.
            FileStoreTesting.write(older, to: path)
        }
        let reopened = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        #expect(try await reopened.facts(about: "customer:4") == more)
        try await reopened.close()
    }

    /// Erases customer:2 (subject number 1) with its identifier and its one value.
    static func eraseSecondSubject(in store: FileLedgerStore) async throws {
        _ = try await store.erase(
            ErasureScope(subject: "customer:2", values: [2], erasesIdentifier: true),
            recording: FileStoreTesting.erasure("customer:2", erased: [2], identifier: true))
    }

    /// An erasure of an identifier removes `SUBJECTS` (rewriting it would cost in proportion to
    /// the ledger); lookups go on, and the close writes it again without the subject.
    @Test func anErasureRemovesSubjectsAndTheCloseWritesItWithoutTheSubject() async throws {
        let directory = TemporaryDirectory()
        let ledger = LedgerDirectory(path: directory.ledger, calls: .live)
        _ = try await Self.ledger(directory)
        let store = try FileStoreTesting.open(directory.ledger)
        try await Self.eraseSecondSubject(in: store)
        #expect(!FileManager.default.fileExists(atPath: directory.ledger + "/SUBJECTS"))
        #expect(try await store.facts(about: "customer:3").count == 1)
        #expect(try await store.facts(about: "customer:2").isEmpty)
        // Another process opens meanwhile: it reads the identifiers instead.
        let reader = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        #expect(try await reader.facts(about: "customer:3").count == 1)
        try await reader.close()
        try await store.close()
        // Subject number 1 is customer:2; the file is the one made from the other two alone.
        let hash = try #require(try SubjectHash.map(in: ledger))
        #expect(!hash.holdsAny(of: [1]))
        let keys = ["customer:1", "customer:3"].map { SubjectHash.key(of: $0.utf8, capacity: hash.capacity) }
        let expected = SubjectHash.encode(
            entries: SubjectHash.entries(
                [.init(home: keys[0].home, number: 0, tag: keys[0].tag), .init(home: keys[1].home, number: 2, tag: keys[1].tag)],
                capacity: hash.capacity),
            capacity: hash.capacity, subjectCount: 3, erasedCount: 1, count: 5, head: hash.head)
        #expect(FileStoreTesting.bytes(of: directory.ledger + "/SUBJECTS") == expected)
    }

    /// A crash after the erasure's frame and before `SUBJECTS` was removed: readers pass the
    /// erased subject over, and the next writer removes the file under the lock.
    @Test func aWriterRemovesASubjectsFileThatStillListsAnErasedSubject() async throws {
        let directory = TemporaryDirectory()
        let ledger = LedgerDirectory(path: directory.ledger, calls: .live)
        _ = try await Self.ledger(directory)
        let store = try FileStoreTesting.open(directory.ledger)
        try await Self.eraseSecondSubject(in: store)
        try await store.close()
        // The file as it was before the erasure, with the snapshot's tag: it lists subject 1.
        let tagged = try #require(try SubjectHash.map(in: ledger))
        let keys = Self.subjects.map { SubjectHash.key(of: $0.utf8, capacity: tagged.capacity) }
        FileStoreTesting.write(
            SubjectHash.encode(
                entries: SubjectHash.entries(
                    keys.enumerated().map { .init(home: $1.home, number: UInt64($0), tag: $1.tag) },
                    capacity: tagged.capacity),
                capacity: tagged.capacity, subjectCount: 3, erasedCount: 0, count: tagged.count, head: tagged.head),
            to: directory.ledger + "/SUBJECTS")
        #expect(try SubjectHash.map(in: ledger)?.holdsAny(of: [1]) == true)
        let reader = try FileStoreTesting.open(directory.ledger, mode: .readOnly)
        #expect(try await reader.facts(about: "customer:2").isEmpty)
        #expect(try await reader.facts(about: "customer:3").count == 1)
        try await reader.close()
        let writer = try FileStoreTesting.open(directory.ledger)
        _ = try await writer.append([FileStoreTesting.holding("customer:5", value: "v5")])
        #expect(!FileManager.default.fileExists(atPath: directory.ledger + "/SUBJECTS"))
        try await writer.close()
        #expect(try SubjectHash.map(in: ledger)?.holdsAny(of: [1]) == false)
    }
}
