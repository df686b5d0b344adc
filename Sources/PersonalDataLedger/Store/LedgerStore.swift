/// Where a ledger keeps its facts: durable, ordered, indexed, erasable.
///
/// A store knows nothing of GDPR. The ``Ledger`` validates every fact before handing it over; a
/// store makes facts durable, numbers them, indexes them by ``IndexKey``, erases personal values
/// when told, and proves its history was not rewritten.
///
/// Every store — in memory, in files, in PostgreSQL, behind a remote service — implements every
/// requirement, and proves it by running the conformance suite in `PersonalDataLedgerTesting`:
///
/// ```swift
/// @Test func conformance() async throws {
///     try await LedgerStoreConformance.run { try MyStore(...) }
/// }
/// ```
///
/// ## Rules every store keeps
/// - `append` is atomic and durable: when it returns, every fact of the batch survives a crash;
///   when it throws, none is visible. Sequence numbers start at 1 and have no gaps.
/// - Concurrent calls are safe. Readers see only whole batches.
/// - Personal values (``PersonalValue``) and subject identifiers are what ``erase(_:recording:)``
///   removes. After it returns they are gone from everything the store controls — not flagged,
///   gone — and reads return ``PersonalValue/erased`` and ``SubjectID/erased`` in their place.
/// - ``verify(against:)`` checks the store's hash chain and still passes after erasures.
/// - A store that several ledgers write — processes, machines, or `Ledger` values over one
///   store — refuses an erasure whose scope was resolved before a newer fact about its subject
///   (``ErasureScope/resolvedThrough``), and proves it with
///   `LedgerStoreConformance.sharedStoreChecks`.
public protocol LedgerStore: Sendable {
    /// Appends a batch of facts atomically and durably, and returns them with their sequence
    /// numbers, in order.
    func append(_ facts: [NewFact]) async throws -> [Fact]

    /// Appends a batch of facts whose personal fields are committed as given, atomically and
    /// durably, and returns them with their sequence numbers, in order: how an import rebuilds
    /// the hash chain of the store it came from, so that its head — and every checkpoint taken
    /// of it — stays the same.
    ///
    /// `fields[i]` lists the commitments of `facts[i]`'s personal fields (see
    /// ``FieldCommitment`` and ``PresetCommitter``, which checks them): the store keeps each given
    /// salt with its value or identifier, and each erased field's commitment without any value.
    /// A subject identifier the store already holds must come with the salt it holds for it.
    ///
    /// - Throws: ``LedgerStoreError`` with code `invalidRequest`, appending nothing, when a
    ///   fact's fields do not fit it or a subject's salt differs from the store's.
    func append(_ facts: [NewFact], committedAs fields: [[FieldCommitment]]) async throws -> [Fact]

    /// Returns up to `limit` facts from `sequence` on, in order, each with the commitments of its
    /// personal fields: the salts of live values and identifiers, the commitments of erased ones.
    ///
    /// An export reads here, so an import can rebuild the same chain with
    /// ``append(_:committedAs:)``. The salts are secrets as sensitive as the values.
    func committedFacts(from sequence: UInt64, limit: Int) async throws -> [CommittedFact]

    /// Returns the facts indexed under `key`, in sequence order.
    ///
    /// This is the hot path: an access report reads a subject's facts here. Stores index it.
    func facts(for key: IndexKey) async throws -> [Fact]

    /// Returns up to `limit` facts with sequence numbers from `sequence` on, in order.
    ///
    /// Replay, export and scans read here; a reader beside a writer reads here to catch up.
    func facts(from sequence: UInt64, limit: Int) async throws -> [Fact]

    /// Physically erases personal values of a subject, and records `erasure` in the same
    /// durable step.
    ///
    /// Values of the facts whose sequence numbers `scope` lists are erased; with
    /// ``ErasureScope/erasesIdentifier``, the subject identifier too, in every fact that names
    /// it (including those indexed under ``IndexKey/accountability(_:)``), and the subject's
    /// index entries under both keys. Erasing what is already erased is not an error.
    ///
    /// With ``ErasureScope/resolvedThrough``, the store first checks — under the same lock that
    /// orders its appends, so no other writer's fact can come between the check and the erasure —
    /// that it holds no fact indexed under ``IndexKey/subject(_:)`` of the subject numbered above
    /// it (``ErasureScope/checkResolved(against:)``).
    ///
    /// - Throws: ``LedgerStoreError`` with code ``LedgerStoreError/Code/conflict``, erasing and
    ///   recording nothing, when it does; with code `invalidRequest` when `scope` lists a fact
    ///   not about the subject.
    func erase(_ scope: ErasureScope, recording erasure: NewFact) async throws -> Fact

    /// The number of facts and the head of the hash chain.
    func integrityHead() async throws -> IntegrityHead

    /// Checks every link of the hash chain and, given an earlier checkpoint, that the history it
    /// covers is still the same. Returns the current head; throws
    /// ``LedgerStoreError/integrityViolation(_:)`` when anything does not match.
    func verify(against checkpoint: IntegrityHead?) async throws -> IntegrityHead

    /// ``verify(against:)``, telling `progress` as it goes how many facts are verified and how
    /// many the chain holds, for a progress line (`pdl verify`). Stores that verify in one step
    /// need not implement it: the default tells `progress` once, at the end.
    func verify(
        against checkpoint: IntegrityHead?, progress: (@Sendable (_ verified: UInt64, _ total: UInt64) -> Void)?
    ) async throws -> IntegrityHead

    /// Finishes the store's work — a file store snapshots its index so the next open is fast —
    /// and releases its resources. Nothing acknowledged depends on it; stores without such work
    /// need not implement it.
    func close() async throws
}

extension LedgerStore {
    /// Returns every fact about `subject`, in sequence order.
    public func facts(about subject: SubjectID) async throws -> [Fact] {
        try await facts(for: .subject(subject))
    }

    /// Does nothing: a store with no resources to release need not implement ``close()``.
    public func close() async throws {}

    /// Calls ``verify(against:)``, then tells `progress` that every fact is verified.
    public func verify(
        against checkpoint: IntegrityHead?, progress: (@Sendable (_ verified: UInt64, _ total: UInt64) -> Void)?
    ) async throws -> IntegrityHead {
        let head = try await verify(against: checkpoint)
        progress?(head.count, head.count)
        return head
    }

    /// Checks every link of the hash chain.
    @discardableResult
    public func verify() async throws -> IntegrityHead { try await verify(against: nil) }
}
