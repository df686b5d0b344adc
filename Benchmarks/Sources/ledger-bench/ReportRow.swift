/// One line of the benchmark's access report: what is held, where, why, under which basis, from
/// where, for which order, since when, and the value (or that it was erased).
///
/// Both engines fold a subject's stored facts into these rows, so the report figure compares
/// the same work: find the subject's facts through the index, decode them, fold them.
struct ReportRow: Hashable, Sendable {
    var sequence: Int64
    var recordedAtMilliseconds: Int64
    var category: String
    var system: String
    var purpose: String
    var basis: String
    var source: String
    var reference: String?
    var value: String?

    /// The row without its sequence number, which the two engines may assign differently to
    /// facts appended concurrently.
    var content: [String?] {
        [String(recordedAtMilliseconds), category, system, purpose, basis, source, reference, value]
    }
}

/// A subject's report: its rows in sequence order.
struct SubjectReport: Sendable {
    var rows: [ReportRow]

    /// A comparable digest of the rows' contents, for checking that both engines answer the same.
    var contents: [[String?]] {
        rows.map(\.content).sorted { $0.lexicographicallyPrecedes($1) { ($0 ?? "") < ($1 ?? "") } }
    }
}
