import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// Whether standard error is a terminal, where progress lines are welcome.
var standardErrorIsTerminal: Bool { isatty(2) == 1 }

/// Whether standard output is a terminal.
var standardOutputIsTerminal: Bool { isatty(1) == 1 }

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

/// The language `--language` asks for: one that reports ship every text in (en by default).
func reportLanguage(_ parsed: ParsedArguments) throws(UsageError) -> Language {
    let choices = Language.reportLanguages.map(\.rawValue)
    return Language(rawValue: try parsed.choice("language", in: choices, default: "en"))!
}
