import Foundation

/// `ledger-bench --curve`: the same workload at several sizes (10,000 to 10,000,000 facts by
/// default, subjects = facts / 10), the same caps at every size so that only the ledger's size
/// grows; prints how each figure grows per 10× facts and writes every point as JSON and the
/// curve as an SVG chart (`CurveChart`). After each size the JSON and the chart are rewritten,
/// so a run stopped during its largest size keeps the sizes it finished.
enum Curve {
    /// One size of the curve and what the run measured at it.
    struct Point: Sendable {
        var facts: Int
        var subjects: Int
        var measurement: Benchmark.Measurement
        var loadAfter: String
    }

    /// One figure of one engine across the sizes that measured it.
    struct Series: Sendable {
        var figure: String
        var unit: String
        var better: Figure.Better
        var engine: String
        var values: [(facts: Int, value: Double)]

        /// The growth factor per 10× facts from one size to the next, one per step.
        var stepGrowth: [Double] {
            zip(values, values.dropFirst()).map { earlier, later in
                pow(later.value / earlier.value, 1 / log10(Double(later.facts) / Double(earlier.facts)))
            }
        }

        /// The growth factor per 10× facts over all sizes: 10 to the slope of the least-squares
        /// line through log10(value) against log10(facts).
        var growth: Double {
            let points = values.filter { $0.value > 0 }
            guard points.count >= 2 else { return .nan }
            let xs = points.map { log10(Double($0.facts)) }
            let ys = points.map { log10($0.value) }
            let meanX = xs.reduce(0, +) / Double(xs.count)
            let meanY = ys.reduce(0, +) / Double(ys.count)
            let covariance = zip(xs, ys).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
            let variance = xs.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
            return pow(10, covariance / variance)
        }
    }

    static func run(_ options: Options) async throws {
        let bench = Benchmark(options: options)
        let root = try bench.prepareDirectory()
        defer {
            if options.directory == nil { try? FileManager.default.removeItem(at: root) }
        }
        bench.printHeader(root)
        let loadAtStart = loadAverage()
        let caps =
            "\(options.singleAppends) single appends, \(options.concurrentAppends) appends by \(options.writers) concurrent writers, \(options.reports) reports, \(options.erasures) erasures at every size; subjects = facts / 10"
        print("curve: \(options.curveSizes.map(sizeLabel).joined(separator: ", ")) facts; \(caps)")
        var points: [Point] = []
        for size in options.curveSizes {
            let withPeer = options.curveIncludesSQLite(at: size)
            print("")
            print("## \(sizeLabel(size)) facts (\(withPeer ? "ledger and SQLite" : "the ledger alone"))")
            let measurement = try await Benchmark(options: options.atCurveSize(size)).measure(
                in: root, withPeer: withPeer)
            let point = Point(facts: size, subjects: size / 10, measurement: measurement, loadAfter: loadAverage())
            points.append(point)
            print(table(measurement.figures))
            for note in measurement.notes { print("- \(note)") }
            print("- wall time \(format(measurement.wallSeconds)) s; load average after: \(point.loadAfter)")
            // Redirected standard output is block-buffered: show each size as it ends.
            fflush(nil)
            try write(points, options: options, caps: caps, loadAtStart: loadAtStart)
        }
        print("")
        print("## How each figure grows (growth = factor per 10× facts; 1.00× is flat)")
        print(growthTable(series(points), sizes: options.curveSizes))
        print("")
        print("- load average at start \(loadAtStart), at the end \(loadAverage())")
        print("- this process peaked at \(format(peakResidentMegabytes())) MiB")
    }

    /// Every figure's series, ledger then SQLite, in the order the run measured the figures.
    static func series(_ points: [Point]) -> [Series] {
        guard let first = points.first else { return [] }
        return first.measurement.figures.flatMap { figure in
            ["ledger", "sqlite"].compactMap { engine -> Series? in
                let values = points.compactMap { point -> (facts: Int, value: Double)? in
                    guard let measured = point.measurement.figures.first(where: { $0.name == figure.name }) else {
                        return nil
                    }
                    let value = engine == "ledger" ? measured.ledger : measured.peer
                    return value.isFinite ? (point.facts, value) : nil
                }
                guard !values.isEmpty else { return nil }
                return Series(
                    figure: figure.name, unit: figure.unit, better: figure.better, engine: engine, values: values)
            }
        }
    }

    /// A Markdown table: one row per figure and engine, its value at each size, the growth per
    /// 10× from each size to the next, and over all sizes.
    static func growthTable(_ series: [Series], sizes: [Int]) -> String {
        let steps = zip(sizes, sizes.dropFirst()).map { "\(sizeLabel($0))→\(sizeLabel($1))" }
        let header = ["figure", "engine", "unit"] + sizes.map(sizeLabel) + steps + ["growth per 10×"]
        let rows = series.map { line -> [String] in
            let values = sizes.map { size in line.values.first { $0.facts == size }.map { format($0.value) } ?? "—" }
            let growth = zip(sizes, sizes.dropFirst()).map { earlier, later -> String in
                guard let index = line.values.firstIndex(where: { $0.facts == earlier }),
                    index + 1 < line.values.count, line.values[index + 1].facts == later
                else { return "—" }
                return format(line.stepGrowth[index]) + "×"
            }
            return [line.figure, line.engine, line.unit] + values + growth + [format(line.growth) + "×"]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        func cells(_ row: [String]) -> String {
            "| "
                + row.enumerated().map { column, cell in
                    let pad = String(repeating: " ", count: widths[column] - cell.count)
                    return column < 3 ? cell + pad : pad + cell
                }.joined(separator: " | ") + " |"
        }
        let rule =
            "|"
            + widths.enumerated().map { column, width in
                column < 3 ? String(repeating: "-", count: width + 2) : String(repeating: "-", count: width + 1) + ":"
            }.joined(separator: "|") + "|"
        return ([cells(header), rule] + rows.map(cells)).joined(separator: "\n")
    }

    /// Writes `--json` and `--chart` with the sizes measured so far.
    static func write(_ points: [Point], options: Options, caps: String, loadAtStart: String) throws {
        let lines = series(points)
        if let path = options.json {
            try json(points, series: lines, caps: caps, loadAtStart: loadAtStart).write(
                toFile: path, atomically: true, encoding: .utf8)
        }
        if let path = options.chart {
            let subtitle =
                "\(caps.replacingOccurrences(of: "; subjects = facts / 10", with: "")); load average \(loadAtStart) at the start, \(points.last?.loadAfter ?? "") after \(sizeLabel(points.last?.facts ?? 0))."
            try CurveChart(series: lines, sizes: points.map(\.facts), subtitle: subtitle).svg.write(
                toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// `{"caps", "load_at_start", "sizes": [{facts, subjects, engines, wall_s, load_after}],
    /// "points": [{figure, unit, better, engine, facts, value}], "growth_per_10x": [{figure, engine, value}]}`.
    static func json(_ points: [Point], series: [Series], caps: String, loadAtStart: String) -> String {
        func number(_ value: Double) -> String { value.isFinite ? String(format: "%.6g", value) : "null" }
        func string(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let sizes = points.map { point in
            let engines =
                point.measurement.figures.first.map { $0.peer.isNaN ? ["ledger"] : ["ledger", "sqlite"] } ?? []
            return
                "    {\"facts\": \(point.facts), \"subjects\": \(point.subjects), \"engines\": [\(engines.map(string).joined(separator: ", "))], \"wall_s\": \(number(point.measurement.wallSeconds)), \"load_after\": \(string(point.loadAfter))}"
        }
        let values = series.flatMap { line in
            line.values.map { value in
                "    {\"figure\": \(string(line.figure)), \"unit\": \(string(line.unit)), \"better\": \(string(line.better.rawValue)), \"engine\": \(string(line.engine)), \"facts\": \(value.facts), \"value\": \(number(value.value))}"
            }
        }
        let growth = series.map { line in
            "    {\"figure\": \(string(line.figure)), \"engine\": \(string(line.engine)), \"value\": \(number(line.growth))}"
        }
        return """
            {
              "caps": \(string(caps)),
              "load_at_start": \(string(loadAtStart)),
              "sizes": [
            \(sizes.joined(separator: ",\n"))
              ],
              "points": [
            \(values.joined(separator: ",\n"))
              ],
              "growth_per_10x": [
            \(growth.joined(separator: ",\n"))
              ]
            }

            """
    }
}

/// 10000 → "10k", 2500 → "2.5k", 1000000 → "1M".
func sizeLabel(_ facts: Int) -> String {
    func trimmed(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%g", value)
    }
    if facts >= 1_000_000 { return trimmed(Double(facts) / 1_000_000) + "M" }
    if facts >= 1_000 { return trimmed(Double(facts) / 1_000) + "k" }
    return String(facts)
}
