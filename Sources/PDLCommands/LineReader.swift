import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// The lines of a file or of standard input, read a block at a time so a large export never
/// sits in memory whole. Lines are split on line feeds and returned without them.
///
/// A class, so that after the lines are consumed ``readError`` tells whether the input ended
/// or failed.
final class LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    /// The error that ended the input early, if one did.
    private(set) var readError: (any Error)?

    init(handle: FileHandle) { self.handle = handle }

    func next() -> String? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[position..<newline], as: UTF8.self)
                position = newline + 1
                return line
            }
            if finished {
                guard position < buffer.count else { return nil }
                let line = String(decoding: buffer[position...], as: UTF8.self)
                position = buffer.count
                return line
            }
            do {
                if let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
                    buffer = Array(buffer[position...]) + block
                    position = 0
                } else {
                    finished = true
                }
            } catch {
                readError = error
                finished = true
            }
        }
    }
}
