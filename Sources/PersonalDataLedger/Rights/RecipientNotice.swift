#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A recipient that must be told that a person's data was erased (GDPR Art. 19), and what.
///
/// Recipients come from explicit disclosures of an erased category, and from standing access
/// grants on a system that held erased data while the grant was in force (a backup provider
/// holds copies too).
public struct RecipientNotice: Hashable, Sendable, Codable {
    /// How the recipient received the data.
    public enum Channel: String, Hashable, Sendable, Codable {
        /// An explicit disclosure about the person.
        case disclosure
        /// Standing access to a system that held the data.
        case accessGrant
    }

    /// The recipient.
    public var recipient: RecipientID
    /// Who the recipient is.
    public var label: LocalizedText
    /// Processor or third party.
    public var role: RecipientDefinition.Role
    /// The subject identifiers whose erased data the recipient received.
    public var subjects: [SubjectID]
    /// The erased categories it received.
    public var categories: [DataCategory]
    /// How it received them.
    public var channels: [Channel]
    /// The systems it had access to, for grants.
    public var systems: [SystemID]
    /// The business objects of the disclosures (`order:50017`), so the recipient can find them.
    public var references: [BusinessReference]

    /// Creates a notice.
    public init(
        recipient: RecipientID, label: LocalizedText, role: RecipientDefinition.Role,
        subjects: [SubjectID], categories: [DataCategory], channels: [Channel], systems: [SystemID],
        references: [BusinessReference]
    ) {
        self.recipient = recipient
        self.label = label
        self.role = role
        self.subjects = subjects
        self.categories = categories
        self.channels = channels
        self.systems = systems
        self.references = references
    }

    /// One notice per recipient from notices made apart (an erasure resolved more than once),
    /// each list in the order first met, by recipient.
    static func merged(_ notices: [RecipientNotice]) -> [RecipientNotice] {
        var byRecipient: [RecipientID: RecipientNotice] = [:]
        func union<T: Equatable>(_ list: inout [T], _ more: [T]) {
            for value in more where !list.contains(value) { list.append(value) }
        }
        for notice in notices {
            guard var merged = byRecipient[notice.recipient] else {
                byRecipient[notice.recipient] = notice
                continue
            }
            union(&merged.subjects, notice.subjects)
            union(&merged.categories, notice.categories)
            union(&merged.channels, notice.channels)
            union(&merged.systems, notice.systems)
            union(&merged.references, notice.references)
            byRecipient[notice.recipient] = merged
        }
        return byRecipient.values.sorted { $0.recipient.rawValue < $1.recipient.rawValue }
    }
}

extension Ledger {
    /// The recipients of erased holdings: disclosures in `history` of an erased category of the
    /// same subject, and grants on an erased holding's system that overlap the time it was held.
    func recipientsToTell(erasing holdings: [(Fact, Holding)], history: SubjectHistory) async throws
        -> [RecipientNotice]
    {
        var notices: [RecipientID: RecipientNotice] = [:]
        func add(
            _ recipient: RecipientID, _ subject: SubjectID, _ category: DataCategory,
            _ channel: RecipientNotice.Channel,
            system: SystemID?, reference: BusinessReference?
        ) {
            let definition = catalog.recipients[recipient]
            var notice =
                notices[recipient]
                ?? RecipientNotice(
                    recipient: recipient, label: definition?.label ?? LocalizedText(recipient.rawValue),
                    role: definition?.role ?? .thirdParty, subjects: [], categories: [], channels: [],
                    systems: [], references: [])
            func insert<T: Equatable>(_ value: T, into list: inout [T]) {
                if !list.contains(value) { list.append(value) }
            }
            insert(subject, into: &notice.subjects)
            insert(category, into: &notice.categories)
            insert(channel, into: &notice.channels)
            if let system { insert(system, into: &notice.systems) }
            if let reference { insert(reference, into: &notice.references) }
            notices[recipient] = notice
        }

        let erasedCategories = Set(holdings.map { SubjectCategory($0.1.subject, $0.1.category) })
        for fact in history.disclosures {
            guard case .disclosure(let disclosure) = fact.body else { continue }
            for category in disclosure.categories
            where erasedCategories.contains(SubjectCategory(disclosure.subject, category)) {
                add(
                    disclosure.recipient, disclosure.subject, category, .disclosure, system: nil,
                    reference: disclosure.reference)
            }
        }

        let now = clock.now()
        var grantsBySystem: [SystemID: [AccessGrant]] = [:]
        for system in Set(holdings.map(\.1.system)).sorted() {
            grantsBySystem[system] = try await store.facts(for: .system(system)).compactMap {
                guard case .accessGrant(let grant) = $0.body else { return nil }
                return grant
            }
        }
        for (fact, holding) in holdings {
            for grant in grantsBySystem[holding.system] ?? [] where grant.overlaps(from: fact.recordedAt, to: now) {
                add(
                    grant.recipient, holding.subject, holding.category, .accessGrant, system: holding.system,
                    reference: nil)
            }
        }
        return notices.values.sorted { $0.recipient.rawValue < $1.recipient.rawValue }
    }
}

private struct SubjectCategory: Hashable {
    let subject: SubjectID
    let category: DataCategory
    init(_ subject: SubjectID, _ category: DataCategory) {
        self.subject = subject
        self.category = category
    }
}
