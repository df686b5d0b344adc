/// The report phase every comparison runs: the same subjects for each engine after a warm-up,
/// each report timed, and the engines' answers compared row for row — a faster engine that
/// answers differently fails the run instead of winning it.
struct ReportPhase {
    /// Microseconds per report, one array per engine in the order given.
    let times: [[Double]]
    /// What the engines answered, for the run's notes.
    let note: String

    /// Times `subjects`' reports on every engine, after reporting `warm` once each.
    static func run(_ engines: [any WorkloadEngine], subjects: [String], warm: [String]) async throws -> ReportPhase {
        var times: [[Double]] = []
        var answers: [[SubjectReport]] = []
        for engine in engines {
            progress("\(engine.name): \(subjects.count) reports…")
            for subject in warm { _ = try await engine.report(subject) }
            var engineTimes: [Double] = []
            var reports: [SubjectReport] = []
            engineTimes.reserveCapacity(subjects.count)
            for subject in subjects {
                let (report, seconds) = try await timed { try await engine.report(subject) }
                engineTimes.append(seconds * 1e6)
                reports.append(report)
            }
            times.append(engineTimes)
            answers.append(reports)
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
