public import PersonalDataLedger
import Synchronization

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A clock that tests move by hand.
public final class ManualClock: Sendable {
    private let current: Mutex<Date>

    /// Creates a clock reading `start`.
    public init(_ start: Date) { current = Mutex(start) }

    /// The instant the clock reads.
    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward by `interval` seconds.
    public func advance(by interval: TimeInterval) { current.withLock { $0 += interval } }

    /// Sets the clock to `date`.
    public func set(_ date: Date) { current.withLock { $0 = date } }

    /// This clock, for ``Ledger/init(store:catalog:region:actor:clock:retention:identifierKey:observer:)``.
    public var ledgerClock: LedgerClock { LedgerClock { [self] in self.now } }
}
