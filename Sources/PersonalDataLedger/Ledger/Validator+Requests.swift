#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The rules of data-subject requests: their ids and notes, the day of receipt, extensions of the
/// deadline (GDPR Art. 12(3)) and the facts that close them.
extension Validator {
    /// A request id is 1 to 100 bytes without white space or control characters.
    package func requestID(_ id: String) throws(LedgerError) {
        guard !id.isEmpty, id.utf8.count <= 100,
            id.unicodeScalars.allSatisfy({ !$0.properties.isWhitespace && $0.properties.generalCategory != .control })
        else {
            throw LedgerError(
                .invalidRequest,
                "A request id is 1 to 100 bytes without white space, such as 'gdpr-2026-0042'. Never put personal data in it."
            )
        }
    }

    /// A note says something, in one line of at most 1000 bytes.
    func note(_ note: String, what: String) throws(LedgerError) {
        guard !note.allSatisfy(\.isWhitespace) else {
            throw LedgerError(.invalidRequest, "Say \(what); it is kept with the request.")
        }
        guard note.utf8.count <= 1000,
            !note.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw LedgerError(
                .invalidRequest, "Say \(what) in one line of at most 1000 bytes, without personal data.")
        }
    }

    /// A request is received on a day that is not after today.
    func receipt(on day: Date, now: Date) throws(LedgerError) {
        guard day <= now else {
            throw LedgerError(
                .invalidRequest, "A request cannot be received on a day after today; give the day it arrived.")
        }
    }

    /// A request id is used once.
    func newRequest(_ id: String, events: [Fact]?) throws(LedgerError) {
        guard events == nil else {
            throw LedgerError(
                .duplicateRequest,
                "A request with this id was already received; give each request its own id, or extend or close the existing one."
            )
        }
    }

    /// A deadline is extended by one or two further months.
    func extensionLength(_ months: Int) throws(LedgerError) {
        guard (1...2).contains(months) else {
            throw LedgerError(
                .invalidRequest, "A deadline is extended by 1 or 2 further months (GDPR Art. 12(3)), not \(months).")
        }
    }

    /// No request has the id asked for.
    static let unknownRequest = LedgerError(
        .unknownRequest, "No request with this id was received. List the requests with openRequests(asOf:).")

    /// A request still open can be acted on.
    func open(_ request: DataSubjectRequest) throws(LedgerError) {
        guard request.isOpen else {
            throw LedgerError(
                .requestClosed,
                "The request was closed on \(Self.day(request.closedAt!)); nothing more can be done to it.")
        }
    }

    /// A deadline is extended by one or two further months in all, decided within the first month.
    func deadlineExtension(of request: DataSubjectRequest, byMonths months: Int, now: Date) throws(LedgerError) {
        try extensionLength(months)
        guard request.extensionMonths + months <= 2 else {
            throw LedgerError(
                .extensionRefused,
                "The deadline was already extended by \(request.extensionMonths) month(s); GDPR Art. 12(3) allows two further months in all."
            )
        }
        guard now <= request.originalDueAt else {
            throw LedgerError(
                .extensionRefused,
                "The first month ran out on \(Self.day(request.originalDueAt)): an extension must be decided, and the person told, within it (GDPR Art. 12(3)). Answer the request now."
            )
        }
    }

    /// A fact that answers a request exists and is about the person who made it.
    func answer(_ fact: Fact?, sequence: UInt64, about allowed: Set<SubjectID>) throws(LedgerError) {
        guard sequence > 0, let fact, fact.sequence == sequence else {
            throw LedgerError(
                .invalidRequest, "Fact \(sequence) does not exist; link the facts that answer the request.")
        }
        guard !allowed.isDisjoint(with: fact.body.subjects) else {
            throw LedgerError(
                .invalidRequest,
                "Fact \(sequence) is not about the person who made the request; link only facts that answer it.")
        }
    }

    static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle().year().month().day())
    }
}
