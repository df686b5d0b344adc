import Foundation

/// The lines of standard input, as bytes, split on line feeds (without them) — for
/// `B2BPortal --serve`, which checks each line is UTF-8 rather than have it repaired with
/// replacement characters, as `readLine()` would.
///
/// A line longer than ``maximumLength`` is not kept in memory: it is reported as
/// ``Line/tooLong`` and its bytes are skipped up to the next line feed, so one runaway writer
/// cannot exhaust the portal's memory. Reading is linear in the input: each byte is searched for
/// a line feed once.
struct InputLines: Sequence, IteratorProtocol {
    /// One line of input.
    enum Line: Equatable {
        /// A line's bytes, without its line feed.
        case line([UInt8])
        /// A line longer than ``InputLines/maximumLength``, skipped.
        case tooLong
    }

    /// The longest line kept, in bytes (1 MiB: far more than any request).
    static let maximumLength = 1 << 20

    private let handle: FileHandle
    private let maximumLength: Int
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts, and how far it was searched for a line feed.
    private var start = 0
    private var searched = 0
    /// Set while the bytes of a line that was too long are skipped.
    private var isSkipping = false
    private var ended = false

    init(_ handle: FileHandle = .standardInput, maximumLength: Int = InputLines.maximumLength) {
        self.handle = handle
        self.maximumLength = maximumLength
    }

    /// The next line; `nil` at the end of the input. Blocks until a line is complete.
    mutating func next() -> Line? {
        while true {
            if let newline = buffer[searched...].firstIndex(of: UInt8(ascii: "\n")) {
                let range = start..<newline
                start = newline + 1
                searched = start
                if isSkipping || range.count > maximumLength {
                    isSkipping = false
                    return .tooLong
                }
                return .line(Array(buffer[range]))
            }
            searched = buffer.count
            if buffer.count - start > maximumLength {
                // Too long to keep: forget it, and skip to the end of the line.
                buffer = []
                start = 0
                searched = 0
                isSkipping = true
            }
            if ended {
                defer {
                    buffer = []
                    start = 0
                    searched = 0
                    isSkipping = false
                }
                if isSkipping || buffer.count - start > maximumLength { return .tooLong }
                return start < buffer.count ? .line(Array(buffer[start...])) : nil
            }
            if start > 0, start == buffer.count || start > 1 << 16 {
                buffer.removeFirst(start)
                searched -= start
                start = 0
            }
            let data = handle.availableData
            if data.isEmpty { ended = true } else { buffer.append(contentsOf: data) }
        }
    }
}
