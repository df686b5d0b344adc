/// A fact: categories of a person's data were given to a recipient on an occasion.
public struct Disclosure: Hashable, Sendable, Codable {
    /// Whose data.
    public var subject: SubjectID
    /// Which categories.
    public var categories: [DataCategory]
    /// To whom.
    public var recipient: RecipientID
    /// On which occasion; the recipient's agreement must cover it.
    public var occasion: AccessOccasion
    /// The business object it was disclosed for (the order shipped).
    public var reference: BusinessReference?

    /// Creates a disclosure.
    public init(
        subject: SubjectID, categories: [DataCategory], recipient: RecipientID,
        occasion: AccessOccasion, reference: BusinessReference? = nil
    ) {
        self.subject = subject
        self.categories = categories
        self.recipient = recipient
        self.occasion = occasion
        self.reference = reference
    }
}
