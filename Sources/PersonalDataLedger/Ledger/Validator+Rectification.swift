/// The rules of rectification and completion (GDPR Art. 16).
extension Validator {
    /// The holding at `sequence` in the subject's history, if it is one and its value is still
    /// held: only a held value can be corrected.
    func rectifiable(_ sequence: UInt64, history: SubjectHistory) throws(LedgerError) -> SubjectHistory.HeldValue {
        guard let held = history.holdings[sequence] else { throw Self.notAHolding(sequence) }
        if held.isValueGone {
            throw LedgerError(
                .erasedHolding,
                "The value of holding \(sequence) was erased; an erased value cannot be corrected. Record the correct value as a new holding if it may be held."
            )
        }
        return held
    }

    /// A new value for a holding, in its category's normal form, that differs from the current one.
    func rectification(_ newValue: String, of held: SubjectHistory.HeldValue, countries: SubjectCountries)
        throws(LedgerError) -> String
    {
        let category = held.holding.category
        let format = try self.category(category).format
        let normalized: String
        do {
            normalized = try format.normalize(newValue, region: self.region(of: held.holding, countries: countries))
        } catch {
            throw LedgerError(
                .malformedValue,
                "The new value for category '\(category)' is not valid: \(error.message) Nothing was recorded.")
        }
        guard held.currentValue?.revealed != normalized else {
            throw LedgerError(
                .invalidRequest,
                "Holding \(held.sequence) already has this value (after normalising); nothing to correct.")
        }
        return normalized
    }

    /// A completion names each missing category once, each with its value.
    func completion(_ items: [DataItem]) throws(LedgerError) {
        guard !items.isEmpty else {
            throw LedgerError(.invalidRequest, "Nothing to complete: name at least one category with its value.")
        }
        guard Set(items.map(\.category)).count == items.count else {
            throw LedgerError(.invalidRequest, "Name each category to complete once.")
        }
        for item in items where item.value == nil {
            throw LedgerError(
                .invalidRequest,
                "Completing category '\(item.category)' needs its value: completion supplies missing data.")
        }
    }

    /// What a completion adds to: the latest holding of `subject` still held in `system` for
    /// `purpose`, none of whose categories the items repeat.
    func completionAnchor(
        for items: [DataItem], of subject: SubjectID, in system: SystemID, for purpose: Purpose,
        history: SubjectHistory
    ) throws(LedgerError) -> Holding {
        let live = history.liveHoldings(of: subject, for: purpose).filter {
            $0.holding.system == system && !$0.isValueGone
        }
        guard let anchor = live.last else {
            throw LedgerError(
                .invalidRequest,
                "Completion adds missing categories to data already held in system '\(system)' for purpose '\(purpose)', and nothing is held there about this subject. Record new data with record(_:about:in:for:)."
            )
        }
        let held = Set(live.map(\.holding.category))
        for item in items where held.contains(item.category) {
            throw LedgerError(
                .invalidRequest,
                "Category '\(item.category)' is already held in system '\(system)' for purpose '\(purpose)': correct it with rectify(holding:of:to:) instead."
            )
        }
        return anchor.holding
    }

    static func notAHolding(_ sequence: UInt64) -> LedgerError {
        LedgerError(
            .invalidRequest,
            "Fact \(sequence) is not a holding about this subject. The access report (pdl report SUBJECT) numbers each holding."
        )
    }
}
