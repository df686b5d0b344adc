#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A subject found by an identifier: the controller's pseudonymous key for the person, and where
/// and for what the identifier is held — never the identifier or any other value.
///
/// ``Ledger/find(_:as:region:)`` returns one per subject identifier that holds the identifier.
/// Pass ``subject`` to ``Ledger/issueReport(for:requestedBy:revealing:)`` to see everything.
public struct SubjectMatch: Hashable, Sendable, Codable {
    /// One holding of the identifier.
    public struct Location: Hashable, Sendable, Codable {
        /// The holding's sequence number.
        public var holding: UInt64
        /// The category the identifier is held as, such as `email`.
        public var category: DataCategory
        /// Where it is held.
        public var system: SystemID
        /// Why it is held.
        public var purpose: Purpose
        /// The business object it was collected for.
        public var reference: BusinessReference?
        /// When the holding was recorded.
        public var since: Date
        /// Whether the identifier is the holding's value now; `false` when a later rectification
        /// replaced it (the earlier value is kept, as history, until it is erased).
        public var isCurrent: Bool

        /// Creates a location.
        public init(
            holding: UInt64, category: DataCategory, system: SystemID, purpose: Purpose,
            reference: BusinessReference?, since: Date, isCurrent: Bool
        ) {
            self.holding = holding
            self.category = category
            self.system = system
            self.purpose = purpose
            self.reference = reference
            self.since = since
            self.isCurrent = isCurrent
        }
    }

    /// The subject identifier that holds the identifier.
    public var subject: SubjectID
    /// Identifiers linked to ``subject`` (the same person elsewhere), which its report includes.
    public var linkedSubjects: [SubjectID]
    /// Where and for what the identifier is held, in sequence order.
    public var locations: [Location]

    /// Creates a match.
    public init(subject: SubjectID, linkedSubjects: [SubjectID], locations: [Location]) {
        self.subject = subject
        self.linkedSubjects = linkedSubjects
        self.locations = locations
    }
}
