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
    /// The country whose periods and number formats apply to a holding that names no country and
    /// whose subject has none (see ``country(of:)``).
    public let region: Region
    /// Who writes, unless a call names another actor.
    public let actor: ActorID
    /// Where the ledger reads the time.
    public let clock: LedgerClock
    /// The statutory periods retention is counted with, and the legal holds erasure keeps.
    public let retention: RetentionSettings
    /// Who hears what the ledger does (``LedgerEvent``); `nil` when no one listens.
    public let observer: (any LedgerObserver)?

    /// The secret behind lookup tokens; without it nothing can be found by identifier.
    let identifierKey: IdentifierKey?
    package let validator: Validator
    let locks = KeyedAsyncLock<LedgerLockKey>()

    /// Creates a ledger over `store`.
    ///
    /// - Parameters:
    ///   - store: where facts are kept: ``InMemoryLedgerStore`` in tests, a file store in production.
    ///   - catalog: what may be recorded; Focus Nordic's privacy policy by default.
    ///   - region: the country whose periods and number formats apply by default.
    ///   - actor: who writes, for accountability: the service's name, such as `webshop`.
    ///   - clock: where the time is read; inject a `ManualClock` (from `PersonalDataLedgerTesting`) in tests.
    ///   - retention: the retention periods per region and the legal holds; the Nordic defaults
    ///     unless overridden.
    ///   - identifierKey: the secret that keys lookup tokens, so ``find(_:as:region:)`` can find a
    ///     person by email, phone, national ID number or bank account without any index holding
    ///     them in clear. Without one no tokens are made and `find` is refused. Keep it for the
    ///     ledger's life: facts recorded under another key cannot be found.
    ///   - observer: who hears each write accepted or refused, each erasure, report and retention
    ///     sweep (``LedgerEvent``); give the store the same one to hear its appends. No one when
    ///     `nil`, and then observing costs nothing.
    public init(
        store: any LedgerStore, catalog: Catalog = .focusNordic, region: Region = .norway,
        actor: ActorID = "service", clock: LedgerClock = .system,
        retention: RetentionSettings = .nordicDefaults, identifierKey: IdentifierKey? = nil,
        observer: (any LedgerObserver)? = nil
    ) {
        self.store = store
        self.catalog = catalog
        self.region = region
        self.actor = actor
        self.clock = clock
        self.retention = retention
        self.identifierKey = identifierKey
        self.observer = observer
        self.validator = Validator(catalog: catalog, region: region, knownRegions: Set(retention.regions.keys))
    }

    /// Creates a ledger over `store` with a ledger's own settings: its default country, time zone
    /// and retention periods (as `pdl settings` keeps them in the ledger).
    ///
    /// - Parameters:
    ///   - store: where facts are kept.
    ///   - catalog: what may be recorded; Focus Nordic's privacy policy by default.
    ///   - settings: the default country and the retention settings.
    ///   - actor: who writes, unless a call names another actor.
    ///   - clock: where the time is read.
    ///   - identifierKey: the secret that keys lookup tokens (see
    ///     ``init(store:catalog:region:actor:clock:retention:identifierKey:observer:)``).
    ///   - observer: who hears what the ledger does (``LedgerEvent``); no one when `nil`.
    public convenience init(
        store: any LedgerStore, catalog: Catalog = .focusNordic, settings: LedgerSettings,
        actor: ActorID = "service", clock: LedgerClock = .system, identifierKey: IdentifierKey? = nil,
        observer: (any LedgerObserver)? = nil
    ) {
        self.init(
            store: store, catalog: catalog, region: settings.defaultRegion, actor: actor, clock: clock,
            retention: settings.retention, identifierKey: identifierKey, observer: observer)
    }

    /// The history of `subject` now, folded from its facts.
    func history(of subject: SubjectID) async throws -> SubjectHistory {
        SubjectHistory(try await store.facts(about: subject))
    }

    /// Runs `body` holding the write locks of `subjects`: no write about them happens meanwhile.
    func withLocks<T: Sendable>(of subjects: [SubjectID], _ body: () async throws -> T) async throws -> T {
        try await locks.withLock(subjects.filter { $0 != .erased }.map(LedgerLockKey.subject), body)
    }

    /// Validates and appends facts about `subjects` while holding their locks, so no other write
    /// about them can change their state between the check and the append: the one write path.
    ///
    /// `build` gets each subject's history, folded from the store under the lock, and returns the
    /// bodies to append or throws the refusal.
    func write(
        about subjects: [SubjectID], by actor: ActorID?,
        _ build: @Sendable ([SubjectID: SubjectHistory]) async throws -> [Fact.Body]
    ) async throws -> [Fact] {
        try await writeReturning(about: subjects, by: actor) { (try await build($0), ()) }.0
    }

    /// The one write path, for a write that also answers with what it learned under the lock,
    /// such as the recipients to tell.
    func writeReturning<Answer: Sendable>(
        about subjects: [SubjectID], by actor: ActorID?,
        _ build: @Sendable ([SubjectID: SubjectHistory]) async throws -> ([Fact.Body], Answer)
    ) async throws -> ([Fact], Answer) {
        for subject in subjects { try validator.subject(subject) }
        return try await withLocks(of: subjects) {
            var histories: [SubjectID: SubjectHistory] = [:]
            for subject in subjects { histories[subject] = try await history(of: subject) }
            let (bodies, answer) = try await build(histories)
            return (try await appendNow(bodies, by: actor), answer)
        }
    }

    /// Appends facts about `subjects` under their locks, for writes no rule of which depends on
    /// the subjects' state (a consent decision, a report issued): nothing is read first.
    func write(about subjects: [SubjectID], by actor: ActorID?, _ bodies: [Fact.Body]) async throws -> [Fact] {
        for subject in subjects { try validator.subject(subject) }
        return try await withLocks(of: subjects) { try await appendNow(bodies, by: actor) }
    }

    /// Appends facts that already carry their sequence numbers — an import — under the locks of
    /// every subject they are about, so no write about those subjects interleaves.
    ///
    /// - Throws: ``LedgerError/Rule/invalidRequest`` when the store would number them otherwise
    ///   (something else wrote to it); nothing is appended then.
    package func write(numbered facts: [Fact]) async throws -> [Fact] {
        try await write(numbered: facts, committedAs: nil)
    }

    /// Appends numbered facts as ``write(numbered:)`` does; with `fields`, each fact's personal
    /// fields are committed as given (``LedgerStore/append(_:committedAs:)``), so the import keeps
    /// the chain of the ledger it came from.
    package func write(numbered facts: [Fact], committedAs fields: [[FieldCommitment]]?) async throws -> [Fact] {
        guard let first = facts.first else { return [] }
        let subjects = Set(facts.flatMap(\.body.subjects))
        return try await withLocks(of: Array(subjects)) {
            let count = try await store.integrityHead().count
            guard count + 1 == first.sequence else {
                throw LedgerError(
                    .invalidRequest,
                    "The ledger holds \(count) facts, so it would number the next \(count + 1), not \(first.sequence): something else wrote to it. Stop other writers and import into an empty ledger."
                )
            }
            let drafts = facts.map(\.draft)
            try validator.pointsInTime(of: drafts)
            if let fields { return try await store.append(drafts, committedAs: fields) }
            return try await store.append(drafts)
        }
    }

    /// The ``IdentifierKey/fingerprint`` of this ledger's identifier key, or `nil` without one.
    package var identifierKeyFingerprint: String? { identifierKey?.fingerprint }

    private func appendNow(_ bodies: [Fact.Body], by actor: ActorID?) async throws -> [Fact] {
        let now = clock.now()
        let by = actor ?? self.actor
        let facts = bodies.map { NewFact(recordedAt: now, actor: by, body: $0) }
        try validator.pointsInTime(of: facts)
        return try await store.append(facts)
    }
}
