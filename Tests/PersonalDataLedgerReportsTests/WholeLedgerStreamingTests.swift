import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// The whole-ledger reports read the ledger in two passes and keep no fact (``ErasedSequences``,
/// ``RetentionScan``); their answers must be those of every subject's history folded at once
/// (``SubjectHistories``), which they replaced. Each test computes both on one varied story:
/// orders delivered and not, an erasure waiting for a delivery, erasures of some values and of
/// everything, a rectification, a restriction, a withdrawn consent and a linked identifier.
@Suite struct WholeLedgerStreamingTests {
    static let day = ReportFixtures.day
    static let subjects = (0..<10).map { SubjectID("customer:2000\($0)") }

    static func story() async throws -> TestLedger {
        let test = try await TestLedger.make()
        let ledger = test.ledger
        try await ledger.grantAccess(
            to: "backup-provider", on: "webshop.orders", for: .backup, from: TestLedger.start.addingTimeInterval(-day))
        for (number, subject) in subjects.enumerated() {
            test.clock.advance(by: day)
            try await ledger.record(
                [
                    .name("Kari Nordmann"), .email("kunde\(number)@example.no"), .phone("+47 912 34 56\(number)"),
                    .deliveryAddress("Storgata \(number + 1), 0155 Oslo"),
                ], about: subject, in: "webshop.orders", for: .customerAccountAndOrders,
                reference: BusinessReference("order:\(number)"))
            if number.isMultiple(of: 3) {
                try await ledger.record(
                    [.name("Kari Nordmann"), .billingAddress("Storgata 1, 0155 Oslo")], about: subject,
                    in: "accounting",
                    for: .legalObligations, reference: BusinessReference("invoice:\(number)"))
            }
            if number.isMultiple(of: 2) {
                try await ledger.consent(
                    .given, by: subject, for: .contactRegister, policy: "2018-05-25", channel: "checkout-checkbox")
                try await ledger.record(
                    [.email("kunde\(number)@example.no")], about: subject, in: "marketing.contacts",
                    for: .contactRegister)
                try await ledger.disclose(
                    [.name, .deliveryAddress], of: subject, to: "carrier", for: .shipping,
                    reference: BusinessReference("order:\(number)"))
            }
        }
        for number in [0, 1, 2, 4, 5, 7, 8] {
            test.clock.advance(by: 3600)
            try await ledger.recordLifecycleEvent(.orderDelivered, reference: BusinessReference("order:\(number)"))
        }
        test.clock.advance(by: day)
        try await ledger.link(subjects[1], to: subjects[2])
        let email = try await test.store.facts(about: subjects[3]).first { fact in
            if case .holding(let holding) = fact.body { return holding.category == .email }
            return false
        }
        try await ledger.rectify(holding: try #require(email).sequence, of: subjects[3], to: "ny3@example.no")
        try await ledger.restrict(subjects[4])
        try await ledger.consent(
            .withdrawn, by: subjects[2], for: .contactRegister, policy: "2018-05-25", channel: "unsubscribe-link")
        test.clock.advance(by: day)
        // Everything of an undelivered order: kept until delivery, then the sweep's to erase.
        try await ledger.erase(subjects[6])
        try await ledger.erase(subjects[7])
        let ninth = try await test.store.facts(about: subjects[9]).prefix(2).map(\.sequence)
        try await ReportFixtures.erase(Array(ninth), of: subjects[9], in: test)
        test.clock.advance(by: 10 * day)
        try await ledger.recordLifecycleEvent(.orderDelivered, reference: "order:6")
        return test
    }

    /// Every subject's history folded from every fact, as the reports did before.
    static func histories(_ test: TestLedger) async throws -> SubjectHistories {
        var histories = SubjectHistories()
        for fact in try await test.allFacts() { histories.apply(fact) }
        return histories
    }

    @Test func recordOfProcessingCountsLiveHoldingsAsTheHistoriesDo() async throws {
        let test = try await Self.story()
        let record = try await test.ledger.recordOfProcessing()
        let held = try await Self.histories(test).allHoldings
        for activity in record.activities {
            let mine = held.filter { $0.holding.purpose == activity.purpose }
            #expect(activity.observed.holdings == mine.count, "\(activity.purpose)")
            #expect(activity.observed.liveHoldings == mine.count { !$0.isErased }, "\(activity.purpose)")
            for category in activity.observed.categories {
                let ofCategory = mine.filter { $0.holding.category == category.category }
                #expect(category.liveHoldings == ofCategory.count { !$0.isErased }, "\(activity.purpose) \(category)")
                #expect(
                    category.subjects == Set(ofCategory.map(\.holding.subject).filter { $0 != .erased }).count,
                    "\(activity.purpose) \(category)")
            }
        }
        for system in record.systems {
            #expect(system.liveHoldings == held.count { $0.holding.system == system.system && !$0.isErased })
        }
        #expect(held.contains { $0.isErased }, "the story erases values")
    }

    static let windows: [(days: Double, length: Double)] = [(0, 1), (0, 400), (5, 3), (11, 30), (12, 1)]

    @Test(arguments: windows.indices)
    func breachImpactExposesWhatTheHistoriesHeld(_ index: Int) async throws {
        let (offset, length) = Self.windows[index]
        let test = try await Self.story()
        let from = TestLedger.start.addingTimeInterval(offset * Self.day)
        let to = from.addingTimeInterval(length * Self.day)
        let systems: [SystemID] = ["webshop.orders", "marketing.contacts"]
        let impact = try await test.ledger.breachImpact(systems: systems, from: from, to: to)
        let histories = try await Self.histories(test)
        let exposed = histories.allHoldings.filter { held in
            systems.contains(held.holding.system) && held.fact.recordedAt <= to
                && (held.erasedAt.map { $0 >= from } ?? true)
        }
        let named = Set(exposed.map(\.holding.subject).filter { $0 != .erased })
        let disclosures = named.flatMap { histories[$0].disclosures }.filter {
            $0.recordedAt >= from && $0.recordedAt <= to
        }
        #expect(
            Expected(
                subjects: impact.subjects, holdings: impact.perSystem.map(\.holdings).reduce(0, +),
                disclosures: Set(impact.recipients.filter { $0.channel == .disclosure }.map(\.sequence)))
                == Expected(
                    subjects: named.sorted(), holdings: exposed.count, disclosures: Set(disclosures.map(\.sequence))))
    }

    struct Expected: Equatable {
        var subjects: [SubjectID]
        var holdings: Int
        var disclosures: Set<UInt64>
    }

    static let instants: [Double] = [0, 20, 400, 365 * 6, 365 * 12]

    @Test(arguments: instants)
    func retentionDueListsWhatTheHistoriesDo(_ days: Double) async throws {
        let test = try await Self.story()
        let instant = TestLedger.start.addingTimeInterval(days * Self.day)
        let due = try await test.ledger.retentionDue(asOf: instant)
        #expect(
            Lists(
                due: due.holdings.map(\.holding), deferred: due.deferred.map(\.holding),
                requested: due.requested.map(\.holding))
                == (try await Self.retentionFoldingEveryHistory(test, at: instant)))
    }

    /// The story reaches every list, so the comparisons above compare something.
    @Test func theStoryHasDueDeferredAndRequestedHoldings() async throws {
        let test = try await Self.story()
        let lists = try await Self.retentionFoldingEveryHistory(
            test, at: TestLedger.start.addingTimeInterval(365 * 12 * Self.day))
        #expect(!lists.due.isEmpty && !lists.deferred.isEmpty && !lists.requested.isEmpty, "\(lists)")
    }

    struct Lists: Equatable {
        var due: [UInt64]
        var deferred: [UInt64]
        var requested: [UInt64]
    }

    /// Retention due as it was computed before the two passes: from every history at once.
    static func retentionFoldingEveryHistory(_ test: TestLedger, at instant: Date) async throws -> Lists {
        var histories = SubjectHistories()
        var context = RetentionContext()
        for fact in try await test.allFacts() {
            switch fact.body {
            case .holding:
                histories.apply(fact)
                context.add(fact)
            case .erasure, .rectification, .restriction: histories.apply(fact)
            case .consentDecision, .lifecycleEvent, .referenceLink: context.add(fact)
            default: break
            }
        }
        let restricted = { (subject: SubjectID, purpose: Purpose) in
            histories[subject].restriction(of: subject, for: purpose) != nil
        }
        let requested = test.ledger.pendingErasures(in: histories.allHoldings, context: context, at: instant)
            .filter { $0.isDue && !restricted($0.subject, $0.purpose) }
        let asked = Set(requested.map(\.holding))
        var lists = Lists(due: [], deferred: [], requested: requested.map(\.holding))
        var ends: [UInt64: Date] = [:]
        let calculator = test.ledger.retentionCalculator
        for held in histories.allHoldings
        where !held.isErased && held.holding.subject != .erased && !asked.contains(held.sequence) {
            let (end, _) = try calculator.evaluate(held.fact, held.holding, context: context, asOf: instant)
            guard end.isDue(at: instant) else { continue }
            ends[held.sequence] = end.date ?? .distantPast
            if restricted(held.holding.subject, held.holding.purpose) {
                lists.deferred.append(held.sequence)
            } else {
                lists.due.append(held.sequence)
            }
        }
        let order = { (a: UInt64, b: UInt64) in (ends[a]!, a) < (ends[b]!, b) }
        lists.due.sort(by: order)
        lists.deferred.sort(by: order)
        return lists
    }
}
