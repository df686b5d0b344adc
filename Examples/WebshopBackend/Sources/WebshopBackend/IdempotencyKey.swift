import HTTPTypes

/// The `Idempotency-Key` header of a POST: 1 to 255 printable ASCII characters, such as a UUID.
struct IdempotencyKey: Sendable, Hashable {
    static let field = HTTPField.Name("Idempotency-Key")!

    var value: String

    /// The request's key, `nil` without the header.
    ///
    /// - Throws: ``Problem/malformedIdempotencyKey(_:)`` for an empty, overlong or non-ASCII key,
    ///   or for two of them.
    init?(_ headers: HTTPFields) throws {
        let values = headers[values: Self.field]
        guard let value = values.first else { return nil }
        guard values.count == 1 else {
            throw Problem.malformedIdempotencyKey("Send one Idempotency-Key header, not \(values.count).")
        }
        guard (1...255).contains(value.utf8.count), value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw Problem.malformedIdempotencyKey(
                "An Idempotency-Key has 1 to 255 printable ASCII characters without spaces, such as a UUID.")
        }
        self.value = value
    }
}
