/// What the completion scripts offer for one command, taken from its declaration.
struct CompletionWords {
    let declaration: CommandDeclaration

    /// Every option, with its dashes, and `--help`.
    var options: [String] { declaration.options.map { "--\($0.name)" } + ["--help"] }

    /// The subcommands' names.
    var subcommands: [String] { declaration.subcommands.map(\.name) }

    /// The closed choices of the first positional argument, such as `bash zsh`.
    var argumentChoices: [String] { declaration.arguments.first?.choices ?? [] }

    /// Whether a positional argument names a file.
    var takesFile: Bool { declaration.arguments.contains(where: \.isFile) }

    /// How the value of each option that takes one is completed.
    var values: [(option: String, completion: ValueCompletion)] {
        declaration.options.filter { $0.kind != .flag }.map { option in
            let completion: ValueCompletion =
                if !option.choices.isEmpty {
                    .choices(option.choices)
                } else if option.valueName == "DIR" {
                    .directories
                } else if option.valueName == "FILE" {
                    .files
                } else {
                    .none
                }
            return ("--\(option.name)", completion)
        }
    }

    /// How an option's value is completed.
    enum ValueCompletion {
        case choices([String])
        case directories
        case files
        /// A free value (a subject, a date): nothing is offered.
        case none
    }

    /// The name of a command as a shell identifier: `notify-list` → `notify_list`.
    static func identifier(_ name: String) -> String { name.replacing("-", with: "_") }
}
