#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A person's consent to a purpose at an instant (GDPR Art. 7), as
/// ``Ledger/consentState(of:for:at:)`` answers it.
public struct ConsentState: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The status, after the W3C DPV consent statuses.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Consent was given and is in force (`dpv:ConsentGiven`).
        case given
        /// Consent was withdrawn (`dpv:ConsentWithdrawn`).
        case withdrawn
        /// Consent was asked for and refused (`dpv:ConsentRefused`).
        case refused
        /// No decision was recorded before the instant.
        case notRecorded
    }

    /// Whose consent.
    public var subject: SubjectID
    /// To which purpose.
    public var purpose: Purpose
    /// The instant the state is for.
    public var at: Date
    /// The status at that instant.
    public var status: Status
    /// The sequence number of the decision in force, if any.
    public var decision: UInt64?
    /// When that decision was recorded.
    public var decidedAt: Date?
    /// The policy version the person was shown when deciding.
    public var policyVersion: String?
    /// How the decision was collected.
    public var channel: String?
    /// The current major policy version at the instant: the latest major version in effect.
    public var currentMajorVersion: String?
    /// Whether consent is given, but under a policy version older than ``currentMajorVersion``:
    /// the person has not seen the policy as it now stands and should be asked again. A stale
    /// consent is still in force; ``Ledger/mayProcess(_:for:)`` does not look at staleness.
    public var isStale: Bool

    /// Whether consent is in force.
    public var isInForce: Bool { status == .given }

    /// Creates a consent state.
    public init(
        subject: SubjectID, purpose: Purpose, at: Date, status: Status, decision: UInt64? = nil,
        decidedAt: Date? = nil, policyVersion: String? = nil, channel: String? = nil,
        currentMajorVersion: String? = nil, isStale: Bool = false
    ) {
        self.subject = subject
        self.purpose = purpose
        self.at = at
        self.status = status
        self.decision = decision
        self.decidedAt = decidedAt
        self.policyVersion = policyVersion
        self.channel = channel
        self.currentMajorVersion = currentMajorVersion
        self.isStale = isStale
    }

    public var description: String {
        "\(purpose): \(status.rawValue)" + (policyVersion.map { " under policy \($0)" } ?? "")
            + (isStale ? " (stale: the current major policy is \(currentMajorVersion ?? "newer"))" : "")
    }
}
