/// Everything `pdl` knows about a command's command line, declared once: parsing, its `--help`,
/// the general help's list and the completion scripts are derived from it.
struct CommandDeclaration: Sendable {
    /// The word that selects it: `pdl NAME`.
    let name: String
    /// One line for `pdl --help`.
    let abstract: String
    /// The paragraphs of `pdl NAME --help` between the usage and the options table, preformatted.
    let discussion: String
    /// The positional arguments, when the command has no subcommands.
    let arguments: [ArgumentDeclaration]
    /// The words that select what the command does; empty when it does one thing.
    let subcommands: [SubcommandDeclaration]
    /// The subcommand run when none is named; `nil` when one must be named.
    let defaultSubcommand: String?
    /// The options, `--store` included when the command opens a ledger.
    let options: [OptionDeclaration]
    /// Command lines shown at the end of the help, one a line, without `$ `.
    let examples: [String]
    /// The exit-status paragraph.
    let exitStatus: String

    init(
        name: String, abstract: String, discussion: String, arguments: [ArgumentDeclaration] = [],
        subcommands: [SubcommandDeclaration] = [], defaultSubcommand: String? = nil, options: [OptionDeclaration],
        examples: [String], exitStatus: String = CommandDeclaration.standardExitStatus
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.subcommands = subcommands
        self.defaultSubcommand = defaultSubcommand
        self.options = options
        self.examples = examples
        self.exitStatus = exitStatus
    }

    /// The exit statuses every command shares, as `pdl --help` documents them.
    static let standardExitStatus = CommandHelp.wrapWords(
        ("Exit status: " + ExitStatus.allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: ", ") + ".")
            .split(separator: " ").map(String.init), width: 96, indent: 0)

    /// The option named `name`, if declared.
    func option(named name: String) -> OptionDeclaration? {
        options.first { $0.name == name }
    }

    /// The subcommand named `name`, if declared.
    func subcommand(named name: String) -> SubcommandDeclaration? {
        subcommands.first { $0.name == name }
    }
}
