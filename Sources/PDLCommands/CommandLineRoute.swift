/// What a command line asks for, decided before any store is opened: a text to print (help, the
/// version, a usage error) or a command to run with its parsed arguments.
enum CommandLineRoute {
    /// Print `text` to standard output (status 0) or standard error (any other status), and exit.
    case print(String, status: ExitStatus)
    /// Run `command` with `arguments`.
    case run(any Command.Type, ParsedArguments)

    /// Routes `arguments` (without the program name).
    init(_ arguments: [String]) {
        guard let name = arguments.first else {
            self = .print(GeneralHelp.text, status: .usage)
            return
        }
        if name == "--version" {
            self = .print("pdl \(PDLVersion.current)", status: .success)
            return
        }
        if ["--help", "-h", "help"].contains(name) {
            guard name == "help", arguments.count > 1 else {
                self = .print(GeneralHelp.text, status: .success)
                return
            }
            if arguments[1] == "--man" {
                self =
                    arguments.count == 2
                    ? .print(ManPage(commands.map { $0.declaration }).text, status: .success)
                    : .print("pdl: pdl help --man takes nothing more.\nRun 'pdl --help' for usage.", status: .usage)
                return
            }
            guard let command = command(named: arguments[1]) else {
                self = .unknownCommand(arguments[1])
                return
            }
            self = .print(CommandHelp(declaration: command.declaration).text, status: .success)
            return
        }
        guard let command = command(named: name) else {
            self = .unknownCommand(name)
            return
        }
        let rest = Array(arguments.dropFirst())
        let options = rest.prefix { $0 != "--" }
        if options.contains("--help") || options.contains("-h") {
            self = .print(CommandHelp(declaration: command.declaration).text, status: .success)
            return
        }
        do {
            self = .run(command, try ParsedArguments(rest, for: command.declaration))
        } catch {
            let (status, message) = ExitStatus.describing(error, command: name)
            self = .print(message, status: status)
        }
    }

    /// An unknown command's error. The word is repeated only when it looks like a command name: a
    /// mistyped command line may hold a personal value in its place.
    private static func unknownCommand(_ word: String) -> CommandLineRoute {
        let looksLikeAName = word.count <= 24 && word.allSatisfy { ("a"..."z").contains($0) || $0 == "-" }
        return .print(
            "pdl: unknown command\(looksLikeAName ? " '\(word)'" : "").\nRun 'pdl --help' for the list of commands.",
            status: .usage)
    }
}
