import Foundation

/// The lines of standard input, as bytes, split on line feeds (without them) — for
/// `B2BPortal --serve`, which checks each line is UTF-8 rather than have it repaired with
/// replacement characters, as `readLine()` would.
struct InputLines: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var ended = false

    init(_ handle: FileHandle = .standardInput) { self.handle = handle }

    /// The next line; `nil` at the end of the input. Blocks until a line is complete.
    mutating func next() -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            if ended {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = [] }
                return buffer
            }
            let data = handle.availableData
            if data.isEmpty { ended = true } else { buffer.append(contentsOf: data) }
        }
    }
}
