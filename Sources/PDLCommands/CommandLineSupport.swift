import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// Whether standard error is a terminal, where progress lines are welcome.
var standardErrorIsTerminal: Bool { isatty(2) == 1 }

/// Whether standard output is a terminal.
var standardOutputIsTerminal: Bool { isatty(1) == 1 }

/// Parses a date on the command line: `2026-03-01` or `2026-03-01T10:00:00Z`. A bare day means
/// its first millisecond, or with `endOfDay` its last, in UTC.
///
/// A day that does not exist (`2026-02-31`, `2026-13-01`) is refused, never rolled over into the
/// next month.
func parseCommandLineDate(_ text: String, option: String, endOfDay: Bool = false) throws(UsageError) -> Date {
    let usage = UsageError("--\(option) must be a date such as 2026-03-01 or 2026-03-01T10:00:00Z (UTC).")
    guard let (year, month, day) = calendarDay(prefixOf: text) else { throw usage }
    guard CalendarDay.exists(year: year, month: month, day: day) else {
        throw UsageError(
            "--\(option): \(String(text.prefix(10))) is not a day of the calendar (month \(month) has no day \(day)). Check the date."
        )
    }
    if text.count > 10 {
        guard let date = try? Date(text, strategy: .iso8601) else { throw usage }
        return date
    }
    guard let day = try? Date(text + "T00:00:00Z", strategy: .iso8601) else { throw usage }
    return endOfDay ? day.addingTimeInterval(86_400 - 0.001) : day
}

/// The year, month and day of text that starts `YYYY-MM-DD`, unchecked against the calendar.
private func calendarDay(prefixOf text: String) -> (Int, Int, Int)? {
    let digits = Array(text.utf8.prefix(10))
    guard digits.count == 10, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
        var value = 0
        for byte in digits[range] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
    return (year, month, day)
}

/// The days of the Gregorian calendar.
enum CalendarDay {
    static func exists(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}

/// Writes command output to standard output or, with `--output FILE`, to a new file readable
/// only by its owner (exports hold personal data).
struct OutputSink {
    private let handle: FileHandle
    private let temporary: URL?
    private let destination: URL?

    init(path: String?) throws {
        guard let path, path != "-" else {
            handle = .standardOutput
            temporary = nil
            destination = nil
            return
        }
        let destination = URL(filePath: path)
        // A device or a pipe (`--output /dev/stdout`, `/dev/null`, a FIFO) is written as it is:
        // renaming a temporary file over it would replace the device with a regular file.
        if let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
            type != .typeRegular && type != .typeDirectory && type != .typeSymbolicLink
        {
            guard let device = FileHandle(forWritingAtPath: path) else {
                throw UsageError("Cannot write to \(path): check that it is writable.")
            }
            handle = device
            self.temporary = nil
            self.destination = nil
            return
        }
        let temporary = destination.deletingLastPathComponent()
            .appending(path: ".\(destination.lastPathComponent).\(getpid()).partial")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600])
        else {
            throw UsageError("Cannot create \(path): check that its directory exists and is writable.")
        }
        handle = try FileHandle(forWritingTo: temporary)
        self.temporary = temporary
        self.destination = destination
    }

    func write(_ data: Data) throws { try handle.write(contentsOf: data) }

    func write(_ text: String) throws { try write(Data(text.utf8)) }

    /// Makes a file output durable and gives it its name; nothing to do for standard output.
    func finish() throws {
        guard let temporary, let destination else { return }
        try handle.synchronize()
        try handle.close()
        guard rename(temporary.path, destination.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw UsageError("Cannot write \(destination.path): check that it is not a directory and is writable.")
        }
    }

    /// Removes a partial file after a failure.
    func abandon() {
        guard let temporary else { return }
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }
}

/// The CSV dialect `--delimiter` asks for; a UTF-8 byte order mark leads either way.
func csvDialect(_ parsed: ParsedArguments) throws(UsageError) -> CSVDialect {
    try parsed.choice("delimiter", in: [",", ";"], default: ",") == ";" ? .nordic : .standard
}
