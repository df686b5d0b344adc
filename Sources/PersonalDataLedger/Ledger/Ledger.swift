#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The personal-data ledger: records what is held about whom, why, from where and who received
/// it — refusing what the catalog and the person's choices do not allow — and answers for it.
///
/// A ledger is made from a store, a catalog and a clock. It validates every write against the
/// catalog and the subject's current state, and refuses a write that breaks a rule with a
/// ``LedgerError`` that names the rule; a refused write changes nothing.
///
/// ```swift
/// let ledger = Ledger(store: InMemoryLedgerStore(), catalog: .focusNordic, region: .norway)
/// try await ledger.record(
///     [.name("Kari Nordmann"), .email("kari.nordmann@example.no")],
///     about: "customer:10001", in: "webshop.orders", for: .customerAccountAndOrders,
///     source: .dataSubject, reference: "order:50017")
/// ```
///
/// Many tasks may use one ledger at once. Writes about the same subject are validated and
/// appended one at a time; writes about different subjects, and all reads, proceed in parallel,
/// so a slow durable write never blocks a reader.
public final class Ledger: Sendable {
    /// Where the facts are kept.
    public let store: any LedgerStore
    /// What may be recorded.
    public let catalog: Catalog
    /// The country whose periods and number formats apply by default.
    public let region: Region
    /// Who writes, unless a call names another actor.
    public let actor: ActorID
    /// Where the ledger reads the time.
    public let clock: LedgerClock
    /// The statutory periods retention is counted with, and the legal holds erasure keeps.
    public let retention: RetentionSettings

    /// The secret behind lookup tokens; without it nothing can be found by identifier.
    let identifierKey: IdentifierKey?
    package let validator: Validator
    let subjectLocks = KeyedAsyncLock<SubjectID>()

    /// Creates a ledger over `store`.
    ///
    /// - Parameters:
    ///   - store: where facts are kept: ``InMemoryLedgerStore`` in tests, a file store in production.
    ///   - catalog: what may be recorded; Focus Nordic's privacy policy by default.
    ///   - region: the country whose periods and number formats apply by default.
    ///   - actor: who writes, for accountability: the service's name, such as `webshop`.
    ///   - clock: where the time is read; inject a ``ManualClock`` in tests.
    ///   - retention: the retention periods per region and the legal holds; the Nordic defaults
    ///     unless overridden.
    ///   - identifierKey: the secret that keys lookup tokens, so ``find(_:as:region:)`` can find a
    ///     person by email, phone, national ID number or bank account without any index holding
    ///     them in clear. Without one no tokens are made and `find` is refused. Keep it for the
    ///     ledger's life: facts recorded under another key cannot be found.
    public init(
        store: any LedgerStore, catalog: Catalog = .focusNordic, region: Region = .norway,
        actor: ActorID = "service", clock: LedgerClock = .system,
        retention: RetentionSettings = .nordicDefaults, identifierKey: IdentifierKey? = nil
    ) {
        self.store = store
        self.catalog = catalog
        self.region = region
        self.actor = actor
        self.clock = clock
        self.retention = retention
        self.identifierKey = identifierKey
        self.validator = Validator(catalog: catalog, region: region)
    }

    /// The state of `subject` now, folded from its facts.
    func state(of subject: SubjectID) async throws -> SubjectState {
        SubjectState(facts: try await store.facts(about: subject))
    }

    /// Validates and appends facts about `subjects` while holding their locks, so no other write
    /// about them can change their state between the check and the append.
    func write(
        about subjects: [SubjectID], by actor: ActorID?,
        _ build: @Sendable ([SubjectID: SubjectState]) async throws -> [Fact.Body]
    ) async throws -> [Fact] {
        for subject in subjects { try validator.subject(subject) }
        return try await subjectLocks.withLock(subjects) {
            var states: [SubjectID: SubjectState] = [:]
            for subject in subjects { states[subject] = try await state(of: subject) }
            let bodies = try await build(states)
            let now = clock.now()
            let by = actor ?? self.actor
            return try await store.append(bodies.map { NewFact(recordedAt: now, actor: by, body: $0) })
        }
    }
}
