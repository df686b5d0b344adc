public import PersonalDataLedger

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Who must be emailed about a major change of the privacy policy, and from when it takes effect.
///
/// This is the data protection officer's mailing list, and the one place the ledger hands out
/// personal values on purpose: ``Recipient/email`` is the address in clear. Do not log it.
public struct PolicyNotificationList: Hashable, Sendable, Codable {
    /// One address to write to.
    public struct Recipient: Hashable, Sendable, Codable {
        /// The address, in clear; `nil` when the service recorded that it holds an email address
        /// but not the address itself — look it up in ``systems``.
        public var email: String?
        /// The subject identifiers that hold this address (one person may have several).
        public var subjects: [SubjectID]
        /// The purposes the address is held for.
        public var purposes: [Purpose]
        /// The systems it is held in.
        public var systems: [SystemID]

        /// Creates a recipient.
        public init(email: String?, subjects: [SubjectID], purposes: [Purpose], systems: [SystemID]) {
            self.email = email
            self.subjects = subjects
            self.purposes = purposes
            self.systems = systems
        }
    }

    /// A person who holds an email address but is not on the list, and why.
    public struct Withheld: Hashable, Sendable, Codable {
        /// Why the person is not written to.
        public enum Reason: String, Hashable, Sendable, Codable {
            /// Processing of the address is restricted (Art. 18): it may be stored, not used. Decide
            /// by hand whether the notice is needed.
            case restricted
        }

        /// Whose address.
        public var subject: SubjectID
        /// Why.
        public var reason: Reason

        /// Creates a withheld entry.
        public init(subject: SubjectID, reason: Reason) {
            self.subject = subject
            self.reason = reason
        }
    }

    /// The policy version announced.
    public var version: String
    /// When it takes effect: the date the email must give.
    public var effectiveFrom: Date
    /// When the list was produced.
    public var generatedAt: Date
    /// Everyone to write to, one entry per address, sorted by address.
    public var recipients: [Recipient]
    /// People with an address who are not written to.
    public var withheld: [Withheld]

    /// Creates a list.
    public init(
        version: String, effectiveFrom: Date, generatedAt: Date, recipients: [Recipient],
        withheld: [Withheld]
    ) {
        self.version = version
        self.effectiveFrom = effectiveFrom
        self.generatedAt = generatedAt
        self.recipients = recipients
        self.withheld = withheld
    }

    /// The list as CSV (RFC 4180, CRLF line ends) in `dialect`:
    /// `email,subjects,purposes,systems,effective_from`, several subjects, purposes or systems in
    /// one field separated by `;` (such a field is quoted when `;` is also the delimiter).
    public func csv(dialect: CSVDialect = .standard) -> String {
        let effective = effectiveFrom.formatted(.iso8601)
        var text = dialect.preamble + dialect.record(["email", "subjects", "purposes", "systems", "effective_from"])
        for recipient in recipients {
            text += dialect.record([
                recipient.email ?? "", recipient.subjects.map(\.rawValue).joined(separator: ";"),
                recipient.purposes.map(\.rawValue).joined(separator: ";"),
                recipient.systems.map(\.rawValue).joined(separator: ";"), effective,
            ])
        }
        return text
    }
}

extension Ledger {
    /// The people who must be emailed about a major policy change (the privacy policy promises
    /// it), with the date the version takes effect.
    ///
    /// Everyone with an email address held under a purpose whose retention has not run out — the
    /// contact register included while its consent stands — whose value is not erased; the
    /// latest corrected address is used. Objectors to direct marketing are still written to: a
    /// notice of a policy change is information the controller owes (Art. 12–14), not marketing.
    /// People whose processing is restricted (Art. 18) are listed in ``PolicyNotificationList/withheld``
    /// instead. Addresses shared by several subject identifiers appear once.
    ///
    /// Reads the whole ledger twice, in pages, keeping no holding but the list's. The list holds email addresses in clear: it is the DPO's
    /// mailing list, the one output that prints personal values on purpose.
    ///
    /// - Parameters:
    ///   - version: a published major version; a minor version is refused (it is not announced by
    ///     email).
    ///   - progress: called after each page of the scan with the facts read so far and the total.
    public func notificationList(
        for version: String, progress: (@Sendable (_ read: UInt64, _ total: UInt64) -> Void)? = nil
    ) async throws -> PolicyNotificationList {
        let policy = try validator.notification(
            of: version, published: try await policyVersions().first(where: { $0.version == version }))
        let now = clock.now()
        let scan = try await RetentionScan.read(self, progress: progress)
        let calculator = retentionCalculator
        var byAddress: [String: PolicyNotificationList.Recipient] = [:]
        var withheld: [SubjectID: PolicyNotificationList.Withheld] = [:]
        _ = try await scan.forEachLiveHolding(self) { fact, holding in
            guard holding.category == .email else { return }
            let value = scan.currentValue(of: fact, holding)
            guard value?.isErased != true else { return }
            let end = calculator.retention(of: fact, holding, context: scan.context, asOf: now).end
            guard !end.isDue(at: now) else { return }
            if scan.isRestricted(holding.subject, holding.purpose) {
                withheld[holding.subject] = .init(subject: holding.subject, reason: .restricted)
                return
            }
            let address = value?.revealed
            let key = address.map { "a:" + $0.lowercased() } ?? "s:" + holding.subject.rawValue
            var entry =
                byAddress[key]
                ?? PolicyNotificationList.Recipient(email: address, subjects: [], purposes: [], systems: [])
            if !entry.subjects.contains(holding.subject) { entry.subjects.append(holding.subject) }
            if !entry.purposes.contains(holding.purpose) { entry.purposes.append(holding.purpose) }
            if !entry.systems.contains(holding.system) { entry.systems.append(holding.system) }
            byAddress[key] = entry
        }
        let listed = Set(byAddress.values.flatMap(\.subjects))
        return PolicyNotificationList(
            version: policy.version, effectiveFrom: policy.effectiveFrom, generatedAt: now,
            recipients: byAddress.sorted { $0.key < $1.key }.map(\.value),
            withheld: withheld.values.filter { !listed.contains($0.subject) }.sorted { $0.subject < $1.subject })
    }
}
