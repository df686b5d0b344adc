import Foundation
import PersonalDataLedger
import Synchronization

/// The progress line of `pdl`'s long commands (import, export, retention, ropa, breach,
/// notify-list, verify, checkpoint), on standard error: the count, the total known before the
/// work starts, the percentage and the time left at the rate so far, redrawn in place with `\r`
/// at most every ``interval``.
///
/// Shown when standard error is a terminal, never in a log file or a pipe (no carriage
/// returns there); `--progress` and `--no-progress` force it on or off. Standard output is
/// never touched, so `--format json` stays clean.
///
/// The clock and the terminal are injected: tests drive the throttling with a fake clock and
/// read what a fake terminal received, without waiting.
final class ProgressLine: Sendable {
    /// Whether a command shows progress: by standard error being a terminal, or as forced.
    enum Mode: Sendable, Equatable {
        /// When standard error is a terminal.
        case automatic
        /// `--progress`: even when it is not (a terminal multiplexer's log, a test).
        case always
        /// `--no-progress`.
        case never

        /// The mode `--progress` and `--no-progress` ask for; both at once are a usage error.
        init(_ parsed: ParsedArguments) throws(UsageError) {
            switch (parsed.flags.contains("progress"), parsed.flags.contains("no-progress")) {
            case (true, true): throw UsageError("Give --progress or --no-progress, not both.")
            case (true, false): self = .always
            case (false, true): self = .never
            case (false, false): self = .automatic
            }
        }

        /// Whether to show progress, given whether standard error is a terminal.
        func isShown(standardErrorIsTerminal: Bool) -> Bool {
            switch self {
            case .automatic: standardErrorIsTerminal
            case .always: true
            case .never: false
            }
        }
    }

    /// What is counted.
    enum Unit: Sendable {
        /// Facts of the ledger.
        case facts
        /// Bytes of an input file.
        case bytes
    }

    /// How often the line is redrawn, at most.
    static let interval: Duration = .milliseconds(250)

    private struct State {
        var done: UInt64 = 0
        var detail: String?
        var lastDrawn: Duration?
    }

    let label: String
    /// The total, known before the work starts; `nil` when it cannot be (input from a pipe):
    /// the line then shows the count only.
    let total: UInt64?
    let unit: Unit
    private let interval: Duration
    private let elapsed: @Sendable () -> Duration
    private let write: @Sendable (String) -> Void
    private let state = Mutex(State())

    /// Creates a line that writes with `write` and measures time with `elapsed`, the time since
    /// the work started on a monotonic clock.
    init(
        _ label: String, total: UInt64?, unit: Unit = .facts, interval: Duration = ProgressLine.interval,
        elapsed: @escaping @Sendable () -> Duration, write: @escaping @Sendable (String) -> Void
    ) {
        self.label = label
        self.total = total
        self.unit = unit
        self.interval = interval
        self.elapsed = elapsed
        self.write = write
    }

    /// The line for a command, on standard error and the system's monotonic clock, or `nil`
    /// when `--progress`, `--no-progress` and standard error say it is not shown.
    static func start(_ label: String, total: UInt64?, unit: Unit = .facts, _ parsed: ParsedArguments)
        throws(UsageError) -> ProgressLine?
    {
        guard try Mode(parsed).isShown(standardErrorIsTerminal: standardErrorIsTerminal) else { return nil }
        let start = ContinuousClock.now
        return ProgressLine(
            label, total: total, unit: unit, elapsed: { ContinuousClock.now - start },
            write: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    /// The line of a command that reads the whole ledger, whose total is the store's count of
    /// facts; `nil` when progress is not shown.
    static func scanning(_ label: String, _ ledger: Ledger, _ parsed: ParsedArguments) async throws -> ProgressLine? {
        guard try Mode(parsed).isShown(standardErrorIsTerminal: standardErrorIsTerminal) else { return nil }
        return try start(label, total: try await ledger.store.integrityHead().count, parsed)
    }

    /// Records that `done` of the total are done (and, given, the `detail` shown after it), and
    /// redraws the line unless it was drawn less than ``interval`` ago.
    func update(_ done: UInt64? = nil, detail: String? = nil) {
        let now = elapsed()
        let line: String? = state.withLock { state in
            if let done { state.done = done }
            if let detail { state.detail = detail }
            if let last = state.lastDrawn, now - last < interval { return nil }
            state.lastDrawn = now
            return Self.text(
                label, done: state.done, total: total, unit: unit, elapsed: now, detail: state.detail)
        }
        if let line { write("\r" + line + "\u{1B}[K") }
    }

    /// A callback for the ledger's whole-ledger scans, which report the facts read so far.
    var scanCallback: @Sendable (_ read: UInt64, _ total: UInt64) -> Void {
        { [self] read, _ in update(read) }
    }

    /// Clears the line, so what follows on standard error starts on a clean line.
    func finish() {
        let drawn = state.withLock { $0.lastDrawn != nil }
        if drawn { write("\r\u{1B}[K") }
    }

    /// The line's text: `Retention: 2500 of 10000 facts (25%), 1m 30s left`.
    static func text(
        _ label: String, done: UInt64, total: UInt64?, unit: Unit, elapsed: Duration, detail: String? = nil
    ) -> String {
        var text = "\(label): "
        if let total {
            let shown = min(done, total)
            let percent = total == 0 ? 100 : shown * 100 / total
            text += "\(amount(shown, of: total, unit)) of \(amount(total, of: total, unit))\(name(unit)) (\(percent)%)"
            if let left = timeLeft(done: shown, total: total, elapsed: elapsed) {
                text += ", \(describe(left)) left"
            } else if shown < total {
                text += ", estimating time left"
            }
        } else {
            text += "\(amount(done, of: done, unit))\(name(unit)) read"
        }
        if let detail { text += " — \(detail)" }
        return text
    }

    /// The time left at the rate so far: what remains, at the pace of what is done. `nil` until
    /// something is done and time has passed.
    static func timeLeft(done: UInt64, total: UInt64, elapsed: Duration) -> Duration? {
        guard done > 0, elapsed > .zero else { return nil }
        guard done < total else { return .zero }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return .seconds(seconds * Double(total - done) / Double(done))
    }

    /// A duration as a person reads it: `2h 05m`, `3m 07s`, `42s`, rounded up to the second.
    static func describe(_ duration: Duration) -> String {
        let attoseconds = duration.components.attoseconds
        let seconds = max(0, duration.components.seconds + (attoseconds > 0 ? 1 : 0))
        func twoDigits(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if seconds >= 3600 { return "\(seconds / 3600)h \(twoDigits(seconds % 3600 / 60))m" }
        if seconds >= 60 { return "\(seconds / 60)m \(twoDigits(seconds % 60))s" }
        return "\(seconds)s"
    }

    private static func name(_ unit: Unit) -> String {
        switch unit {
        case .facts: " facts"
        case .bytes: ""
        }
    }

    /// A count: facts as they are; bytes in kB, MB or GB (powers of 1000) by the size of the
    /// total, with one decimal.
    private static func amount(_ value: UInt64, of total: UInt64, _ unit: Unit) -> String {
        guard unit == .bytes else { return "\(value)" }
        let (divisor, suffix): (Double, String) =
            total >= 1_000_000_000 ? (1e9, "GB") : total >= 1_000_000 ? (1e6, "MB") : (1e3, "kB")
        let tenths = (Double(value) / divisor * 10).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10) \(suffix)"
    }
}
