/// A recipient personal data may be disclosed to: a partner, a processor, a carrier.
public struct RecipientID: VocabularyTerm {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}
