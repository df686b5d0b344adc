/// Something a ledger or its store did, as a ``LedgerObserver`` hears it.
///
/// Events carry counts, durations, fact kinds and the names of rules: never a personal value,
/// an identifier of a person or a subject identifier (which is personal data by association).
/// New cases may be added; switch over events with a `default` branch.
///
/// Every public call of a ``Ledger`` that writes ends in exactly one of ``writeAccepted(kind:facts:subjects:duration:)``,
/// ``writeRefused(kind:rule:duration:)`` or ``writeFailed(kind:code:duration:)``. Some add detail
/// besides: an erasure tells ``erased(values:identifierErased:reason:)`` for each subject, a
/// report ``reportIssued(subjects:duration:)``, a retention sweep its progress; and the store
/// tells ``storeAppended(facts:bytes:syncDuration:)`` for each physical write.
public enum LedgerEvent: Sendable, Hashable {
    /// A write was validated and recorded.
    ///
    /// - Parameters:
    ///   - kind: the kind of fact the call records (``FactKind/holding`` for
    ///     ``Ledger/record(_:about:in:for:basis:source:reference:specialCategoryCondition:region:actor:)``).
    ///   - facts: how many facts it appended; a call that records nothing new (a policy published
    ///     again) appended none.
    ///   - subjects: how many subjects it was about.
    ///   - duration: from the call to its answer: validation, locks, reads and the durable append.
    case writeAccepted(kind: FactKind, facts: Int, subjects: Int, duration: Duration)

    /// A write was refused because it breaks `rule`; nothing was recorded.
    case writeRefused(kind: FactKind, rule: LedgerError.Rule, duration: Duration)

    /// A write failed for a reason other than a rule — the store could not append (`code` is its
    /// ``LedgerStoreError/code``), or the task was cancelled (`code` is `nil`) — and nothing was
    /// recorded.
    case writeFailed(kind: FactKind, code: LedgerStoreError.Code?, duration: Duration)

    /// A store made a batch durable: one physical write, which a group commit may share between
    /// several calls.
    ///
    /// - Parameters:
    ///   - facts: the facts in the batch.
    ///   - bytes: the bytes written for it (log and vaults for a file store; the canonical
    ///     encoding hashed into the chain for the in-memory store).
    ///   - syncDuration: how long the `fdatasync`s took; `nil` for a store that syncs nothing.
    case storeAppended(facts: Int, bytes: Int, syncDuration: Duration?)

    /// Personal values of one subject were erased, physically, and the erasure recorded.
    ///
    /// - Parameters:
    ///   - values: how many values went (holdings and their rectifications).
    ///   - identifierErased: whether the subject identifier went too.
    ///   - reason: why: a request, a withdrawn consent, retention.
    case erased(values: Int, identifierErased: Bool, reason: Erasure.Reason)

    /// An access report was produced and its issue recorded.
    ///
    /// - Parameters:
    ///   - subjects: how many identifiers it covers: the subject and those linked to it.
    ///   - duration: from the call to its answer.
    case reportIssued(subjects: Int, duration: Duration)

    /// A retention sweep (``Ledger/applyRetention(asOf:actor:progress:)``) read `done` of the
    /// `total` facts it scans.
    case retentionSweepProgress(done: UInt64, total: UInt64)
}
