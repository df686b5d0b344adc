#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// What a person asked to have erased (GDPR Art. 17: "some, part or all").
public enum ErasureRequestScope: Hashable, Sendable, Codable {
    /// Everything held about the person; the subject identifier too when nothing must be kept.
    case everything
    /// The holdings of these categories.
    case categories(Set<DataCategory>)
    /// The holdings for these purposes.
    case purposes(Set<Purpose>)
    /// These holdings, by sequence number.
    case holdings(Set<UInt64>)
}

/// What an erasure will do, before it does it: the dry run a data protection officer reads.
///
/// Produced by ``Ledger/planErasure(of:scope:reason:)`` and carried out by ``Ledger/erase(_:actor:)``.
/// It covers the person's subject identifier and every identifier linked to it.
public struct ErasurePlan: Hashable, Sendable, Codable {
    /// A holding whose value will be erased.
    public struct Item: Hashable, Sendable, Codable {
        /// The holding's sequence number.
        public var holding: UInt64
        /// The identifier it was recorded under.
        public var subject: SubjectID
        /// The category.
        public var category: DataCategory
        /// The purpose.
        public var purpose: Purpose
        /// Where it is held.
        public var system: SystemID
        /// The business object.
        public var reference: BusinessReference?
        /// The rectifications of the holding whose values go with it.
        public var rectifications: [UInt64]

        /// Creates an item.
        public init(
            holding: UInt64, subject: SubjectID, category: DataCategory, purpose: Purpose,
            system: SystemID, reference: BusinessReference?, rectifications: [UInt64]
        ) {
            self.holding = holding
            self.subject = subject
            self.category = category
            self.purpose = purpose
            self.system = system
            self.reference = reference
            self.rectifications = rectifications
        }
    }

    /// A holding in scope that the law obliges the controller to keep (Art. 17(3)), and until when.
    public struct Kept: Hashable, Sendable, Codable {
        /// The holding's sequence number.
        public var holding: UInt64
        /// The identifier it was recorded under.
        public var subject: SubjectID
        /// The category.
        public var category: DataCategory
        /// The purpose.
        public var purpose: Purpose
        /// Where it is held.
        public var system: SystemID
        /// The business object.
        public var reference: BusinessReference?
        /// The legal hold that keeps it.
        public var hold: LegalHold
        /// Until when, when a date is known (the end of a bookkeeping period).
        public var until: Date?
        /// Until which lifecycle event, when the hold ends with one (the order delivered, the case
        /// closed); retention then decides.
        public var untilEvent: LifecycleKind?

        /// Creates a kept entry.
        public init(
            holding: UInt64, subject: SubjectID, category: DataCategory, purpose: Purpose,
            system: SystemID, reference: BusinessReference?, hold: LegalHold, until: Date?,
            untilEvent: LifecycleKind?
        ) {
            self.holding = holding
            self.subject = subject
            self.category = category
            self.purpose = purpose
            self.system = system
            self.reference = reference
            self.hold = hold
            self.until = until
            self.untilEvent = untilEvent
        }
    }

    /// The identifier the request named.
    public var subject: SubjectID
    /// It and every identifier linked to it.
    public var subjects: [SubjectID]
    /// What was asked for.
    public var scope: ErasureRequestScope
    /// Why.
    public var reason: Erasure.Reason
    /// When the plan was made; holds are judged at this instant.
    public var plannedAt: Date
    /// The holdings whose values will be erased.
    public var erase: [Item]
    /// The holdings in scope that are kept, with their hold.
    public var keep: [Kept]
    /// Holdings in scope whose values were erased before: nothing to do for them.
    public var alreadyErased: [UInt64]
    /// The identifiers that will be erased too: with scope ``ErasureRequestScope/everything``,
    /// those of which nothing is kept.
    public var identifiersErased: [SubjectID]
    /// The recipients that must be told once the values are erased (Art. 19).
    public var recipientsToTell: [RecipientNotice]

    /// Whether carrying the plan out changes nothing.
    public var isEmpty: Bool { erase.isEmpty && identifiersErased.isEmpty }

    /// Creates a plan.
    public init(
        subject: SubjectID, subjects: [SubjectID], scope: ErasureRequestScope, reason: Erasure.Reason,
        plannedAt: Date, erase: [Item], keep: [Kept], alreadyErased: [UInt64],
        identifiersErased: [SubjectID], recipientsToTell: [RecipientNotice]
    ) {
        self.subject = subject
        self.subjects = subjects
        self.scope = scope
        self.reason = reason
        self.plannedAt = plannedAt
        self.erase = erase
        self.keep = keep
        self.alreadyErased = alreadyErased
        self.identifiersErased = identifiersErased
        self.recipientsToTell = recipientsToTell
    }
}

/// What ``Ledger/erase(_:actor:)`` did.
public struct ErasureResult: Hashable, Sendable, Codable {
    /// The holdings whose values were erased (with their rectifications).
    public var erased: [ErasurePlan.Item]
    /// The holdings kept, and why.
    public var kept: [ErasurePlan.Kept]
    /// The identifiers erased.
    public var identifiersErased: [SubjectID]
    /// The erasure facts recorded, one per subject identifier touched.
    public var erasures: [Fact]
    /// The recipients that must now be told (Art. 19): tell the person who they are, too.
    public var recipientsToTell: [RecipientNotice]

    /// Whether nothing was recorded: everything in scope was already erased, or is already
    /// waiting for its hold to end. Not an error.
    public var isNoOp: Bool { erasures.isEmpty }

    /// Creates a result.
    public init(
        erased: [ErasurePlan.Item], kept: [ErasurePlan.Kept], identifiersErased: [SubjectID],
        erasures: [Fact], recipientsToTell: [RecipientNotice]
    ) {
        self.erased = erased
        self.kept = kept
        self.identifiersErased = identifiersErased
        self.erasures = erasures
        self.recipientsToTell = recipientsToTell
    }
}
