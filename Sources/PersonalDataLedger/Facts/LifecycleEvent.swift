#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A fact: something happened to a business object that starts retention clocks.
public struct LifecycleEvent: Hashable, Sendable, Codable {
    /// What happened.
    public var kind: LifecycleKind
    /// To which business object.
    public var reference: BusinessReference
    /// When it happened (may be earlier than when it was recorded).
    public var occurredAt: Date

    /// Creates a lifecycle event.
    public init(kind: LifecycleKind, reference: BusinessReference, occurredAt: Date) {
        self.kind = kind
        self.reference = reference
        self.occurredAt = occurredAt
    }
}
