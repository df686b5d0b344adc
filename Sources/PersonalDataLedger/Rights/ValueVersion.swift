#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// One value a holding has had: the value recorded with it, or one a rectification set.
///
/// ``Ledger/valueHistory(of:about:)`` lists them oldest first; the last one is current. Earlier
/// values are kept as history — they are facts — until the holding is erased, which erases them
/// all.
public struct ValueVersion: Hashable, Sendable, Codable {
    /// The fact that set the value: the holding itself, or a rectification of it.
    public var sequence: UInt64
    /// When it was recorded.
    public var recordedAt: Date
    /// Who recorded it.
    public var actor: ActorID
    /// Whether a rectification set it (`false` for the holding's own value).
    public var isRectification: Bool
    /// The value; ``PersonalValue/erased`` once erased, `nil` when the holding was recorded
    /// without one.
    public var value: PersonalValue?
    /// Whether this is the holding's value now.
    public var isCurrent: Bool

    /// Creates a version.
    public init(
        sequence: UInt64, recordedAt: Date, actor: ActorID, isRectification: Bool, value: PersonalValue?,
        isCurrent: Bool
    ) {
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.actor = actor
        self.isRectification = isRectification
        self.value = value
        self.isCurrent = isCurrent
    }
}
