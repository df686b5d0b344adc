import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
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

/// The width of the command column in `pdl --help`: the longest name and two spaces.
let commandNameWidth = (commands.map { $0.name.count }.max() ?? 0) + 2

let storeOptionHelp = """
      --store DIR         The ledger directory (default: ./ledger).
    """

let exitStatusHelp = """
    Exit status: 0 done, 1 refused by a rule of the ledger (nothing was recorded), 2 usage error,
    3 store error (cannot be opened, locked by another process, damaged, I/O).
    """
