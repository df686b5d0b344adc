#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A fact: a version of the privacy policy was published.
public struct PolicyVersion: Hashable, Sendable, Codable {
    /// The version's name, such as `2018-05-25`.
    public var version: String
    /// When it takes effect.
    public var effectiveFrom: Date
    /// Whether it is a major change, which must be announced by email.
    public var isMajor: Bool

    /// Creates a policy version.
    public init(version: String, effectiveFrom: Date, isMajor: Bool) {
        self.version = version
        self.effectiveFrom = effectiveFrom
        self.isMajor = isMajor
    }
}
