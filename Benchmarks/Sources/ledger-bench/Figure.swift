import Foundation

/// One measured figure, the ledger and its peer (SQLite, or a plain PostgreSQL table) side by side.
struct Figure: Sendable {
    enum Better: String, Sendable {
        case higher, lower
    }

    /// What DESIGN.md §4 asks of the figure.
    enum Goal: Sendable {
        /// ledger/peer at least this much.
        case ratioAtLeast(Double)
        /// ledger/peer at most this much.
        case ratioAtMost(Double)
        /// The ledger's own value at most this much.
        case ledgerAtMost(Double)
        /// No goal: the figure is measured for reference.
        case none

        var text: String {
            switch self {
            case .ratioAtLeast(let r): "ratio ≥ \(format(r))"
            case .ratioAtMost(let r): "ratio ≤ \(format(r))"
            case .ledgerAtMost(let v): "ledger ≤ \(format(v))"
            case .none: "—"
            }
        }
    }

    var name: String
    var unit: String
    var ledger: Double
    var peer: Double
    var better: Better
    var goal: Goal

    /// Always ledger / peer; `better` says which direction wins.
    var ratio: Double { peer == 0 ? .nan : ledger / peer }

    /// Whether the goal is met; `nil` when the figure has none, or a ratio goal has no peer to
    /// compare with (the curve's sizes that measure the ledger alone).
    var isMet: Bool? {
        switch goal {
        case .ratioAtLeast(let r): ratio.isNaN ? nil : ratio >= r
        case .ratioAtMost(let r): ratio.isNaN ? nil : ratio <= r
        case .ledgerAtMost(let v): ledger <= v
        case .none: nil
        }
    }
}

func format(_ value: Double) -> String {
    if value.isNaN { return "n/a" }
    let magnitude = abs(value)
    let digits = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 3
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.usesGroupingSeparator = true
    formatter.groupingSeparator = ","
    formatter.decimalSeparator = "."
    formatter.minimumFractionDigits = digits
    formatter.maximumFractionDigits = digits
    return formatter.string(from: NSNumber(value: value)) ?? String(value)
}

/// The figures as a Markdown table (readable in a terminal, pasteable into Performance.md);
/// `peer` names the peer's column.
func table(_ figures: [Figure], peer: String = "sqlite") -> String {
    let header = ["figure", "unit", "ledger", peer, "ratio (ledger/\(peer))", "better when", "goal", "met"]
    let rows = figures.map { figure in
        [
            figure.name, figure.unit, format(figure.ledger), format(figure.peer), format(figure.ratio) + "×",
            figure.better.rawValue, figure.goal.text, figure.isMet.map { $0 ? "yes" : "NO" } ?? "—",
        ]
    }
    let widths = header.indices.map { column in
        ([header] + rows).map { $0[column].count }.max()!
    }
    func line(_ cells: [String]) -> String {
        "| "
            + cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return (2...4).contains(column) ? pad + cell : cell + pad
            }.joined(separator: " | ") + " |"
    }
    let rule =
        "|"
        + widths.enumerated().map { column, width in
            (2...4).contains(column)
                ? String(repeating: "-", count: width + 1) + ":" : String(repeating: "-", count: width + 2)
        }.joined(separator: "|") + "|"
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
}

/// The figures as `[{"name","unit","ledger",PEER,"ratio"}]`, PEER being `peer` (`sqlite` by default).
func json(_ figures: [Figure], peer: String = "sqlite") -> String {
    func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return String(format: "%.6g", value)
    }
    let objects = figures.map { figure in
        """
          {"name": "\(figure.name)", "unit": "\(figure.unit)", "ledger": \(number(figure.ledger)), \
        "\(peer)": \(number(figure.peer)), "ratio": \(number(figure.ratio))}
        """
    }
    return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
}
