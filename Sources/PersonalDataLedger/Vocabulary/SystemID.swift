/// A system (database, service, file share) where personal data is held, such as `webshop.orders`.
public struct SystemID: VocabularyTerm {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}
