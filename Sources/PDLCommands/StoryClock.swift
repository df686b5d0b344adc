import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
import Synchronization

/// The demo story's clock: it reads the instant the story has reached, so the demo ledger's
/// dates are the story's, not the day it was run.
final class StoryClock: Sendable {
    private let instant: Mutex<Date>

    init(startingAt start: Date) { instant = Mutex(start) }

    /// Moves the story to `date`.
    func set(_ date: Date) { instant.withLock { $0 = date } }

    var ledgerClock: LedgerClock { LedgerClock { [self] in instant.withLock { $0 } } }
}
