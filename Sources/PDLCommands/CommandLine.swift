import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
import Foundation

let generalHelp = """
    pdl — the personal-data ledger's command-line tool, for the data protection officer.

    Usage: pdl COMMAND [ARGUMENTS] [--store DIR]
           pdl COMMAND --help        (or: pdl help COMMAND)

    Commands:
    \(commands.map { "  " + $0.name.padding(toLength: commandNameWidth, withPad: " ", startingAt: 0) + $0.summary }.joined(separator: "\n"))

    Every command works on the ledger directory --store DIR (default: ./ledger). Commands that only
    read (find, verify, checkpoint, ropa, breach, export, notify-list, retention without --apply,
    requests list|show, policy list) work beside a service that writes the ledger; the others need
    the ledger to themselves and, when it is in use, name the process that holds it (exit status 3).
    Run 'pdl COMMAND --help' for a command's options, exit statuses and examples.

    Answering a request that arrived by email, from the first day to its closing:
      pdl find --email -             (paste the address: it stays out of the shell history)
      pdl requests receive gdpr-2026-0042 --subject customer:10001 --kind access --received 2026-11-20
      pdl report customer:10001 --format html --language nb > innsyn.html
      pdl erase customer:10001 --dry-run      (for an erasure request; then without --dry-run)
      pdl requests close gdpr-2026-0042 --note "access report sent"

    \(exitStatusHelp)
    Results go to standard output, errors to standard error. Errors never print personal values.
    """

/// The `pdl` command line, for a `main.swift` to call.
public enum PDLCommandLine {
    /// Runs `pdl` with `arguments` (without the program name) and returns the exit status.
    public static func run(_ arguments: [String]) async -> Int32 {
        await runCommandLine(arguments)
    }
}

func runCommandLine(_ arguments: [String]) async -> Int32 {
    var arguments = arguments
    guard let name = arguments.first else {
        writeError(generalHelp)
        return ExitStatus.usage.rawValue
    }
    if ["--help", "-h", "help"].contains(name) {
        guard arguments.count > 1, name == "help" else {
            print(generalHelp)
            return ExitStatus.success.rawValue
        }
        guard let command = commands.first(where: { $0.name == arguments[1] }) else {
            writeError("pdl: unknown command '\(arguments[1])'.\nRun 'pdl --help' for the list of commands.")
            return ExitStatus.usage.rawValue
        }
        print(command.help)
        return ExitStatus.success.rawValue
    }
    arguments.removeFirst()
    guard let command = commands.first(where: { $0.name == name }) else {
        writeError("pdl: unknown command '\(name)'.\nRun 'pdl --help' for the list of commands.")
        return ExitStatus.usage.rawValue
    }
    if arguments.contains("--help") || arguments.contains("-h") {
        print(command.help)
        return ExitStatus.success.rawValue
    }
    do {
        try await command.run(arguments)
        try await StoreLocation.closeAll()
        return ExitStatus.success.rawValue
    } catch {
        // Releases the lock and descriptors; a store that failed closed writes nothing.
        try? await StoreLocation.closeAll()
        let (status, message) = ExitStatus.describing(error, command: command.name)
        writeError(message)
        return status.rawValue
    }
}

func writeError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

