/// One positional argument of a command or subcommand, such as `SUBJECT`.
struct ArgumentDeclaration: Sendable {
    /// The placeholder in help and usage, such as `SUBJECT`.
    let name: String
    /// One sentence for the arguments table.
    let help: String
    /// Whether it may be left out.
    let isOptional: Bool
    /// The only values accepted, when closed; also completed by the shells.
    let choices: [String]

    init(_ name: String, help: String, isOptional: Bool = false, choices: [String] = []) {
        self.name = name
        self.help = help
        self.isOptional = isOptional
        self.choices = choices
    }

    /// How the argument is written in a usage line.
    var synopsis: String { isOptional ? "[\(name)]" : name }

    /// Whether the shells should complete it with file names.
    var isFile: Bool { name == "FILE" || name == "DIR" }
}
