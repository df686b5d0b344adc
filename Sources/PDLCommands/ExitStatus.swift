import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// `pdl`'s exit statuses, as its `--help` documents them.
enum ExitStatus: Int32, CaseIterable {
    /// Done.
    case success = 0
    /// Refused by a rule of the ledger.
    case refused = 1
    /// The command line was wrong.
    case usage = 2
    /// The store failed: cannot be opened, is locked, is damaged, an I/O error.
    case storeError = 3

    /// What the status means, as the help and the man page's EXIT STATUS section say it.
    var meaning: String {
        switch self {
        case .success: "done"
        case .refused: "refused by a rule of the ledger (nothing was recorded)"
        case .usage: "usage error"
        case .storeError: "store error (cannot be opened, locked too long by a stuck writer, damaged, I/O)"
        }
    }

    /// The status and the message for an error a command threw. Messages never hold personal
    /// values: ledger and store errors are written that way.
    static func describing(_ error: any Error, command: String? = nil) -> (ExitStatus, String) {
        switch error {
        case let error as UsageError:
            (.usage, "pdl: \(error.message)\nRun 'pdl \(command.map { "\($0) " } ?? "")--help' for usage.")
        case let error as LedgerError: (.refused, "pdl: \(error)")
        case let error as CatalogFileRefusal: (.refused, "pdl: \(error)")
        case let error as CatalogError: (.refused, "pdl: catalog \(error)")
        case let error as LedgerStoreError: (.storeError, "pdl: store error (\(error.code)): \(error.message)")
        case let error as IdentifierError: (.refused, "pdl: refused: \(error.message)")
        default:
            (.storeError, "pdl: \(type(of: error)) failed; no details are printed because they may hold personal data.")
        }
    }
}
