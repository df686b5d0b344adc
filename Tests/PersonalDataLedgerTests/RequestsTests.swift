import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

@Suite struct RequestsTests {
    private let kari = KeyedLedger.kari

    @Test(arguments: StoreFactory.all, RequestDeadlineTests.table.filter { $0.1 == 1 })
    func aRequestIsDueOneMonthAfterTheDayItArrived(store: StoreFactory, row: (String, Int, String)) async throws {
        let test = try await KeyedLedger.make(store, start: instant("2100-06-01"))
        let request = try await test.ledger.receiveRequest(
            id: "gdpr-1", from: kari, kind: .access, receivedOn: instant(row.0))
        #expect(request.receivedOn == RequestDeadline.day(of: instant(row.0)))
        #expect(RequestDeadline.day(of: request.dueAt) == instant(row.2))
        #expect(request.originalDueAt == request.dueAt)
        #expect(request.isOpen)
        #expect(request.extensionMonths == 0)
        #expect(try await test.ledger.request("gdpr-1") == request)
    }

    @Test(arguments: StoreFactory.all)
    func anExtensionOfTwoMonthsCountsFromReceipt(store: StoreFactory) async throws {
        let test = try await KeyedLedger.make(store, start: instant("2026-02-10T09:00:00Z"))
        try await test.ledger.receiveRequest(
            id: "gdpr-1", from: kari, kind: .erasure, receivedOn: instant("2026-01-31"))
        let extended = try await test.ledger.extendRequest(
            id: "gdpr-1", byMonths: 2, reason: "Data in four systems must be collected.")
        #expect(RequestDeadline.day(of: extended.dueAt) == instant("2026-04-30"))
        #expect(RequestDeadline.day(of: extended.originalDueAt) == instant("2026-02-28"))
        #expect(extended.extensionMonths == 2)
        #expect(extended.events.map(\.action) == [.received, .extended])
        #expect(extended.events.last?.note == "Data in four systems must be collected.")

        let more = try await #require(throws: LedgerError.self) {
            try await test.ledger.extendRequest(id: "gdpr-1", byMonths: 1, reason: "Still more.")
        }
        #expect(more.rule == .extensionRefused)
    }

    @Test func twoExtensionsOfOneMonthAddUpAndAThirdIsRefused() async throws {
        let test = try await KeyedLedger.make()
        try await test.ledger.receiveRequest(id: "gdpr-1", from: kari, kind: .access, receivedOn: instant("2026-03-02"))
        #expect(
            RequestDeadline.day(
                of: try await test.ledger.extendRequest(id: "gdpr-1", byMonths: 1, reason: "Many requests.").dueAt)
                == instant("2026-05-02"))
        #expect(
            RequestDeadline.day(
                of: try await test.ledger.extendRequest(id: "gdpr-1", byMonths: 1, reason: "Complex.").dueAt)
                == instant("2026-06-02"))
        let third = try await #require(throws: LedgerError.self) {
            try await test.ledger.extendRequest(id: "gdpr-1", byMonths: 1, reason: "Even more.")
        }
        #expect(third.rule == .extensionRefused)
        #expect(third.message.contains("two further months"))
    }

    @Test(arguments: [
        ("2026-02-28T23:59:59Z", true),  // the last second of the first month
        ("2026-03-01T00:00:00Z", false),  // the first month has run out
        ("2026-04-15T00:00:00Z", false),
    ])
    func anExtensionMustBeDecidedWithinTheFirstMonth(decidedAt: String, allowed: Bool) async throws {
        let test = try await KeyedLedger.make(start: instant("2026-02-01"))
        try await test.ledger.receiveRequest(id: "gdpr-1", from: kari, kind: .access, receivedOn: instant("2026-01-31"))
        test.clock.set(instant(decidedAt))
        if allowed {
            let request = try await test.ledger.extendRequest(id: "gdpr-1", byMonths: 1, reason: "Complex.")
            #expect(RequestDeadline.day(of: request.dueAt) == instant("2026-03-31"))
        } else {
            let error = try await #require(throws: LedgerError.self) {
                try await test.ledger.extendRequest(id: "gdpr-1", byMonths: 1, reason: "Complex.")
            }
            #expect(error.rule == .extensionRefused)
            #expect(error.message.contains("2026-02-28"))
        }
    }

    @Test(arguments: [0, 3, -1])
    func anExtensionIsOneOrTwoMonths(months: Int) async throws {
        let test = try await KeyedLedger.make()
        try await test.ledger.receiveRequest(id: "gdpr-1", from: kari, kind: .access, receivedOn: TestLedger.start)
        let error = try await #require(throws: LedgerError.self) {
            try await test.ledger.extendRequest(id: "gdpr-1", byMonths: months, reason: "Complex.")
        }
        #expect(error.rule == .invalidRequest)
    }

    @Test(arguments: StoreFactory.all)
    func openRequestsAreListedByDueDateWithOverdueFlagged(store: StoreFactory) async throws {
        let test = try await KeyedLedger.make(store, start: instant("2026-03-20T09:00:00Z"))
        let ledger = test.ledger
        try await ledger.receiveRequest(id: "late", from: kari, kind: .access, receivedOn: instant("2026-02-10"))
        try await ledger.receiveRequest(
            id: "soon", from: KeyedLedger.ola, kind: .erasure, receivedOn: instant("2026-03-01"))
        try await ledger.receiveRequest(
            id: "first", from: kari, kind: .rectification, receivedOn: instant("2026-02-01"))
        try await ledger.receiveRequest(id: "done", from: kari, kind: .objection, receivedOn: instant("2026-02-05"))
        try await ledger.receiveRequest(id: "fresh", from: kari, kind: .portability, receivedOn: instant("2026-03-19"))
        try await ledger.closeRequest(id: "done", outcome: "Objection recorded.")

        // On 10 March "late" is on its due day: not overdue until the day ends.
        let open = try await ledger.openRequests(asOf: instant("2026-03-10T12:00:00Z"))
        #expect(open.map(\.id) == ["first", "late", "soon"], "by due date; closed and not yet received left out")
        #expect(open.map(\.isOverdue) == [true, false, false])
        #expect(open.map(\.daysRemaining) == [-9, 0, 22])
        #expect(try await ledger.openRequests(asOf: instant("2026-03-11")).map(\.isOverdue) == [true, true, false])
        let now = try await ledger.openRequests()
        #expect(now.map(\.id) == ["first", "late", "soon", "fresh"])
        #expect(now.map(\.isOverdue) == [true, true, false, false])
        let all = try await ledger.requests()
        #expect(all.map(\.id) == ["first", "done", "late", "soon", "fresh"])
        #expect(all.first { $0.id == "done" }?.isOverdue == false)
    }

    @Test(arguments: StoreFactory.all)
    func closingLinksWhatWasDone(store: StoreFactory) async throws {
        let test = try await KeyedLedger.make(store)
        try await test.recordOrder()
        try await test.ledger.receiveRequest(id: "gdpr-1", from: kari, kind: .access, receivedOn: TestLedger.start)
        _ = try await test.ledger.issueReport(for: kari, requestedBy: "dpo")
        let issued = try #require(try await test.allFacts().last)
        test.clock.advance(by: 86_400)
        let closed = try await test.ledger.closeRequest(
            id: "gdpr-1", outcome: "Access report sent by email.", facts: [issued.sequence])
        #expect(!closed.isOpen)
        #expect(!closed.wasClosedLate)
        #expect(closed.relatedFacts == [issued.sequence])
        #expect(closed.outcome == "Access report sent by email.")
        #expect(closed.closedAt == test.clock.now)
        #expect(closed.events.map(\.action) == [.received, .closed])
        #expect(closed.daysRemaining == nil)
        #expect(try await test.ledger.openRequests().isEmpty)

        let again = try await #require(throws: LedgerError.self) {
            try await test.ledger.closeRequest(id: "gdpr-1", outcome: "Again.")
        }
        #expect(again.rule == .requestClosed)
        let extend = try await #require(throws: LedgerError.self) {
            try await test.ledger.extendRequest(id: "gdpr-1", byMonths: 1, reason: "Too late.")
        }
        #expect(extend.rule == .requestClosed)
    }

    @Test func aRequestClosedAfterItsDeadlineSaysSo() async throws {
        let test = try await KeyedLedger.make(start: instant("2026-04-02T09:00:00Z"))
        try await test.ledger.receiveRequest(id: "gdpr-1", from: kari, kind: .access, receivedOn: instant("2026-03-01"))
        let closed = try await test.ledger.closeRequest(id: "gdpr-1", outcome: "Answered late.")
        #expect(closed.wasClosedLate)
    }

    @Test func closingRefusesFactsThatDoNotAnswerTheRequest() async throws {
        let test = try await KeyedLedger.make()
        try await test.recordOrder()
        let olas = try await test.recordOrder(for: KeyedLedger.ola, email: "ola@example.no", reference: "order:2")
        try await test.ledger.receiveRequest(id: "gdpr-1", from: kari, kind: .access, receivedOn: TestLedger.start)
        for facts in [[olas[0].sequence], [9_999], [0]] {
            let error = try await #require(throws: LedgerError.self) {
                try await test.ledger.closeRequest(id: "gdpr-1", outcome: "Done.", facts: facts)
            }
            #expect(error.rule == .invalidRequest)
        }
        #expect(try await test.ledger.request("gdpr-1").isOpen)
    }

    @Test func unknownDuplicateAndMalformedRequestsAreRefused() async throws {
        let test = try await KeyedLedger.make()
        try await test.ledger.receiveRequest(id: "gdpr-1", from: kari, kind: .access, receivedOn: TestLedger.start)
        let duplicate = try await #require(throws: LedgerError.self) {
            try await test.ledger.receiveRequest(
                id: "gdpr-1", from: KeyedLedger.ola, kind: .erasure, receivedOn: TestLedger.start)
        }
        #expect(duplicate.rule == .duplicateRequest)
        for attempt in [
            { try await test.ledger.closeRequest(id: "gdpr-9", outcome: "Done.") },
            { try await test.ledger.extendRequest(id: "gdpr-9", byMonths: 1, reason: "Complex.") },
            { try await test.ledger.request("gdpr-9") },
        ] as [@Sendable () async throws -> DataSubjectRequest] {
            let error = try await #require(throws: LedgerError.self) { try await attempt() }
            #expect(error.rule == .unknownRequest)
        }
        for id in ["", "two words", String(repeating: "x", count: 101), "tab\tid"] {
            let error = try await #require(throws: LedgerError.self) {
                try await test.ledger.receiveRequest(id: id, from: kari, kind: .access, receivedOn: TestLedger.start)
            }
            #expect(error.rule == .invalidRequest)
        }
        let future = try await #require(throws: LedgerError.self) {
            try await test.ledger.receiveRequest(
                id: "gdpr-2", from: kari, kind: .access, receivedOn: TestLedger.start.addingTimeInterval(86_400))
        }
        #expect(future.rule == .invalidRequest)
        let badSubject = try await #require(throws: LedgerError.self) {
            try await test.ledger.receiveRequest(
                id: "gdpr-3", from: "two words", kind: .access, receivedOn: TestLedger.start)
        }
        #expect(badSubject.rule == .malformedSubjectID)
        for note in ["", "   ", "line one\nline two"] {
            let error = try await #require(throws: LedgerError.self) {
                try await test.ledger.closeRequest(id: "gdpr-1", outcome: note)
            }
            #expect(error.rule == .invalidRequest)
        }
    }

    @Test func concurrentReceiptsOfOneIdRecordItOnce() async throws {
        let test = try await KeyedLedger.make()
        let ledger = test.ledger
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<8 {
                group.addTask {
                    (try? await ledger.receiveRequest(
                        id: "gdpr-1", from: SubjectID("customer:\(index)"), kind: .access, receivedOn: TestLedger.start))
                        != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try await ledger.requests().count == 1)
    }

    @Test func theAccessReportListsTheOpenRequestWithItsDeadline() async throws {
        let test = try await KeyedLedger.make()
        try await test.recordOrder()
        let request = try await test.ledger.receiveRequest(
            id: "gdpr-1", from: kari, kind: .access, receivedOn: instant("2026-03-01"))
        try await test.ledger.extendRequest(id: "gdpr-1", byMonths: 1, reason: "Complex.")
        let report = try await test.ledger.issueReport(for: kari, requestedBy: "dpo")
        #expect(report.openRequests.map(\.requestID) == ["gdpr-1"])
        #expect(report.openRequests.first?.dueAt == RequestDeadline.dueAt(receivedOn: request.receivedOn, months: 2))
    }

    @Test func aRequestCanBeClosedAfterThePersonsIdentifierWasErased() async throws {
        let test = try await KeyedLedger.make()
        let facts = try await test.recordOrder()
        try await test.ledger.receiveRequest(id: "gdpr-1", from: kari, kind: .erasure, receivedOn: TestLedger.start)
        let erasure = try await test.eraseValues(Set(facts.map(\.sequence)), of: kari, identifier: true)
        let open = try await test.ledger.request("gdpr-1")
        #expect(open.subject == .erased)
        let closed = try await test.ledger.closeRequest(
            id: "gdpr-1", outcome: "Everything erased; nothing kept.", facts: [erasure.sequence])
        #expect(!closed.isOpen)
        #expect(closed.subject == .erased)
        #expect(try await test.store.facts(about: .erased).isEmpty, "no index entry for the erased mark")
    }

    @Test func aReceiptWithoutItsDayCountsFromTheEarliestDayThatGivesItsDeadline() async throws {
        let test = try await KeyedLedger.make(start: instant("2026-02-10"))
        let due = RequestDeadline.dueAt(receivedOn: instant("2026-01-31"), months: 1)
        _ = try await test.store.append([
            NewFact(
                recordedAt: test.clock.now, actor: "older-writer",
                body: .request(
                    RequestEvent(requestID: "old-1", subject: kari, kind: .access, action: .received, dueAt: due)))
        ])
        let request = try await test.ledger.request("old-1")
        #expect(request.receivedOn == instant("2026-01-28"))
        #expect(request.dueAt == due)
        let extended = try await test.ledger.extendRequest(id: "old-1", byMonths: 2, reason: "Complex.")
        #expect(RequestDeadline.day(of: extended.dueAt) == instant("2026-04-28"), "never later than the law allows")
        #expect(extended.extensionMonths == 2)
    }
}
