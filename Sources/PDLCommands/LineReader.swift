import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// The lines of a file or of standard input, read a block at a time so a large export never
/// sits in memory whole. Lines are split on line feeds and returned without them.
///
/// Linear in the input: each byte is searched for a line feed once, and the buffer is compacted
/// only when what was consumed is at least half of it. A line longer than ``lineLimit`` ends the
/// input at once — without reading the rest of it — and so does a line that is not valid UTF-8:
/// it is refused, never passed on with replacement characters. After the lines are consumed,
/// ``failure`` tells whether the input ended or why it stopped early (a class for that reason).
final class LineReader: Sequence, IteratorProtocol {
    /// Why the lines stopped before the end of the input.
    enum Failure {
        /// Reading failed.
        case read(any Error)
        /// Line `line` (counted from 1) is longer than `limit` bytes.
        case tooLong(line: Int, limit: Int)
        /// Line `line` is not valid UTF-8.
        case invalidUTF8(line: Int)
    }

    /// The longest line accepted by default, 16 MiB: far above any fact a ledger writes.
    static let defaultLineLimit = 16 << 20

    private let handle: FileHandle
    private let blockSize: Int
    /// The longest line accepted, in bytes, without its line feed.
    let lineLimit: Int
    private var buffer: [UInt8] = []
    /// Where the next line starts in ``buffer``.
    private var start = 0
    /// How far from ``start`` the buffer was already searched for a line feed.
    private var searched = 0
    private var finished = false
    /// Lines returned so far.
    private(set) var lineCount = 0
    /// Why the input ended early, if it did.
    private(set) var failure: Failure?
    /// Bytes read from the input so far.
    private(set) var bytesRead: UInt64 = 0
    /// Hears ``bytesRead`` after each block: an import's progress.
    private let onRead: (@Sendable (_ bytesRead: UInt64) -> Void)?

    init(
        handle: FileHandle, lineLimit: Int = defaultLineLimit, blockSize: Int = 1 << 20,
        onRead: (@Sendable (_ bytesRead: UInt64) -> Void)? = nil
    ) {
        self.handle = handle
        self.lineLimit = lineLimit
        self.blockSize = Swift.max(1, blockSize)
        self.onRead = onRead
    }

    /// The error that ended the input early because reading failed, if one did.
    var readError: (any Error)? {
        if case .read(let error) = failure { return error }
        return nil
    }

    func next() -> String? {
        guard failure == nil else { return nil }
        while true {
            if let newline = buffer[(start + searched)...].firstIndex(of: 0x0A) {
                return line(to: newline, next: newline + 1)
            }
            searched = buffer.count - start
            if searched > lineLimit {
                failure = .tooLong(line: lineCount + 1, limit: lineLimit)
                return nil
            }
            if finished {
                guard start < buffer.count else { return nil }
                return line(to: buffer.count, next: buffer.count)
            }
            readBlock()
            if failure != nil { return nil }
        }
    }

    /// The line from ``start`` to `end`, validated; the next one starts at `next`.
    private func line(to end: Int, next: Int) -> String? {
        lineCount += 1
        guard end - start <= lineLimit else {
            failure = .tooLong(line: lineCount, limit: lineLimit)
            return nil
        }
        guard let line = String(validating: buffer[start..<end], as: UTF8.self) else {
            failure = .invalidUTF8(line: lineCount)
            return nil
        }
        start = next
        searched = 0
        return line
    }

    private func readBlock() {
        do {
            guard let block = try handle.read(upToCount: blockSize), !block.isEmpty else {
                finished = true
                return
            }
            if start > 0 && start * 2 >= buffer.count {
                buffer.removeFirst(start)
                start = 0
            }
            buffer.append(contentsOf: block)
            bytesRead += UInt64(block.count)
            onRead?(bytesRead)
        } catch {
            failure = .read(error)
            finished = true
        }
    }
}
