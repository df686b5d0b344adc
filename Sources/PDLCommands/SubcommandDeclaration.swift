/// A word that selects what a command does, such as `receive` in `pdl requests receive`.
struct SubcommandDeclaration: Sendable {
    let name: String
    /// One line for the command's help.
    let abstract: String
    /// The positional arguments after the subcommand's name.
    let arguments: [ArgumentDeclaration]
    /// The names of the command's options this subcommand uses, in usage-line order. Every one
    /// must be declared by the command; `--store` is always added.
    let optionNames: [String]
    /// The options of ``optionNames`` this subcommand needs, shown without brackets in its usage line.
    let requiredOptionNames: Set<String>

    init(
        _ name: String, abstract: String, arguments: [ArgumentDeclaration] = [], options optionNames: [String] = [],
        required requiredOptionNames: Set<String> = []
    ) {
        self.name = name
        self.abstract = abstract
        self.arguments = arguments
        self.optionNames = optionNames
        self.requiredOptionNames = requiredOptionNames
    }
}
