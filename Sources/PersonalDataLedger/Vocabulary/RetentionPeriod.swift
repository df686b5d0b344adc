/// How long data is kept once a retention clock has started.
public enum RetentionPeriod: Hashable, Sendable, Codable {
    /// Erase as soon as the clock starts.
    case immediately
    /// A fixed number of days.
    case days(Int)
    /// A fixed number of months.
    case months(Int)
    /// A fixed number of years.
    case years(Int)
    /// The statutory bookkeeping period of the ledger's region, counted from the end of the
    /// fiscal year in which the clock started.
    case bookkeeping
    /// The consumer complaint (warranty) period of the ledger's region.
    case consumerComplaint
    /// Kept until the person withdraws consent or says otherwise: no clock of its own.
    case untilWithdrawn
}
