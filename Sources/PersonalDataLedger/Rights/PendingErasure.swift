#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// An erasure that must wait: a holding an erasure request named but the law obliged the
/// controller to keep (GDPR Art. 17(3)), what keeps it, and until when.
///
/// The ``Erasure`` fact that answered the request lists the holding as retained; the retention
/// sweep (``Ledger/applyRetention(asOf:actor:progress:)``) erases it once its hold has ended —
/// an undelivered order at its delivery, an open case at its closing, a bookkeeping record when
/// its period runs out. ``Ledger/pendingErasures(of:asOf:)`` lists them; the access report shows
/// them so the letter can say what was kept and why.
public struct PendingErasure: Hashable, Sendable, Codable {
    /// The holding's sequence number.
    public var holding: UInt64
    /// The identifier it was recorded under.
    public var subject: SubjectID
    /// The category.
    public var category: DataCategory
    /// The purpose.
    public var purpose: Purpose
    /// Where it is held.
    public var system: SystemID
    /// The business object.
    public var reference: BusinessReference?
    /// The sequence number of the erasure fact that kept it.
    public var erasure: UInt64
    /// When that erasure was recorded: when the request was answered.
    public var requestedAt: Date
    /// Why the erasure was asked for.
    public var reason: Erasure.Reason
    /// The legal hold that keeps it.
    public var hold: LegalHold
    /// Until when, when a date is known (the end of a bookkeeping period).
    public var until: Date?
    /// Until which lifecycle event of ``reference``, when the hold ends with one.
    public var untilEvent: LifecycleKind?
    /// Whether the hold has ended: the next retention sweep erases the value.
    public var isDue: Bool

    /// Creates a pending erasure.
    public init(
        holding: UInt64, subject: SubjectID, category: DataCategory, purpose: Purpose, system: SystemID,
        reference: BusinessReference?, erasure: UInt64, requestedAt: Date, reason: Erasure.Reason,
        hold: LegalHold, until: Date?, untilEvent: LifecycleKind?, isDue: Bool
    ) {
        self.holding = holding
        self.subject = subject
        self.category = category
        self.purpose = purpose
        self.system = system
        self.reference = reference
        self.erasure = erasure
        self.requestedAt = requestedAt
        self.reason = reason
        self.hold = hold
        self.until = until
        self.untilEvent = untilEvent
        self.isDue = isDue
    }
}
