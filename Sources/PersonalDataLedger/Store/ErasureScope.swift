/// What a store erases: some or all personal values of one subject, and perhaps the identifier.
public struct ErasureScope: Hashable, Sendable, Codable {
    /// Whose data.
    public var subject: SubjectID
    /// The sequence numbers of the facts (holdings, rectifications) whose values are erased.
    public var values: Set<UInt64>
    /// Whether the subject identifier is erased too, from every fact that names it.
    public var erasesIdentifier: Bool
    /// The store's fact count when the ledger began reading what this scope was resolved from;
    /// `nil` when the scope does not depend on what the store holds (an imported erasure).
    ///
    /// A store refuses the erasure with ``LedgerStoreError/Code/conflict``, erasing and recording
    /// nothing, when it holds a fact about ``subject`` numbered above it: another writer — a
    /// process, a machine, another ``Ledger`` on the same store — recorded something about the
    /// subject after the scope was fixed, so the scope may miss a value the erasure fact would
    /// claim is gone. The ledger then resolves the scope again and retries.
    public var resolvedThrough: UInt64?

    /// Creates an erasure scope.
    public init(subject: SubjectID, values: Set<UInt64>, erasesIdentifier: Bool, resolvedThrough: UInt64? = nil) {
        self.subject = subject
        self.values = values
        self.erasesIdentifier = erasesIdentifier
        self.resolvedThrough = resolvedThrough
    }

    /// Refuses the erasure when `factsAboutSubject` — the sequence numbers of every fact the
    /// store holds about ``subject``, read under the store's write lock — holds one numbered above
    /// ``resolvedThrough``: the check every store makes before it erases anything.
    ///
    /// - Throws: ``LedgerStoreError`` with code ``LedgerStoreError/Code/conflict``, naming the
    ///   newer fact by its sequence number.
    public func checkResolved(against factsAboutSubject: some Sequence<UInt64>) throws(LedgerStoreError) {
        guard let resolvedThrough, let newer = factsAboutSubject.filter({ $0 > resolvedThrough }).min() else {
            return
        }
        throw LedgerStoreError(
            .conflict,
            "Fact \(newer) about the subject being erased was recorded by another writer after the erasure's scope "
                + "was resolved (through fact \(resolvedThrough)); nothing was erased. Resolve the scope again from "
                + "the subject's facts now and retry: a Ledger does so itself, and passes this on only when "
                + "another writer keeps recording about the subject; then run the erasure again.")
    }
}
