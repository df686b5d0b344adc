/// `pdl completion bash|zsh`: prints a shell completion script.
enum CompletionCommand: Command {
    static let declaration = CommandDeclaration(
        name: "completion",
        abstract: "Print a completion script for bash or zsh: commands, options, subcommands.",
        discussion: """
            Prints a script that completes pdl's commands, each command's options and subcommands,
            and the values of options with a fixed set of choices, such as --format. It is derived
            from the same declarations as the help, so it is never out of date with this pdl.
            """,
        arguments: [ArgumentDeclaration("SHELL", help: "bash or zsh.", choices: ["bash", "zsh"])],
        options: [],
        examples: [
            "source <(pdl completion bash)          (in ~/.bashrc)",
            "pdl completion zsh > ~/.zfunc/_pdl      (and fpath+=~/.zfunc before compinit in ~/.zshrc)",
        ],
        exitStatus: "Exit status: 0 printed, 2 usage error."
    )

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        let declarations = commands.map { $0.declaration }
        switch parsed.positionals[0] {
        case "zsh": print(ZshCompletion(declarations).script, terminator: "")
        default: print(BashCompletion(declarations).script, terminator: "")
        }
    }
}
