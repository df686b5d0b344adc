/// A `pdl` subcommand.
protocol Command: Sendable {
    /// The word that selects it: `pdl NAME`.
    static var name: String { get }
    /// One line for `pdl --help`.
    static var summary: String { get }
    /// The full text of `pdl NAME --help`.
    static var help: String { get }
    /// Runs the command with the arguments after its name.
    static func run(_ arguments: [String]) async throws
}

/// Every command, in the order `pdl --help` lists them.
let commands: [any Command.Type] = [
    InitCommand.self, DemoCommand.self, RecordCommand.self, ImportCommand.self, ExportCommand.self,
    ReportCommand.self, RopaCommand.self, BreachCommand.self, VerifyCommand.self, CheckpointCommand.self,
    EraseCommand.self, RetentionCommand.self, PolicyCommand.self, NotifyListCommand.self,
    FindCommand.self, RectifyCommand.self, RequestsCommand.self,
]

let storeOptionHelp = """
      --store DIR         The ledger directory (default: ./ledger).
    """
