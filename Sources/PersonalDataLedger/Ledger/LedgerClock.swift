#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Where a ledger reads the time. Every rule that depends on time reads it here, so tests
/// inject a clock instead of sleeping or reading the wall clock.
public struct LedgerClock: Sendable {
    /// The current instant.
    public let now: @Sendable () -> Date

    /// Creates a clock from a function returning the current instant.
    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    /// The system's wall clock.
    public static let system = LedgerClock { Date() }

    /// A clock that always reads `date`.
    public static func fixed(_ date: Date) -> LedgerClock { LedgerClock { date } }
}
