import Testing

@testable import PDLCommands

/// Every command's `--help`, the general help and `--version`, generated in-process from the
/// declarations.
@Suite struct CommandHelpTests {
    static let names = commands.map { $0.declaration.name }

    @Test(arguments: names)
    func everyHelpMentionsEveryDeclaredOptionAndArgument(name: String) throws {
        let declaration = try #require(command(named: name)).declaration
        let help = CommandHelp(declaration: declaration).text
        #expect(help.hasPrefix("pdl \(name) — \(declaration.abstract)"))
        #expect(help.contains("\nUsage: pdl \(name)"))
        #expect(help.contains("\nOptions:\n"))
        #expect(help.contains("Exit status"))
        #expect(help.contains("Example"))
        for option in declaration.options {
            #expect(help.contains("  \(option.synopsis) "), "\(name) --help lacks \(option.synopsis)")
        }
        for argument in declaration.arguments + declaration.subcommands.flatMap(\.arguments) {
            #expect(help.contains("  \(argument.name) "), "\(name) --help lacks \(argument.name)")
        }
        for subcommand in declaration.subcommands {
            #expect(
                help.contains("pdl \(name) \(subcommand.name)") || help.contains("pdl \(name) [\(subcommand.name)]"))
        }
        for line in help.split(separator: "\n") {
            #expect(line.count <= CommandHelp.width, "\(name) --help has a line over \(CommandHelp.width): \(line)")
        }
    }

    @Test(arguments: names)
    func helpIsRoutedWithoutRunning(name: String) throws {
        for arguments in [[name, "--help"], [name, "-h"], ["help", name], [name, "x", "--bogus", "--help"]] {
            guard case .print(let text, let status) = CommandLineRoute(arguments) else {
                Issue.record("\(arguments) was run")
                continue
            }
            #expect(status == .success)
            #expect(text == CommandHelp(declaration: try #require(command(named: name)).declaration).text)
        }
    }

    @Test(arguments: names)
    func everyChoiceIsNamedInTheHelp(name: String) throws {
        let declaration = try #require(command(named: name)).declaration
        let help = CommandHelp(declaration: declaration).text
        for option in declaration.options {
            for choice in option.choices {
                #expect(help.contains(choice), "\(name) --help does not name \(choice) of --\(option.name)")
            }
        }
    }

    @Test func theDefaultIsShownInTheSentence() throws {
        let help = CommandHelp(declaration: RequestsCommand.declaration).text
        let format = try #require(RequestsCommand.declaration.option(named: "format"))
        #expect(CommandHelp.describe(format).hasSuffix("Documentation/CommandOutput.md) (default: text)."))
        #expect(help.contains("(default: $PDL_STORE, else ./ledger)."))
    }

    @Test func theGeneralHelpListsEveryCommand() {
        guard case .print(let text, .success) = CommandLineRoute(["--help"]) else {
            Issue.record("pdl --help did not print its help")
            return
        }
        for declaration in commands.map({ $0.declaration }) {
            #expect(text.contains("\n  \(declaration.name) "), "pdl --help does not list \(declaration.name)")
            #expect(text.contains(declaration.abstract))
        }
        #expect(text.contains("PDL_NOW"))
        #expect(text.contains("PDL_STORE"))
    }

    @Test func noArgumentsPrintsTheGeneralHelpAsAUsageError() {
        guard case .print(let text, .usage) = CommandLineRoute([]) else {
            Issue.record("pdl without arguments is not a usage error")
            return
        }
        #expect(text.contains("Usage: pdl COMMAND"))
    }

    @Test func version() {
        guard case .print(let text, .success) = CommandLineRoute(["--version"]) else {
            Issue.record("pdl --version did not print")
            return
        }
        #expect(text == "pdl 0.2.0")
        #expect(text == "pdl \(PDLVersion.current)")
    }
}
