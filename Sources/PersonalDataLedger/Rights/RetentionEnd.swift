#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// How long a holding is kept: until a date, until an event, or without a limit.
///
/// In JSON: `{"kind": "date", "date": "2032-01-01T00:00:00Z"}`,
/// `{"kind": "event", "events": ["orderDelivered"], "consentWithdrawal": false}`,
/// `{"kind": "noLimit"}` or `{"kind": "undetermined", "reason": "…"}`.
public enum RetentionEnd: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Kept until this instant; erasure is due from it on. For periods counted in days the instant
    /// is the start of the day after the last day kept: "kept until 2031-12-31" is
    /// `2032-01-01T00:00:00Z`.
    case date(Date)
    /// No clock has started: the data is kept until one of these lifecycle events happens to its
    /// business reference, or (when `consentWithdrawal` is true) until the person withdraws consent,
    /// and then as the rule says.
    case event([LifecycleKind], consentWithdrawal: Bool)
    /// No rule limits how long it is kept.
    case noLimit
    /// It could not be computed; the reason names the missing setting (never a personal value).
    case undetermined(reason: String)

    /// The instant erasure is due, when it is known.
    public var date: Date? {
        if case .date(let date) = self { return date }
        return nil
    }

    /// Whether erasure is due at `instant`.
    public func isDue(at instant: Date) -> Bool { date.map { $0 <= instant } ?? false }

    public var description: String {
        switch self {
        case .date(let date): "until \(date.formatted(.iso8601))"
        case .event(let events, let withdrawal):
            "until "
                + (events.map(\.rawValue) + (withdrawal ? ["consent withdrawn"] : [])).joined(separator: " or ")
        case .noLimit: "no limit"
        case .undetermined(let reason): "undetermined: \(reason)"
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, date, events, consentWithdrawal, reason }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .date(let date):
            try container.encode("date", forKey: .kind)
            try container.encode(date, forKey: .date)
        case .event(let events, let withdrawal):
            try container.encode("event", forKey: .kind)
            try container.encode(events, forKey: .events)
            try container.encode(withdrawal, forKey: .consentWithdrawal)
        case .noLimit:
            try container.encode("noLimit", forKey: .kind)
        case .undetermined(let reason):
            try container.encode("undetermined", forKey: .kind)
            try container.encode(reason, forKey: .reason)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "date": self = .date(try container.decode(Date.self, forKey: .date))
        case "event":
            self = .event(
                try container.decode([LifecycleKind].self, forKey: .events),
                consentWithdrawal: try container.decodeIfPresent(Bool.self, forKey: .consentWithdrawal) ?? false)
        case "noLimit": self = .noLimit
        default:
            self = .undetermined(reason: try container.decodeIfPresent(String.self, forKey: .reason) ?? "")
        }
    }
}

/// One holding's retention: when it ends and which clock of its purpose's rule decides.
public struct HoldingRetention: Hashable, Sendable, Codable {
    /// The holding's sequence number.
    public var holding: UInt64
    /// Whose data.
    public var subject: SubjectID
    /// The category held.
    public var category: DataCategory
    /// The purpose, whose rule applies.
    public var purpose: Purpose
    /// Where it is held.
    public var system: SystemID
    /// The business object it belongs to.
    public var reference: BusinessReference?
    /// When it ends.
    public var end: RetentionEnd
    /// The clock that decides ``end``, when one has started. For data under consent, withdrawal
    /// is a clock of its own even when the rule does not list it (Art. 7(3), 17(1)(b)).
    public var clock: RetentionRule.Clock?
    /// The rule in words.
    public var rule: LocalizedText

    /// Creates a holding's retention.
    public init(
        holding: UInt64, subject: SubjectID, category: DataCategory, purpose: Purpose, system: SystemID,
        reference: BusinessReference?, end: RetentionEnd, clock: RetentionRule.Clock?, rule: LocalizedText
    ) {
        self.holding = holding
        self.subject = subject
        self.category = category
        self.purpose = purpose
        self.system = system
        self.reference = reference
        self.end = end
        self.clock = clock
        self.rule = rule
    }
}
