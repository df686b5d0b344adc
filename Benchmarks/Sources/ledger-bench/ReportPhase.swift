/// The report phase every comparison runs: the same subjects for each engine after a warm-up,
/// each report timed, the engines taking turns, and their answers compared row for row — a
/// faster engine that answers differently fails the run instead of winning it.
struct ReportPhase {
    /// Microseconds per report, one array per engine in the order given.
    let times: [[Double]]
    /// What the engines answered, for the run's notes.
    let note: String

    /// How many reports an engine runs before the next engine takes over.
    static let block = 100

    /// Times `subjects`' reports on every engine, after reporting `warm` once each.
    ///
    /// The engines take turns in blocks of ``block`` subjects, the first engine of each block
    /// rotating, so that a change in the machine's speed during the phase — on a shared machine
    /// it drifts by a third within a minute — falls on every engine alike instead of on whichever
    /// ran last. Within a block an engine's caches stay its own.
    static func run(_ engines: [any WorkloadEngine], subjects: [String], warm: [String]) async throws -> ReportPhase {
        var times = [[Double]](repeating: [], count: engines.count)
        var answers = [[SubjectReport]](repeating: [], count: engines.count)
        for engine in engines {
            for subject in warm { _ = try await engine.report(subject) }
        }
        progress(
            "\(engines.map(\.name).joined(separator: " and ")): \(subjects.count) reports each, in turns of \(block)…")
        for (turn, start) in stride(from: 0, to: subjects.count, by: block).enumerated() {
            let slice = subjects[start..<min(start + block, subjects.count)]
            for offset in engines.indices {
                let index = (turn + offset) % engines.count
                for subject in slice {
                    let (report, seconds) = try await timed { try await engines[index].report(subject) }
                    times[index].append(seconds * 1e6)
                    answers[index].append(report)
                }
            }
        }
        for (index, subject) in subjects.enumerated() {
            if let other = answers.firstIndex(where: { $0[index].contents != answers[0][index].contents }) {
                throw BenchError(
                    "the engines' reports of \(subject) differ: \(answers[0][index].rows.count) rows against \(answers[other][index].rows.count)"
                )
            }
        }
        let rowCount = answers[0].reduce(0) { $0 + $1.rows.count }
        return ReportPhase(
            times: times,
            note:
                "reports: \(engines.count == 1 ? "\(engines[0].name) returned" : "both engines returned the same") \(rowCount) rows for \(subjects.count) subjects (\(format(Double(rowCount) / Double(subjects.count))) rows each)"
        )
    }
}
