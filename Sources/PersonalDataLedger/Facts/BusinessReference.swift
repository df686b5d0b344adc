/// The business object a fact belongs to: an order, a case, a campaign, an application.
///
/// Lifecycle events name a reference (`order:50017` was delivered), and retention clocks of the
/// holdings with that reference start there. References must not contain personal data.
public struct BusinessReference: VocabularyTerm {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}
