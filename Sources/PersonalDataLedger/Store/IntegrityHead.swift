/// The state of a store's hash chain: how many facts, and the hash that commits to all of them.
///
/// Export it as a checkpoint and keep it somewhere else; verifying against it later proves the
/// history it covers was neither truncated nor rewritten.
public struct IntegrityHead: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The number of facts the chain covers.
    public var count: UInt64
    /// The chain hash after the last of them, as 64 lowercase hexadecimal digits.
    public var hash: String

    /// Creates an integrity head.
    public init(count: UInt64, hash: String) {
        self.count = count
        self.hash = hash
    }

    /// The head of an empty chain: no facts, and 32 zero bytes.
    public static let empty = IntegrityHead(count: 0, hash: String(repeating: "0", count: 64))

    public var description: String { "\(count) facts, head \(hash)" }
}
