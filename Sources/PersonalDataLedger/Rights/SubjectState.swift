/// What the ledger knows about one subject now, folded from the subject's facts.
///
/// Validation and ``Ledger/mayProcess(_:for:)`` read it; it is rebuilt from the store on each
/// use, so it can never disagree with the facts.
struct SubjectState: Sendable {
    /// The latest consent decision per purpose.
    var consents: [Purpose: Fact] = [:]
    /// Restrictions in force: `nil` key restricts every purpose.
    var restrictions: [Purpose?: Fact] = [:]
    /// Objections in force, per purpose.
    var objections: [Purpose: Fact] = [:]
    /// Holdings, by sequence number.
    var holdings: [UInt64: Fact] = [:]
    /// Sequence numbers of holdings whose values were erased, and when.
    var erasedAt: [UInt64: Fact] = [:]

    init(facts: [Fact]) {
        for fact in facts { apply(fact) }
    }

    mutating func apply(_ fact: Fact) {
        switch fact.body {
        case .consentDecision(let decision):
            consents[decision.purpose] = fact
        case .restriction(let restriction):
            restrictions[restriction.purpose] = restriction.isLifted ? nil : fact
        case .objection(let objection):
            objections[objection.purpose] = objection.isWithdrawn ? nil : fact
        case .holding:
            holdings[fact.sequence] = fact
        case .erasure(let erasure):
            for sequence in erasure.erased where erasedAt[sequence] == nil { erasedAt[sequence] = fact }
        default:
            break
        }
    }

    /// The consent decision in force for `purpose`, if any was recorded.
    func consentDecision(for purpose: Purpose) -> ConsentDecision? {
        guard case .consentDecision(let decision)? = consents[purpose]?.body else { return nil }
        return decision
    }

    /// Whether consent to `purpose` is given now.
    func hasConsent(to purpose: Purpose) -> Bool { consentDecision(for: purpose)?.decision == .given }

    /// The restriction that applies to `purpose`, if any.
    func restriction(for purpose: Purpose) -> Fact? { restrictions[purpose] ?? restrictions[nil] }

    /// Holdings for `purpose` whose values are still held.
    func liveHoldings(for purpose: Purpose) -> [Fact] {
        holdings.values.filter { fact in
            guard case .holding(let holding) = fact.body else { return false }
            return holding.purpose == purpose && erasedAt[fact.sequence] == nil
        }.sorted { $0.sequence < $1.sequence }
    }
}
