/// When a purpose's data must be erased, as data rather than code.
///
/// A rule is a list of clocks. Each clock starts at a lifecycle event (an order delivered, a case
/// closed, consent withdrawn) and keeps the data for a period; some clocks apply only when the
/// person consented to being kept longer. Until an event has happened the data is kept "until
/// event X", which is what the access report says.
public struct RetentionRule: Hashable, Sendable, Codable {
    /// One clock of a rule.
    public struct Clock: Hashable, Sendable, Codable {
        /// What starts the clock.
        public var startsAt: Trigger
        /// How long data is kept after it starts.
        public var keepFor: RetentionPeriod
        /// When set, the clock applies only while the person has consented to this purpose
        /// (complaint data kept until the warranty ends, rejected applicants kept for openings).
        public var onlyWithConsentTo: Purpose?
        /// Whether, when this clock ends retention, the subject identifier goes with the values
        /// once nothing else of the person is held: the policy keeps nothing of a rejected
        /// applicant. Retention otherwise keeps identifiers, so consent stays demonstrable.
        public var erasesIdentifier: Bool

        /// Creates a clock.
        public init(
            startsAt: Trigger, keepFor: RetentionPeriod, onlyWithConsentTo: Purpose? = nil,
            erasesIdentifier: Bool = false
        ) {
            self.startsAt = startsAt
            self.keepFor = keepFor
            self.onlyWithConsentTo = onlyWithConsentTo
            self.erasesIdentifier = erasesIdentifier
        }

        private enum CodingKeys: String, CodingKey { case startsAt, keepFor, onlyWithConsentTo, erasesIdentifier }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            startsAt = try container.decode(Trigger.self, forKey: .startsAt)
            keepFor = try container.decode(RetentionPeriod.self, forKey: .keepFor)
            onlyWithConsentTo = try container.decodeIfPresent(Purpose.self, forKey: .onlyWithConsentTo)
            // Rules written before the flag existed keep identifiers.
            erasesIdentifier = try container.decodeIfPresent(Bool.self, forKey: .erasesIdentifier) ?? false
        }
    }

    /// What starts a retention clock.
    public enum Trigger: Hashable, Sendable, Codable {
        /// A lifecycle event recorded for the holding's business reference.
        case event(LifecycleKind)
        /// The moment the data was recorded (bookkeeping: the transaction itself).
        case recorded
        /// The person withdrew consent to the holding's purpose.
        case consentWithdrawn
        /// Every business object of the person for the holding's purpose reached the event: the
        /// latest of those events, and not before the holding was recorded; with no business
        /// object at all, the recording. Data that belongs to no single order — account data —
        /// runs from the customer's last delivered order.
        case latestEvent(LifecycleKind)
    }

    /// The rule in words, as the privacy policy states it.
    public var summary: LocalizedText
    /// The clocks; the data is erased when the earliest applicable clock runs out.
    public var clocks: [Clock]

    /// Creates a rule.
    public init(summary: LocalizedText, clocks: [Clock]) {
        self.summary = summary
        self.clocks = clocks
    }
}
