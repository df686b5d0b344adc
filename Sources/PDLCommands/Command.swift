/// A `pdl` subcommand: its command line, declared once, and what it does.
protocol Command: Sendable {
    /// The command's arguments and options, help and examples.
    static var declaration: CommandDeclaration { get }
    /// Runs the command with its parsed arguments.
    static func run(_ arguments: ParsedArguments, in context: CommandContext) async throws
}

/// Every command, in the order `pdl --help` lists them.
let commands: [any Command.Type] = [
    InitCommand.self, DemoCommand.self, RecordCommand.self, ConsentCommand.self, DiscloseCommand.self,
    GrantCommand.self, LifecycleCommand.self, LinkCommand.self, LinkReferenceCommand.self, HireCommand.self,
    RestrictCommand.self, LiftRestrictionCommand.self,
    ObjectCommand.self, WithdrawObjectionCommand.self, ImportCommand.self, ExportCommand.self,
    ReportCommand.self, RopaCommand.self, BreachCommand.self, VerifyCommand.self, CheckpointCommand.self,
    EraseCommand.self, RetentionCommand.self, SettingsCommand.self, CatalogCommand.self, PolicyCommand.self,
    NotifyListCommand.self,
    FindCommand.self, RectifyCommand.self, RequestsCommand.self, CompletionCommand.self,
]

/// The command named `name`, if there is one.
func command(named name: String) -> (any Command.Type)? {
    commands.first { $0.declaration.name == name }
}
