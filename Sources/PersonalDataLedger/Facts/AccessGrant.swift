#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A fact: a recipient has standing access to a whole system on an occasion, for a period.
///
/// This is how partners with access to a database — backup, maintenance — are answered honestly
/// without a fact per person: everyone whose data the system held while the grant was in force
/// counts the recipient among those who received it.
public struct AccessGrant: Hashable, Sendable, Codable {
    /// Who has access.
    public var recipient: RecipientID
    /// To which system.
    public var system: SystemID
    /// On which occasion; the recipient's agreement must cover it.
    public var occasion: AccessOccasion
    /// From when.
    public var from: Date
    /// Until when; `nil` while the grant is in force.
    public var until: Date?

    /// Creates an access grant.
    public init(
        recipient: RecipientID, system: SystemID, occasion: AccessOccasion, from: Date,
        until: Date? = nil
    ) {
        self.recipient = recipient
        self.system = system
        self.occasion = occasion
        self.from = from
        self.until = until
    }

    /// Whether the grant was in force at any time in `start...end` (an open `end` means "still").
    public func overlaps(from start: Date, to end: Date?) -> Bool {
        let grantEnd = until ?? .distantFuture
        let periodEnd = end ?? .distantFuture
        return from <= periodEnd && start <= grantEnd
    }
}
