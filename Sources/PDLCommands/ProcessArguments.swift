import Foundation
public import PersonalDataLedger

extension PDLCommandLine {
    /// The process's arguments after the program name, or — when one is not valid UTF-8 — a
    /// refusal naming its position (never its bytes).
    ///
    /// `CommandLine.arguments` repairs invalid bytes with U+FFFD, so a value given on the command
    /// line (`--value V`) would be stored altered without a word; the raw `argv` is read instead.
    public static func processArguments() -> Result<[String], LedgerError> {
        var arguments: [String] = []
        for index in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[index], let argument = String(validatingCString: raw) else {
                return .failure(
                    LedgerError(
                        .invalidUTF8,
                        "Argument \(index) is not valid UTF-8 (a stray byte, an overlong encoding or an encoded "
                            + "surrogate); nothing was done. Convert it to UTF-8, or pass a value with --value - "
                            + "from a UTF-8 file."))
            }
            arguments.append(argument)
        }
        return .success(arguments)
    }

    /// Runs `pdl` with the process's arguments (see ``processArguments()``): what a `main.swift`
    /// calls. An argument that is not valid UTF-8 is refused with exit status 1.
    public static func runWithProcessArguments(
        storeOpeners: [LedgerStoreOpener] = [.fileStore], environment: [String: String]? = nil
    ) async -> Int32 {
        switch processArguments() {
        case .success(let arguments):
            return await run(arguments, storeOpeners: storeOpeners, environment: environment)
        case .failure(let refusal):
            writeError("pdl: \(refusal)")
            return ExitStatus.refused.rawValue
        }
    }
}
