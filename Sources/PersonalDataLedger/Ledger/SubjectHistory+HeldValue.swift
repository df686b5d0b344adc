#if canImport(FoundationEssentials)
    package import FoundationEssentials
#else
    package import Foundation
#endif

extension SubjectHistory {
    /// One holding as its history leaves it: the fact that recorded it, its value now, its
    /// rectifications, its erasure and the holds an erasure kept it under.
    package struct HeldValue: Sendable {
        /// The fact that recorded the holding.
        package let fact: Fact
        /// The holding as recorded.
        package let holding: Holding
        /// The rectifications of the holding, in the order recorded.
        package private(set) var rectifications: [Fact] = []
        /// The erasure that erased the value, if one did.
        package private(set) var erasure: Fact?
        /// The legal holds the latest erasure that named the holding kept it under.
        package private(set) var holds: [Erasure.Retained] = []
        /// The latest erasure that kept the holding under a hold: an erasure still to be carried
        /// out when the hold ends, while the value is held.
        package private(set) var keptBy: Fact?

        init(fact: Fact, holding: Holding) {
            self.fact = fact
            self.holding = holding
        }

        /// The holding's sequence number.
        package var sequence: UInt64 { fact.sequence }

        /// The value now: the latest rectification's, or the holding's own.
        package var currentValue: PersonalValue? {
            guard case .rectification(let latest)? = rectifications.last?.body else { return holding.value }
            return latest.value
        }

        /// When the value was last rectified.
        package var rectifiedAt: Date? { rectifications.last?.recordedAt }

        /// When the value was erased.
        package var erasedAt: Date? { erasure?.recordedAt }

        /// Whether the value was erased: an erasure fact named it. Every store records one when it
        /// erases a value, and it says when — an export read back in order shows the value erased
        /// in place long before its erasure comes, so the mark alone does not decide.
        package var isErased: Bool { erasure != nil }

        /// Whether no value can be shown: it was erased, or reads as erased where it is kept.
        package var isValueGone: Bool {
            isErased || holding.value?.isErased == true || currentValue?.isErased == true
        }

        /// The lookup token the holding is found by now: the latest rectification's, or its own.
        package var liveLookupToken: String? {
            guard case .rectification(let latest)? = rectifications.last?.body else {
                return holding.lookupToken?.revealed
            }
            return latest.lookupToken?.revealed
        }

        /// Every lookup token the holding was ever found by: its own and its rectifications'.
        package var lookupTokens: Set<String> {
            var tokens = Set<String>()
            if let token = holding.lookupToken?.revealed { tokens.insert(token) }
            for fact in rectifications {
                if case .rectification(let rectification) = fact.body, let token = rectification.lookupToken?.revealed {
                    tokens.insert(token)
                }
            }
            return tokens
        }

        /// Every value the holding has had, oldest first; the last is current.
        package var versions: [ValueVersion] {
            var versions = [
                ValueVersion(
                    sequence: fact.sequence, recordedAt: fact.recordedAt, actor: fact.actor, isRectification: false,
                    value: holding.value, isCurrent: false)
            ]
            for fact in rectifications {
                guard case .rectification(let rectification) = fact.body else { continue }
                versions.append(
                    ValueVersion(
                        sequence: fact.sequence, recordedAt: fact.recordedAt, actor: fact.actor, isRectification: true,
                        value: rectification.value, isCurrent: false))
            }
            versions[versions.count - 1].isCurrent = true
            return versions
        }

        mutating func rectify(_ fact: Fact) { rectifications.append(fact) }

        mutating func erase(by fact: Fact) {
            if erasure == nil { erasure = fact }
        }

        mutating func keep(_ retained: [Erasure.Retained], by fact: Fact) {
            holds = retained
            keptBy = fact
        }
    }
}
