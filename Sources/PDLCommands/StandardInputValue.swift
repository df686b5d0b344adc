import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// An option's value, or — when it is `-` — the whole of standard input without its final line
/// break, so a personal value stays out of the shell history and the process list.
func valueOrStandardInput(_ value: String, option: String) throws(UsageError) -> String {
    guard value == "-" else { return value }
    if isatty(0) == 1 { FileHandle.standardError.write(Data("Value (not shown in history): ".utf8)) }
    var text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
    guard !text.isEmpty else {
        throw UsageError("--\(option) - read nothing from standard input. Pipe the value in.")
    }
    return text
}

/// A UTC day as `2026-02-28`.
func dayText(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle().year().month().day())
}

/// A `--country` option: NO, SE, DK or FI.
func countryOption(_ parsed: ParsedArguments) throws(UsageError) -> Region? {
    guard let code = parsed.options["country"] else { return nil }
    guard let region = Region.nordic.first(where: { $0.rawValue == code.uppercased() }) else {
        throw UsageError("--country must be one of: NO, SE, DK, FI.")
    }
    return region
}
