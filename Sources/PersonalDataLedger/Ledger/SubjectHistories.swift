/// The histories of every subject of a stream of facts, folded one fact at a time: how import
/// and the consent records read the one fold of ``SubjectHistory`` without reading the ledger
/// twice. It holds every fact it is given: the reports that must not (retention, breach impact,
/// the record of processing, the notification list) read the ledger in two passes instead
/// (``ErasedSequences``, ``RetentionScan``), and their tests compare them with this fold.
///
/// A fact about several identifiers (a link) goes into each of their histories; facts about no
/// one (grants, lifecycle events, policy versions) into none.
package struct SubjectHistories: Sendable {
    /// The history of each identifier, including ``SubjectID/erased`` for facts whose identifier
    /// was erased.
    package private(set) var bySubject: [SubjectID: SubjectHistory] = [:]
    /// The identifier each holding was recorded under, by sequence number.
    package private(set) var holdingSubjects: [UInt64: SubjectID] = [:]

    /// No histories yet.
    package init() {}

    /// Folds one more fact into the histories of the identifiers it is about.
    package mutating func apply(_ fact: Fact) {
        var subjects = Set(fact.body.subjects)
        switch fact.body {
        case .holding(let holding):
            holdingSubjects[fact.sequence] = holding.subject
        case .erasure(let erasure):
            // An erasure reaches the holdings it names wherever they are filed.
            for sequence in erasure.erased { if let owner = holdingSubjects[sequence] { subjects.insert(owner) } }
        default:
            break
        }
        for subject in subjects { bySubject[subject, default: SubjectHistory()].apply(fact) }
    }

    /// The history of `subject`; empty when no fact is about it.
    package subscript(subject: SubjectID) -> SubjectHistory { bySubject[subject] ?? SubjectHistory() }

    /// A holding by its sequence number, as its history leaves it.
    package func holding(_ sequence: UInt64) -> SubjectHistory.HeldValue? {
        holdingSubjects[sequence].flatMap { bySubject[$0]?.holdings[sequence] }
    }

    /// Every holding of every history, in sequence order.
    package var allHoldings: [SubjectHistory.HeldValue] {
        holdingSubjects.keys.sorted().compactMap { holding($0) }
    }
}
