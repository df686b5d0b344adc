/// A write was refused because it breaks a rule; nothing was recorded.
///
/// ``rule`` says which rule (match on it), ``message`` says what was wrong and what to do. The
/// message names vocabulary — categories, purposes, systems — never a personal value or an
/// identifier of a person.
public struct LedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A rule the ledger enforces.
    public struct Rule: Hashable, Sendable, CustomStringConvertible {
        /// The rule's stable name, as `pdl` prints it.
        public let name: String

        private init(_ name: String) { self.name = name }

        public var description: String { name }

        /// The category is not declared in the catalog.
        public static let unknownCategory = Rule("unknownCategory")
        /// A policy version was published before with another effective date or major flag.
        public static let policyVersionConflict = Rule("policyVersionConflict")
        /// The purpose is not declared in the catalog.
        public static let unknownPurpose = Rule("unknownPurpose")
        /// The system is not declared in the catalog.
        public static let unknownSystem = Rule("unknownSystem")
        /// The recipient is not declared in the catalog.
        public static let unknownRecipient = Rule("unknownRecipient")
        /// The access occasion is not declared in the catalog.
        public static let unknownOccasion = Rule("unknownOccasion")
        /// The lifecycle event kind is not declared in the catalog.
        public static let unknownLifecycleKind = Rule("unknownLifecycleKind")
        /// A holding names a country the ledger's retention settings have no periods for.
        public static let unknownRegion = Rule("unknownRegion")
        /// Ledger settings are malformed or not valid (a period that is not positive, a default
        /// country without periods).
        public static let invalidSettings = Rule("invalidSettings")
        /// The policy version was never published.
        public static let unknownPolicyVersion = Rule("unknownPolicyVersion")
        /// Purpose limitation: the purpose may not hold the category (Art. 5(1)(b),(c)).
        public static let purposeLimitation = Rule("purposeLimitation")
        /// The purpose does not allow the legal basis claimed.
        public static let basisNotAllowed = Rule("basisNotAllowed")
        /// A consent-based holding without active consent to the purpose (Art. 6(1)(a), 7).
        public static let consentRequired = Rule("consentRequired")
        /// The recipient has no agreement for the occasion.
        public static let recipientOccasion = Rule("recipientOccasion")
        /// A special category of data without an Art. 9(2) condition.
        public static let specialCategory = Rule("specialCategory")
        /// The person objected to processing for this purpose (Art. 21).
        public static let objection = Rule("objection")
        /// Processing of the person's data is restricted (Art. 18).
        public static let restriction = Rule("restriction")
        /// A value does not have the form its category requires.
        public static let malformedValue = Rule("malformedValue")
        /// A subject identifier is empty, too long, or has white space.
        public static let malformedSubjectID = Rule("malformedSubjectID")
        /// Text that is not valid UTF-8 — a stray byte, a truncated or overlong sequence, an
        /// encoded surrogate — was given; it is refused, never stored with replacement characters.
        public static let invalidUTF8 = Rule("invalidUTF8")
        /// A line of an import is longer than the longest line accepted (16 MiB for `pdl import`).
        public static let lineTooLong = Rule("lineTooLong")
        /// The request is incomplete or contradicts itself (no categories, an end before a start).
        public static let invalidRequest = Rule("invalidRequest")
        /// Retention needs a period the ``RetentionSettings`` do not set for the region (the
        /// Finnish consumer complaint period has no default).
        public static let retentionSettingMissing = Rule("retentionSettingMissing")
        /// Finding a person by an identifier needs the ledger's ``IdentifierKey``, and none was
        /// given to ``Ledger/init(store:catalog:region:actor:clock:retention:identifierKey:observer:)``.
        public static let identifierKeyRequired = Rule("identifierKeyRequired")
        /// The value to rectify was erased; an erased value cannot be corrected, only recorded anew.
        public static let erasedHolding = Rule("erasedHolding")
        /// No request with this identifier was received.
        public static let unknownRequest = Rule("unknownRequest")
        /// A request with this identifier was already received.
        public static let duplicateRequest = Rule("duplicateRequest")
        /// The request was already closed.
        public static let requestClosed = Rule("requestClosed")
        /// The deadline may not be extended: more than two months in all, or decided after the
        /// first month ran out (GDPR Art. 12(3)).
        public static let extensionRefused = Rule("extensionRefused")
        /// A date given to the ledger is not a point in time it can store, compare and print: NaN,
        /// infinite, or outside ISO 8601's four-digit years (0001–9999).
        public static let dateOutOfRange = Rule("dateOutOfRange")
        /// A holding names no business object although its purpose's retention can only start at
        /// one's lifecycle events: its data would be kept for ever.
        public static let referenceRequired = Rule("referenceRequired")
    }

    /// The rule that was broken.
    public let rule: Rule
    /// What was wrong and what to do.
    public let message: String

    /// Creates a refusal.
    public init(_ rule: Rule, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { "refused (\(rule.name)): \(message)" }
}
