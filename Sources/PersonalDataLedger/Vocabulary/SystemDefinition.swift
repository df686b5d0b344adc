/// A system where personal data is held, as the ``Catalog`` declares it.
public struct SystemDefinition: Hashable, Sendable, Codable, Identifiable {
    /// The system's name.
    public var id: SystemID
    /// What the system is, for reports.
    public var label: LocalizedText

    /// Creates a system definition.
    public init(_ id: SystemID, label: LocalizedText) {
        self.id = id
        self.label = label
    }
}
