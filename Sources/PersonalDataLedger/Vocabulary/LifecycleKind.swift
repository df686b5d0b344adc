/// A kind of business event that starts a retention clock: an order delivered, a case closed.
public struct LifecycleKind: VocabularyTerm {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}

extension LifecycleKind {
    /// An order was fully delivered from the warehouse.
    public static let orderDelivered: Self = "orderDelivered"
    /// A complaint or service case was closed.
    public static let caseClosed: Self = "caseClosed"
    /// A campaign or competition is fully over.
    public static let campaignEnded: Self = "campaignEnded"
    /// A job application was rejected.
    public static let applicationRejected: Self = "applicationRejected"
    /// A job applicant was hired: their data moves to the employee records (``Ledger/hire(_:application:employment:in:occurredAt:actor:)``).
    public static let applicantHired: Self = "applicantHired"
    /// An employment ended: the employee records go, except what legal obligations keep.
    public static let employmentEnded: Self = "employmentEnded"

    /// The kinds the privacy policy's retention rules start at, and that every catalog declares
    /// unless it lists its own.
    public static let builtIn: Set<LifecycleKind> = [
        .orderDelivered, .caseClosed, .campaignEnded, .applicationRejected, .applicantHired, .employmentEnded,
    ]
}
