/// One category of data to record, with or without its value: `.email("kari@example.no")`.
public struct DataItem: Hashable, Sendable, CustomStringConvertible {
    /// The category.
    public var category: DataCategory
    /// The value, when the service records it.
    public var value: PersonalValue?

    /// Records that `category` is held, with `value` if given.
    public init(_ category: DataCategory, value: String? = nil) {
        self.category = category
        self.value = value.map(PersonalValue.init)
    }

    public var description: String { value == nil ? "\(category)" : "\(category)=(personal value)" }

    /// A name.
    public static func name(_ value: String) -> Self { .init(.name, value: value) }
    /// A billing address.
    public static func billingAddress(_ value: String) -> Self { .init(.billingAddress, value: value) }
    /// A delivery address.
    public static func deliveryAddress(_ value: String) -> Self { .init(.deliveryAddress, value: value) }
    /// A residential address.
    public static func residentialAddress(_ value: String) -> Self {
        .init(.residentialAddress, value: value)
    }
    /// A telephone number; normalised to E.164.
    public static func phone(_ value: String) -> Self { .init(.phone, value: value) }
    /// An email address.
    public static func email(_ value: String) -> Self { .init(.email, value: value) }
    /// An IP address.
    public static func ipAddress(_ value: String) -> Self { .init(.ipAddress, value: value) }
    /// A national identity number.
    public static func nationalIDNumber(_ value: String) -> Self {
        .init(.nationalIDNumber, value: value)
    }
    /// A bank account number or IBAN.
    public static func bankAccount(_ value: String) -> Self { .init(.bankAccount, value: value) }
}
