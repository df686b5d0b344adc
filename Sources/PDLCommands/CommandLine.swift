import Foundation
import PersonalDataLedger

/// The `pdl` command line, for a `main.swift` to call.
///
/// The file-store `pdl` is `exit(await PDLCommandLine.runWithProcessArguments())`, which refuses an
/// argument that is not valid UTF-8 and then calls ``run(_:storeOpeners:environment:)``.
/// A package with another store builds its own `pdl` by passing its ``LedgerStoreOpener``.
public enum PDLCommandLine {
    /// Runs `pdl` with `arguments` (without the program name) and returns the exit status: 0 done,
    /// 1 refused by a rule of the ledger, 2 usage error, 3 store error.
    ///
    /// - Parameters:
    ///   - arguments: The command line after the program name.
    ///   - storeOpeners: The openers `--store` locations are tried against, in order; the file
    ///     store's by default.
    ///   - environment: Where `PDL_STORE` (the ledger when `--store` is not given) and `PDL_NOW`
    ///     (the instant taken as now, ISO 8601) are read; `nil` for the process's environment.
    public static func run(
        _ arguments: [String], storeOpeners: [LedgerStoreOpener] = [.fileStore],
        environment: [String: String]? = nil
    ) async -> Int32 {
        switch CommandLineRoute(arguments) {
        case .print(let text, let status):
            if status == .success { print(text) } else { writeError(text) }
            return status.rawValue
        case .run(let command, let parsed):
            let name = command.declaration.name
            let context: CommandContext
            do {
                context = try CommandContext(
                    environment: environment ?? ProcessInfo.processInfo.environment, storeOpeners: storeOpeners)
            } catch {
                let (status, message) = ExitStatus.describing(error, command: name)
                writeError(message)
                return status.rawValue
            }
            do {
                try await command.run(parsed, in: context)
            } catch {
                // Releases the lock and descriptors; a store that failed closed writes nothing.
                try? await context.closeAll()
                let (status, message) = ExitStatus.describing(error, command: name)
                writeError(message)
                return status.rawValue
            }
            // The command's work is durable: a store acknowledges a write only once it is. What
            // closing adds (the file store's index snapshot) is for a fast next open, so its
            // failure is a warning and the exit status stays 0 — a caller that retried would
            // record the same facts twice.
            do {
                try await context.closeAll()
            } catch {
                let (_, message) = ExitStatus.describing(error, command: name)
                writeError(
                    "pdl: warning: the command succeeded and what it did is durable, but closing the store afterwards "
                        + "failed; do not run it again. \(message.dropFirst("pdl: ".count))")
            }
            return ExitStatus.success.rawValue
        }
    }
}

func writeError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
