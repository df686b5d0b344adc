/// What a writer locks while it checks and appends: one subject's facts, one request's events, or
/// the published policy versions.
///
/// Keys are taken in their order, so a writer that holds a request's key may go on to take its
/// subject's, and two writers never wait on each other in a circle: requests sort before
/// subjects, subjects before the policy versions.
package enum LedgerLockKey: Hashable, Comparable, Sendable {
    /// The events of one data-subject request, by its id.
    case request(String)
    /// Every fact about one subject identifier.
    case subject(SubjectID)
    /// The published policy versions.
    case policy
}
