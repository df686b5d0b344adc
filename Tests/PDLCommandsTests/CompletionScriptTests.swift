import Testing

@testable import PDLCommands

/// The completion scripts hold every command, option and subcommand of the declarations.
@Suite struct CompletionScriptTests {
    static let declarations = commands.map { $0.declaration }

    @Test(arguments: ["bash", "zsh"])
    func everyCommandOptionAndSubcommandIsInTheScript(shell: String) {
        let script =
            shell == "bash" ? BashCompletion(Self.declarations).script : ZshCompletion(Self.declarations).script
        #expect(script.contains("pdl \(PDLVersion.current)"))
        for declaration in Self.declarations {
            #expect(script.contains("\n    \(declaration.name))\n"), "\(shell): no case for \(declaration.name)")
            for option in declaration.options {
                #expect(script.contains("--\(option.name)"), "\(shell): no --\(option.name) for \(declaration.name)")
            }
            for subcommand in declaration.subcommands {
                #expect(script.contains(subcommand.name), "\(shell): no \(declaration.name) \(subcommand.name)")
            }
        }
    }

    @Test func theBashScriptRegistersItsFunction() {
        #expect(BashCompletion(Self.declarations).script.contains("\ncomplete -F _pdl pdl\n"))
        #expect(ZshCompletion(Self.declarations).script.hasPrefix("#compdef pdl\n"))
    }
}
