import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// An option's value, or — when it is `-` — the whole of standard input without its final line
/// break, so a personal value stays out of the shell history and the process list.
///
/// - Throws: ``LedgerError`` (`invalidUTF8`) when standard input is not valid UTF-8: the bytes
///   are refused, never stored with replacement characters, and never echoed;
///   ``UsageError`` when it is empty (`emptyAdvice` says what to do).
func valueOrStandardInput(_ value: String, option: String, emptyAdvice: String = "Pipe the value in.") throws
    -> String
{
    guard value == "-" else { return value }
    if isatty(0) == 1 { FileHandle.standardError.write(Data("Value (not shown in history): ".utf8)) }
    guard var text = String(validating: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) else {
        throw LedgerError(
            .invalidUTF8,
            "--\(option) - read bytes from standard input that are not valid UTF-8 (a stray byte, an overlong "
                + "encoding or an encoded surrogate); nothing was recorded. Convert the value to UTF-8, for example "
                + "with iconv -t UTF-8, and try again.")
    }
    while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
    guard !text.isEmpty else {
        throw UsageError("--\(option) - read nothing from standard input. \(emptyAdvice)")
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
