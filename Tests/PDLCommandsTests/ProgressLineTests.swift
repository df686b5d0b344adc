import Synchronization
import Testing

@testable import PDLCommands

/// The progress line of the long commands: its text, and that it redraws at most every
/// `ProgressLine.interval`, driven by a fake clock and read from a fake terminal — no waiting.
@Suite struct ProgressLineTests {
    /// A monotonic clock the test moves by hand.
    final class FakeClock: Sendable {
        private let now = Mutex(Duration.zero)
        func advance(by duration: Duration) { now.withLock { $0 += duration } }
        var elapsed: @Sendable () -> Duration { { [self] in now.withLock { $0 } } }
    }

    /// Standard error as a terminal would receive it.
    final class FakeTerminal: Sendable {
        private let writes = Mutex<[String]>([])
        var write: @Sendable (String) -> Void { { [self] text in writes.withLock { $0.append(text) } } }
        var received: [String] { writes.withLock { $0 } }
    }

    struct TextCase: Sendable, CustomTestStringConvertible {
        let done: UInt64
        let total: UInt64?
        let unit: ProgressLine.Unit
        let elapsed: Duration
        let detail: String?
        let expected: String
        var testDescription: String { expected }
    }

    static let texts: [TextCase] = [
        TextCase(
            done: 0, total: 10_000, unit: .facts, elapsed: .zero, detail: nil,
            expected: "Scan: 0 of 10000 facts (0%), estimating time left"),
        TextCase(
            done: 2_500, total: 10_000, unit: .facts, elapsed: .seconds(30), detail: nil,
            expected: "Scan: 2500 of 10000 facts (25%), 1m 30s left"),
        TextCase(
            done: 10_000, total: 10_000, unit: .facts, elapsed: .seconds(40), detail: nil,
            expected: "Scan: 10000 of 10000 facts (100%), 0s left"),
        TextCase(
            done: 12_000, total: 10_000, unit: .facts, elapsed: .seconds(40), detail: nil,
            expected: "Scan: 10000 of 10000 facts (100%), 0s left"),
        TextCase(done: 0, total: 0, unit: .facts, elapsed: .zero, detail: nil, expected: "Scan: 0 of 0 facts (100%)"),
        TextCase(
            done: 1, total: 100, unit: .facts, elapsed: .seconds(60), detail: nil,
            expected: "Scan: 1 of 100 facts (1%), 1h 39m left"),
        TextCase(
            done: 3_400_000, total: 12_000_000, unit: .bytes, elapsed: .seconds(10), detail: "line 9000",
            expected: "Scan: 3.4 MB of 12.0 MB (28%), 26s left — line 9000"),
        TextCase(
            done: 512, total: 2_048, unit: .bytes, elapsed: .milliseconds(100), detail: nil,
            expected: "Scan: 0.5 kB of 2.0 kB (25%), 1s left"),
        TextCase(
            done: 2_500_000_000, total: 10_000_000_000, unit: .bytes, elapsed: .seconds(100), detail: nil,
            expected: "Scan: 2.5 GB of 10.0 GB (25%), 5m 00s left"),
        TextCase(
            done: 5_500_000, total: nil, unit: .bytes, elapsed: .seconds(3), detail: nil,
            expected: "Scan: 5.5 MB read"),
        TextCase(
            done: 42, total: nil, unit: .facts, elapsed: .seconds(3), detail: nil, expected: "Scan: 42 facts read"),
    ]

    @Test(arguments: texts)
    func text(_ test: TextCase) {
        #expect(
            ProgressLine.text(
                "Scan", done: test.done, total: test.total, unit: test.unit, elapsed: test.elapsed, detail: test.detail)
                == test.expected)
    }

    @Test(arguments: [
        (Duration.zero, "0s"), (.milliseconds(1), "1s"), (.seconds(59), "59s"), (.milliseconds(59_200), "1m 00s"),
        (.seconds(61), "1m 01s"), (.seconds(3_599), "59m 59s"), (.seconds(3_600), "1h 00m"),
        (.seconds(7_500), "2h 05m"),
    ])
    func durations(_ duration: Duration, _ expected: String) {
        #expect(ProgressLine.describe(duration) == expected)
    }

    @Test func timeLeftIsTheRemainderAtTheRateSoFar() {
        #expect(ProgressLine.timeLeft(done: 0, total: 10, elapsed: .seconds(5)) == nil)
        #expect(ProgressLine.timeLeft(done: 5, total: 10, elapsed: .zero) == nil)
        #expect(ProgressLine.timeLeft(done: 5, total: 10, elapsed: .seconds(5)) == .seconds(5))
        #expect(ProgressLine.timeLeft(done: 10, total: 10, elapsed: .seconds(5)) == .zero)
    }

    @Test func redrawsAtMostEveryIntervalWithTheLatestCount() {
        let clock = FakeClock()
        let terminal = FakeTerminal()
        let line = ProgressLine("Verify", total: 1_000, elapsed: clock.elapsed, write: terminal.write)
        line.update(100)  // drawn: the first update
        clock.advance(by: .milliseconds(100))
        line.update(200)  // 100 ms after the last draw: not drawn
        clock.advance(by: .milliseconds(149))
        line.update(300)  // 249 ms: not drawn
        #expect(terminal.received.count == 1)
        clock.advance(by: .milliseconds(1))
        line.update(400)  // 250 ms: drawn, with the latest count
        #expect(terminal.received.count == 2)
        line.update(500)  // at once: not drawn
        line.finish()
        #expect(
            terminal.received == [
                "\rVerify: 100 of 1000 facts (10%), estimating time left\u{1B}[K",
                "\rVerify: 400 of 1000 facts (40%), 1s left\u{1B}[K",
                "\r\u{1B}[K",
            ])
    }

    @Test func aDetailIsKeptUntilReplaced() {
        let clock = FakeClock()
        let terminal = FakeTerminal()
        let line = ProgressLine("Import", total: nil, unit: .facts, elapsed: clock.elapsed, write: terminal.write)
        line.update(detail: "line 1")
        clock.advance(by: .seconds(1))
        line.update(7)
        #expect(terminal.received.last == "\rImport: 7 facts read — line 1\u{1B}[K")
    }

    @Test func finishingALineNeverDrawnWritesNothing() {
        let terminal = FakeTerminal()
        let line = ProgressLine("Verify", total: 10, elapsed: { .zero }, write: terminal.write)
        line.finish()
        #expect(terminal.received.isEmpty)
    }

    @Test func theScanCallbackUpdatesTheCount() {
        let terminal = FakeTerminal()
        let line = ProgressLine("Ropa", total: 10, elapsed: { .seconds(1) }, write: terminal.write)
        line.scanCallback(5, 10)
        #expect(terminal.received == ["\rRopa: 5 of 10 facts (50%), 1s left\u{1B}[K"])
    }

    @Test(arguments: [
        ([String](), ProgressLine.Mode.automatic), (["--progress"], .always), (["--no-progress"], .never),
    ])
    func theFlagsChooseTheMode(_ flags: [String], _ mode: ProgressLine.Mode) throws {
        let declaration = try #require(command(named: "verify")).declaration
        #expect(try ProgressLine.Mode(ParsedArguments(flags, for: declaration)) == mode)
    }

    @Test func bothFlagsAreAUsageError() throws {
        let declaration = try #require(command(named: "verify")).declaration
        #expect(throws: UsageError.self) {
            try ProgressLine.Mode(ParsedArguments(["--progress", "--no-progress"], for: declaration))
        }
    }

    @Test(arguments: [
        (ProgressLine.Mode.automatic, true, true), (.automatic, false, false), (.always, false, true),
        (.always, true, true), (.never, true, false), (.never, false, false),
    ])
    func shownOnATerminalUnlessForced(_ mode: ProgressLine.Mode, _ isTerminal: Bool, _ shown: Bool) {
        #expect(mode.isShown(standardErrorIsTerminal: isTerminal) == shown)
    }

    /// Every command that reads the whole ledger, or a whole file, takes the two flags.
    @Test(arguments: ["import", "export", "retention", "ropa", "breach", "notify-list", "verify", "checkpoint"])
    func longCommandsTakeTheProgressFlags(_ name: String) throws {
        let declaration = try #require(command(named: name)).declaration
        #expect(declaration.option(named: "progress")?.kind == .flag)
        #expect(declaration.option(named: "no-progress")?.kind == .flag)
    }
}
