#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension Ledger {
    /// Records a data-subject request received on `receivedOn`, due one month later (GDPR
    /// Art. 12(3)); see ``RequestDeadline`` for how the day is counted.
    ///
    /// ```swift
    /// let request = try await ledger.receiveRequest(
    ///     id: "gdpr-2026-0042", from: "customer:10001", kind: .access, receivedOn: arrival)
    /// print(request.dueAt)  // the last millisecond of the due day, UTC
    /// ```
    ///
    /// - Parameters:
    ///   - id: an identifier unique in the ledger, such as the mailbox's message number: 1 to 100
    ///     bytes, no white space. It is printed in reports and lists: never put personal data in it.
    ///   - subject: who asked, once found (``find(_:as:region:)``).
    ///   - kind: the right invoked.
    ///   - receivedOn: when the request arrived; its UTC day counts. Not after today.
    ///   - actor: who records it.
    /// - Returns: the request, open, with its deadline.
    /// - Throws: ``LedgerError`` — ``LedgerError/Rule/duplicateRequest`` for an id already used,
    ///   ``LedgerError/Rule/invalidRequest`` for a malformed id or a day in the future.
    @discardableResult
    public func receiveRequest(
        id: String, from subject: SubjectID, kind: RequestEvent.Kind, receivedOn: Date, actor: ActorID? = nil
    ) async throws -> DataSubjectRequest {
        try await observingWrite(.request, subjects: 1) {
            try validator.requestID(id)
            try validator.subject(subject)
            try validator.pointInTime(receivedOn, argument: "receivedOn")
            let now = clock.now()
            let day = RequestDeadline.day(of: receivedOn)
            try validator.receipt(on: day, now: now)
            return try await locks.withLock([.request(id)]) {
                try self.validator.newRequest(id, events: try await self.requestHistories()[id])
                let due = RequestDeadline.dueAt(receivedOn: day, months: 1)
                _ = try await self.write(
                    about: [subject], by: actor,
                    [
                        .request(
                            RequestEvent(
                                requestID: id, subject: subject, kind: kind, action: .received, dueAt: due,
                                receivedOn: day)
                        )
                    ])
                return try await self.request(id, asOf: now)
            }
        }
    }

    /// Extends a request's deadline by one or two further months, with a reason (GDPR
    /// Art. 12(3)).
    ///
    /// The extension is decided — and the person must be told, with the reason — within the
    /// first month: it is refused once the original deadline has passed (by the ledger clock),
    /// and when the extensions would add up to more than two months. The further months count
    /// from the day of receipt: received 31 January, extended by two months → due 30 April.
    ///
    /// - Parameters:
    ///   - id: the request.
    ///   - months: 1 or 2.
    ///   - reason: why: the complexity and number of requests. No personal data.
    ///   - actor: who decides.
    /// - Throws: ``LedgerError`` — ``LedgerError/Rule/extensionRefused``,
    ///   ``LedgerError/Rule/unknownRequest``, ``LedgerError/Rule/requestClosed``,
    ///   ``LedgerError/Rule/invalidRequest`` (months outside 1...2, no reason).
    @discardableResult
    public func extendRequest(
        id: String, byMonths months: Int, reason: String, actor: ActorID? = nil
    ) async throws -> DataSubjectRequest {
        try await observingWrite(.request, subjects: 1) {
            try validator.extensionLength(months)
            try validator.note(reason, what: "the reason for the extension")
            return try await locks.withLock([.request(id)]) {
                let now = self.clock.now()
                let request = try await self.openRequest(id, asOf: now)
                try self.validator.deadlineExtension(of: request, byMonths: months, now: now)
                let due = RequestDeadline.dueAt(
                    receivedOn: request.receivedOn, months: 1 + request.extensionMonths + months)
                try await self.appendRequestEvent(
                    RequestEvent(
                        requestID: id, subject: request.subject, kind: request.kind, action: .extended, dueAt: due,
                        note: reason), by: actor)
                return try await self.request(id, asOf: now)
            }
        }
    }

    /// Closes a request, recording what was done and linking the facts that did it.
    ///
    /// - Parameters:
    ///   - id: the request.
    ///   - note: what was done, such as `access report sent by email`. No personal data.
    ///   - facts: the sequence numbers of the facts that answer it — the report issued, the
    ///     erasure, the rectification. Each must exist and be about the person (or any erased
    ///     identifier, after an erasure).
    ///   - actor: who closes it.
    /// - Returns: the closed request; ``DataSubjectRequest/wasClosedLate`` says whether the
    ///   deadline was met.
    /// - Throws: ``LedgerError`` — ``LedgerError/Rule/unknownRequest``,
    ///   ``LedgerError/Rule/requestClosed``, ``LedgerError/Rule/invalidRequest`` (no note, a fact
    ///   that does not exist or is about someone else).
    @discardableResult
    public func closeRequest(
        id: String, outcome note: String, facts: [UInt64] = [], actor: ActorID? = nil
    ) async throws -> DataSubjectRequest {
        try await observingWrite(.request, subjects: 1) {
            try validator.note(note, what: "what was done")
            return try await locks.withLock([.request(id)]) {
                let now = self.clock.now()
                let request = try await self.openRequest(id, asOf: now)
                var allowed: Set<SubjectID> = [.erased]
                if request.subject != .erased {
                    allowed.formUnion(try await self.factsFollowingLinks(from: request.subject).0)
                }
                for sequence in Set(facts).sorted() {
                    let fact = sequence > 0 ? try await self.store.facts(from: sequence, limit: 1).first : nil
                    try self.validator.answer(fact, sequence: sequence, about: allowed)
                }
                try await self.appendRequestEvent(
                    RequestEvent(
                        requestID: id, subject: request.subject, kind: request.kind, action: .closed,
                        dueAt: request.dueAt, note: note, relatedFacts: Array(Set(facts)).sorted()), by: actor)
                return try await self.request(id, asOf: now)
            }
        }
    }

    /// The requests open now, by due date (earliest first), each flagged overdue when its
    /// deadline has passed at `asOf`.
    ///
    /// - Parameter asOf: the instant deadlines are judged against; the ledger clock's now when
    ///   `nil`. The list reflects every event recorded so far, leaving out requests that arrived
    ///   after the day of `asOf`.
    public func openRequests(asOf: Date? = nil) async throws -> [DataSubjectRequest] {
        try await requests(asOf: asOf).filter(\.isOpen)
    }

    /// Every request, open and closed, by due date (earliest first), judged at `asOf` as in
    /// ``openRequests(asOf:)``.
    public func requests(asOf: Date? = nil) async throws -> [DataSubjectRequest] {
        try validator.pointInTime(asOf, argument: "asOf", isQuery: true)
        let at = asOf ?? clock.now()
        return try await requestHistories().values.compactMap { Self.request(from: $0, asOf: at) }
            .filter { $0.receivedOn <= at }
            .sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }
    }

    /// One request with its history.
    ///
    /// - Throws: ``LedgerError/Rule/unknownRequest`` when no request has the id.
    public func request(_ id: String, asOf: Date? = nil) async throws -> DataSubjectRequest {
        try validator.pointInTime(asOf, argument: "asOf", isQuery: true)
        guard let events = try await requestHistories()[id],
            let request = Self.request(from: events, asOf: asOf ?? clock.now())
        else {
            throw Validator.unknownRequest
        }
        return request
    }

    private func openRequest(_ id: String, asOf: Date) async throws -> DataSubjectRequest {
        let request = try await request(id, asOf: asOf)
        try validator.open(request)
        return request
    }

    private func appendRequestEvent(_ event: RequestEvent, by actor: ActorID?) async throws {
        // After an erasure of the identifier the event names no one, and there is no subject to lock.
        let subjects = event.subject == .erased ? [] : [event.subject]
        _ = try await write(about: subjects, by: actor, [.request(event)])
    }

    /// Every request event, grouped by request id, in sequence order.
    private func requestHistories() async throws -> [String: [Fact]] {
        var histories: [String: [Fact]] = [:]
        for fact in try await store.facts(for: .kind(.request)) {
            guard case .request(let event) = fact.body else { continue }
            histories[event.requestID, default: []].append(fact)
        }
        return histories
    }

    /// The request the events describe, or `nil` when they do not start with its receipt.
    static func request(from facts: [Fact], asOf: Date) -> DataSubjectRequest? {
        guard let first = facts.first, case .request(let received) = first.body, received.action == .received else {
            return nil
        }
        // A store that does not keep `receivedOn` leaves the due date: the earliest day of receipt
        // that gives it is one month before, which never yields a later extended deadline.
        let receivedOn =
            received.receivedOn.map(RequestDeadline.day(of:))
            ?? received.dueAt.map { RequestDeadline.adding(months: -1, to: $0) }
            ?? RequestDeadline.day(of: first.recordedAt)
        let originalDue = received.dueAt ?? RequestDeadline.dueAt(receivedOn: receivedOn, months: 1)
        var request = DataSubjectRequest(
            id: received.requestID, subject: received.subject, kind: received.kind, receivedOn: receivedOn,
            originalDueAt: originalDue, dueAt: originalDue, extensionMonths: 0, closedAt: nil, outcome: nil,
            relatedFacts: [], events: [], isOverdue: false, daysRemaining: nil)
        for fact in facts {
            guard case .request(let event) = fact.body else { continue }
            request.events.append(
                .init(
                    sequence: fact.sequence, recordedAt: fact.recordedAt, actor: fact.actor, action: event.action,
                    dueAt: event.dueAt, note: event.note, relatedFacts: event.relatedFacts ?? []))
            if event.subject == .erased { request.subject = .erased }
            switch event.action {
            case .received:
                break
            case .extended:
                if let due = event.dueAt, request.closedAt == nil {
                    request.dueAt = due
                    request.extensionMonths =
                        (1...2).first { RequestDeadline.dueAt(receivedOn: receivedOn, months: 1 + $0) == due }
                        ?? request.extensionMonths + 1
                }
            case .closed:
                if request.closedAt == nil {
                    request.closedAt = fact.recordedAt
                    request.outcome = event.note
                    request.relatedFacts = event.relatedFacts ?? []
                }
            }
        }
        if request.isOpen {
            request.isOverdue = asOf > request.dueAt
            request.daysRemaining = RequestDeadline.daysRemaining(until: request.dueAt, asOf: asOf)
        }
        return request
    }
}
