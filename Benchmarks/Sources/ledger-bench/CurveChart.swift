import Foundation

/// The cost curve as a hand-written SVG: one small panel per figure, facts on a log-scale x axis,
/// the figure on a log-scale y axis (so a flat figure is a flat line and a figure proportional to
/// the ledger's size climbs one decade per decade), each engine a line with points, and a legend.
struct CurveChart {
    let series: [Curve.Series]
    let sizes: [Int]
    let subtitle: String

    static let columns = 3
    static let panelWidth = 330.0
    static let panelHeight = 230.0
    static let header = 92.0
    /// The plot area inside a panel.
    static let left = 64.0
    static let right = 14.0
    static let top = 30.0
    static let bottom = 44.0
    static let colours = ["ledger": "#1f6fb4", "sqlite": "#e07b00"]
    static let engineNames = ["ledger": "ledger (FileLedgerStore)", "sqlite": "SQLite (GRDB, WAL, synchronous=FULL)"]

    /// What each figure's panel is titled.
    static func title(_ figure: String) -> String {
        switch figure {
        case "append_1writer_per_s": "one writer: durable appends"
        case "append_32writers_per_s": "32 writers: durable appends"
        case "import_batch1000_per_s": "bulk import, 1,000 per batch"
        case "report_p50_us": "report p50"
        case "report_p99_us": "report p99"
        case "bytes_per_fact": "bytes on disk per fact"
        case "open_and_first_report_ms": "new process: open + first report"
        case "peak_rss_mb": "peak resident memory"
        case "erase_subject_ms": "erase one subject (median)"
        default: figure
        }
    }

    static func unitLabel(_ unit: String) -> String {
        switch unit {
        case "us": "µs"
        case "B": "bytes"
        default: unit
        }
    }

    var svg: String {
        let figures = series.reduce(into: [String]()) { names, line in
            if !names.contains(line.figure) { names.append(line.figure) }
        }
        let rows = (figures.count + Self.columns - 1) / Self.columns
        let width = Self.panelWidth * Double(Self.columns)
        let height = Self.header + Self.panelHeight * Double(rows) + 10
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="11">
            <rect width="100%" height="100%" fill="white"/>
            <text x="12" y="22" font-size="16" font-weight="bold">ledger-bench --curve: how each figure grows with the ledger's size</text>
            <text x="12" y="40" font-size="10" fill="#444">\(escape(subtitle))</text>
            <text x="12" y="56" font-size="10" fill="#444">Both axes log scale: a flat figure is a flat line; a figure proportional to the ledger's size climbs one decade per decade. Subjects = facts / 10.</text>

            """
        var legendX = 12.0
        for engine in ["ledger", "sqlite"] where series.contains(where: { $0.engine == engine }) {
            out += marker(engine, x: legendX + 10, y: 74)
            out +=
                "<line x1=\"\(legendX)\" y1=\"74\" x2=\"\(legendX + 20)\" y2=\"74\" stroke=\"\(Self.colours[engine]!)\" stroke-width=\"2\"/>\n"
            out += "<text x=\"\(legendX + 26)\" y=\"78\">\(escape(Self.engineNames[engine]!))</text>\n"
            legendX += 40 + Double(Self.engineNames[engine]!.count) * 6.5
        }
        for (index, figure) in figures.enumerated() {
            let x = Double(index % Self.columns) * Self.panelWidth
            let y = Self.header + Double(index / Self.columns) * Self.panelHeight
            out += panel(figure, lines: series.filter { $0.figure == figure }, x: x, y: y)
        }
        return out + "</svg>\n"
    }

    private func panel(_ figure: String, lines: [Curve.Series], x: Double, y: Double) -> String {
        let plotX = x + Self.left
        let plotY = y + Self.top
        let plotWidth = Self.panelWidth - Self.left - Self.right
        let plotHeight = Self.panelHeight - Self.top - Self.bottom
        let values = lines.flatMap { $0.values.map(\.value) }.filter { $0 > 0 && $0.isFinite }
        let unit = Self.unitLabel(lines.first?.unit ?? "")
        let better = lines.first?.better == .higher ? "higher is better" : "lower is better"
        let axisLabel = "\(unit) (\(better))"
        var out = "<g>\n"
        out +=
            "<text x=\"\(plotX)\" y=\"\(y + 18)\" font-weight=\"bold\">\(escape(Self.title(figure)))</text>\n"
        out +=
            "<rect x=\"\(plotX)\" y=\"\(plotY)\" width=\"\(plotWidth)\" height=\"\(plotHeight)\" fill=\"#fafafa\" stroke=\"#999\"/>\n"
        guard let low = values.min(), let high = values.max(), let first = sizes.first, let last = sizes.last else {
            return out + "</g>\n"
        }
        let (ticks, bottom, topValue) = Self.logTicks(low, high)
        let xLow = log10(Double(first)) - 0.15
        let xHigh = log10(Double(last)) + 0.15
        func px(_ facts: Int) -> Double { plotX + (log10(Double(facts)) - xLow) / (xHigh - xLow) * plotWidth }
        func py(_ value: Double) -> Double {
            plotY + plotHeight - (log10(value) - log10(bottom)) / (log10(topValue) - log10(bottom)) * plotHeight
        }
        for tick in ticks {
            let ty = py(tick)
            out +=
                "<line x1=\"\(plotX)\" y1=\"\(ty)\" x2=\"\(plotX + plotWidth)\" y2=\"\(ty)\" stroke=\"#e2e2e2\"/>"
                + "<text x=\"\(plotX - 4)\" y=\"\(ty + 3.5)\" text-anchor=\"end\">\(Self.tickLabel(tick))</text>\n"
        }
        for size in sizes {
            let tx = px(size)
            out +=
                "<line x1=\"\(tx)\" y1=\"\(plotY)\" x2=\"\(tx)\" y2=\"\(plotY + plotHeight)\" stroke=\"#e2e2e2\"/>"
                + "<text x=\"\(tx)\" y=\"\(plotY + plotHeight + 14)\" text-anchor=\"middle\">\(sizeLabel(size))</text>\n"
        }
        out +=
            "<text x=\"\(plotX + plotWidth / 2)\" y=\"\(plotY + plotHeight + 30)\" text-anchor=\"middle\" fill=\"#444\">facts</text>\n"
        let labelY = plotY + plotHeight / 2
        out +=
            "<text x=\"\(x + 14)\" y=\"\(labelY)\" text-anchor=\"middle\" fill=\"#444\" transform=\"rotate(-90 \(x + 14) \(labelY))\">\(escape(axisLabel))</text>\n"
        for line in lines {
            let colour = Self.colours[line.engine] ?? "black"
            let points = line.values.filter { $0.value > 0 }.map { "\(px($0.facts)),\(py($0.value))" }
            out +=
                "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            for value in line.values where value.value > 0 {
                out += marker(line.engine, x: px(value.facts), y: py(value.value))
            }
        }
        return out + "</g>\n"
    }

    /// A circle for the ledger, a square for SQLite.
    private func marker(_ engine: String, x: Double, y: Double) -> String {
        let colour = Self.colours[engine] ?? "black"
        return engine == "ledger"
            ? "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"3.5\" fill=\"\(colour)\"/>\n"
            : "<rect x=\"\(x - 3.5)\" y=\"\(y - 3.5)\" width=\"7\" height=\"7\" fill=\"\(colour)\"/>\n"
    }

    /// Ticks at 1, 2 and 5 × 10ⁿ around `low`…`high` (only 10ⁿ when that gives more than seven),
    /// and the axis's ends.
    static func logTicks(_ low: Double, _ high: Double) -> (ticks: [Double], bottom: Double, top: Double) {
        var candidates: [Double] = []
        let first = Int(floor(log10(low))) - 1
        let last = Int(ceil(log10(high))) + 1
        for exponent in first...last {
            for mantissa in [1.0, 2.0, 5.0] { candidates.append(mantissa * pow(10, Double(exponent))) }
        }
        func ends(_ candidates: [Double]) -> (Double, Double) {
            var bottom = candidates.last { $0 <= low * 1.0001 } ?? low
            var top = candidates.first { $0 >= high * 0.9999 } ?? high
            if bottom == top {
                let index = candidates.firstIndex(of: bottom)!
                bottom = candidates[max(index - 1, 0)]
                top = candidates[min(index + 1, candidates.count - 1)]
            }
            return (bottom, top)
        }
        var (bottom, top) = ends(candidates)
        var ticks = candidates.filter { $0 >= bottom * 0.9999 && $0 <= top * 1.0001 }
        if ticks.count > 7 {
            let decades = candidates.filter { abs(log10($0) - log10($0).rounded()) < 1e-9 }
            (bottom, top) = ends(decades)
            ticks = decades.filter { $0 >= bottom * 0.9999 && $0 <= top * 1.0001 }
        }
        return (ticks, bottom, top)
    }

    /// 20000 → "20k", 1500000 → "1.5M", 0.5 → "0.5".
    static func tickLabel(_ value: Double) -> String {
        func trimmed(_ value: Double) -> String { String(format: "%g", value) }
        if value >= 1_000_000 { return trimmed(value / 1_000_000) + "M" }
        if value >= 1_000 { return trimmed(value / 1_000) + "k" }
        return trimmed(value)
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
