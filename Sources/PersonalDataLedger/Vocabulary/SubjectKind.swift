/// What kind of person a data subject is to the controller.
public struct SubjectKind: VocabularyTerm {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}

extension SubjectKind {
    /// A consumer who buys, or has bought, from the webshop.
    public static let customer: Self = "customer"
    /// A representative of a business customer (the B2B portal).
    public static let b2bRepresentative: Self = "b2bRepresentative"
    /// Someone who applied for a job.
    public static let jobApplicant: Self = "jobApplicant"
    /// Someone employed by the controller.
    public static let employee: Self = "employee"
    /// Someone in the contact register who is not (yet) a customer.
    public static let contact: Self = "contact"
}
