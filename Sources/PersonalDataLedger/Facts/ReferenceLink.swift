/// A fact: one business object concerns another — a complaint case concerns the order it is
/// about.
///
/// Retention clocks of the holdings recorded for ``reference`` start at the lifecycle events of
/// ``concerns`` too: complaint data kept with consent runs until the warranty counted from the
/// order's delivery ends, although the delivery is recorded on the order, not on the case. The
/// link goes one way: events of the case do not start the order's clocks. References never
/// contain personal data, so the fact carries none.
public struct ReferenceLink: Hashable, Sendable, Codable {
    /// The business object whose holdings the link concerns, such as `case:9001`.
    public var reference: BusinessReference
    /// The business object it concerns, such as `order:50017`.
    public var concerns: BusinessReference

    /// Creates a link.
    public init(reference: BusinessReference, concerns: BusinessReference) {
        self.reference = reference
        self.concerns = concerns
    }
}
