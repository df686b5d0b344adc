import Foundation

let generalHelp = """
    pdl — the personal-data ledger's command-line tool, for the data protection officer.

    Usage: pdl COMMAND [ARGUMENTS] [--store DIR]
           pdl COMMAND --help

    Commands:
    \(commands.map { "  " + $0.name.padding(toLength: 12, withPad: " ", startingAt: 0) + $0.summary }.joined(separator: "\n"))

    Exit status: 0 done, 1 refused by a rule, 2 usage error, 3 store error.
    Errors never print personal values.
    """

@MainActor func runCommandLine() async -> Int32 {
    var arguments = Array(CommandLine.arguments.dropFirst())
    guard let name = arguments.first, !["--help", "-h", "help"].contains(name) else {
        print(generalHelp)
        return arguments.isEmpty ? ExitStatus.usage.rawValue : ExitStatus.success.rawValue
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
        let (status, message) = ExitStatus.describing(error)
        writeError(message)
        return status.rawValue
    }
}

func writeError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

exit(await runCommandLine())
