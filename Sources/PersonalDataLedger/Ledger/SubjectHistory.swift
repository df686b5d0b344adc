/// Everything the ledger knows about one person, folded from their facts in one pass: the one
/// fold that validation, ``Ledger/mayProcess(_:for:)``, the access report, ``Ledger/find(_:as:region:)``,
/// erasure plans, rectification, retention, breach impact and the record of processing all read.
///
/// It holds the facts of one subject identifier, or of several linked ones (the access report
/// and erasure follow links). Consents, restrictions and objections are kept per identifier: a
/// linked identifier's choices are its own. Facts must be applied in sequence order; whole-ledger
/// scans apply them one at a time as they stream (``SubjectHistories``).
///
/// Validation reads only what is not a value — consents, restrictions, objections, and which
/// categories are held — so a holding is judged without any value; only rectification, which
/// compares with the current value, reads one. (The store still decodes the values it returns:
/// ``LedgerStore`` has no read that leaves them out.)
package struct SubjectHistory: Sendable {
    /// Holdings by sequence number.
    package private(set) var holdings: [UInt64: HeldValue] = [:]
    /// Holding sequence numbers in the order recorded.
    package private(set) var holdingOrder: [UInt64] = []
    /// Every consent decision, in the order recorded.
    package private(set) var consentDecisions: [Fact] = []
    /// The latest consent decision per identifier and purpose.
    package private(set) var latestConsents: [SubjectID: [Purpose: Fact]] = [:]
    /// Restrictions in force per identifier; a `nil` purpose restricts every purpose.
    package private(set) var restrictions: [SubjectID: [Purpose?: Fact]] = [:]
    /// Objections in force per identifier and purpose.
    package private(set) var objections: [SubjectID: [Purpose: Fact]] = [:]
    /// Subject links, in the order recorded.
    package private(set) var links: [Fact] = []
    /// Request events per request id, in the order recorded.
    package private(set) var requests: [String: [Fact]] = [:]
    /// Erasures, in the order recorded.
    package private(set) var erasures: [Fact] = []
    /// Disclosures, in the order recorded.
    package private(set) var disclosures: [Fact] = []
    /// The erasure that first named each erased sequence number (holdings and rectifications).
    package private(set) var erasedBy: [UInt64: Fact] = [:]
    /// Rectifications by the holding they correct, also for holdings this history does not hold.
    package private(set) var rectificationsByHolding: [UInt64: [Fact]] = [:]
    /// Every identifier the facts are about.
    package private(set) var subjects: Set<SubjectID> = []
    /// The business references of the holdings.
    package private(set) var references: Set<BusinessReference> = []
    /// The sequence number of the last fact applied.
    package private(set) var lastSequence: UInt64 = 0
    /// Each identifier's country, and the rule resolving the country of a holding.
    package private(set) var countries = SubjectCountries()

    /// An empty history.
    package init() {}

    /// The history folded from `facts`, in sequence order.
    package init(_ facts: some Sequence<Fact>) {
        for fact in facts { apply(fact) }
    }

    /// Folds one more fact in; a fact at or before the last one applied is ignored.
    package mutating func apply(_ fact: Fact) {
        guard fact.sequence > lastSequence else { return }
        lastSequence = fact.sequence
        subjects.formUnion(fact.body.subjects)
        switch fact.body {
        case .holding(let holding):
            var held = HeldValue(fact: fact, holding: holding)
            for rectification in rectificationsByHolding[fact.sequence] ?? [] { held.rectify(rectification) }
            if let erasure = erasedBy[fact.sequence] { held.erase(by: erasure) }
            holdings[fact.sequence] = held
            holdingOrder.append(fact.sequence)
            countries.note(holding)
            if let reference = holding.reference { references.insert(reference) }
        case .rectification(let rectification):
            rectificationsByHolding[rectification.holding, default: []].append(fact)
            holdings[rectification.holding]?.rectify(fact)
        case .erasure(let erasure):
            erasures.append(fact)
            for sequence in erasure.erased where erasedBy[sequence] == nil {
                erasedBy[sequence] = fact
                holdings[sequence]?.erase(by: fact)
            }
            for (sequence, retained) in Dictionary(grouping: erasure.retained, by: \.holding) {
                holdings[sequence]?.keep(retained, by: fact)
            }
        case .consentDecision(let decision):
            consentDecisions.append(fact)
            latestConsents[decision.subject, default: [:]][decision.purpose] = fact
        case .restriction(let restriction):
            restrictions[restriction.subject, default: [:]][restriction.purpose] = restriction.isLifted ? nil : fact
        case .objection(let objection):
            objections[objection.subject, default: [:]][objection.purpose] = objection.isWithdrawn ? nil : fact
        case .subjectLink:
            links.append(fact)
        case .request(let event):
            requests[event.requestID, default: []].append(fact)
        case .disclosure:
            disclosures.append(fact)
        case .accessGrant, .lifecycleEvent, .policyVersion, .reportIssued, .referenceLink:
            break
        }
    }

    /// Every holding, in the order recorded.
    package var allHoldings: [HeldValue] { holdingOrder.compactMap { holdings[$0] } }

    /// The holdings whose values are still held, in the order recorded.
    package var liveHoldings: [HeldValue] { allHoldings.filter { !$0.isErased } }

    /// The holdings of `subject` whose values are still held for `purpose`, in the order recorded.
    package func liveHoldings(of subject: SubjectID, for purpose: Purpose) -> [HeldValue] {
        liveHoldings.filter { $0.holding.subject == subject && $0.holding.purpose == purpose }
    }

    /// The categories of `subject` whose values are still held.
    package func heldCategories(of subject: SubjectID) -> Set<DataCategory> {
        Set(liveHoldings.filter { $0.holding.subject == subject }.map(\.holding.category))
    }

    /// The consent decision in force for `subject` and `purpose`, with its fact.
    package func consent(of subject: SubjectID, for purpose: Purpose) -> (Fact, ConsentDecision)? {
        guard let fact = latestConsents[subject]?[purpose], case .consentDecision(let decision) = fact.body else {
            return nil
        }
        return (fact, decision)
    }

    /// Whether `subject` has given consent to `purpose` and not withdrawn it.
    package func hasConsent(of subject: SubjectID, to purpose: Purpose) -> Bool {
        consent(of: subject, for: purpose)?.1.decision == .given
    }

    /// The restriction on `subject` that applies to `purpose`: one for it, or one for every purpose.
    package func restriction(of subject: SubjectID, for purpose: Purpose) -> Fact? {
        restrictions[subject]?[purpose] ?? restrictions[subject]?[nil]
    }

    /// The restriction on every purpose of `subject`, if one is in force.
    package func restrictionOfEveryPurpose(of subject: SubjectID) -> Fact? { restrictions[subject]?[nil] }

    /// The objection of `subject` to `purpose`, if one stands.
    package func objection(of subject: SubjectID, to purpose: Purpose) -> Fact? { objections[subject]?[purpose] }
}
