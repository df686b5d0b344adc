/// Where a store draws the 16-byte salts of its commitments from.
///
/// Always ``random`` in use; tests inject a deterministic source into two stores to show that the
/// same facts with the same salts give the same chain in both.
package struct SaltSource: Sendable {
    private let draw: @Sendable () -> [UInt8]

    /// A source that returns whatever `draw` returns; it must be ``Commitment/saltLength`` bytes.
    package init(_ draw: @escaping @Sendable () -> [UInt8]) { self.draw = draw }

    /// The system's CSPRNG (``Commitment/randomSalt()``).
    package static let random = SaltSource { Commitment.randomSalt() }

    /// The next salt.
    package func next() -> [UInt8] { draw() }
}
