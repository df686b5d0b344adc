import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// The applicants section of the policy (issue 10, item 3): a hired applicant's data moves to the
/// employee records, which go when the employment ends; of a rejected applicant nothing is kept,
/// not even the identifier.
@Suite struct ApplicantLifecycleTests {
    static let applicant: SubjectID = "applicant:2001"
    static let name = "Per Søker"
    static let email = "per.soker@example.no"

    /// The files of the store's directory that contain `needle`; none for the in-memory store.
    static func files(containing needle: String, _ test: RightsLedger) -> [String] {
        guard let directory = test.owner as? TemporaryDirectory else { return [] }
        return FileStoreTesting.filesContaining(needle, in: directory.ledger)
    }

    @Test(arguments: StoreFactory.all)
    func aHiredApplicantMovesToTheEmployeeRecordsUntilTheEmploymentEnds(store: StoreFactory) async throws {
        let test = try await RightsLedger.make(store)
        let applied = try await test.ledger.record(
            [.name(Self.name), .email(Self.email)], about: Self.applicant, in: "recruitment", for: .jobApplicants,
            reference: "application:2001")
        test.move(to: instant("2026-04-01T09:00:00Z"))
        let hired = try await test.ledger.hire(
            Self.applicant, application: "application:2001", employment: "employment:2026-004")
        #expect(hired.map(\.body.kind) == [.lifecycleEvent, .holding, .holding])
        let employee = hired.dropFirst().compactMap { fact -> Holding? in
            guard case .holding(let holding) = fact.body else { return nil }
            return holding
        }
        #expect(employee.map(\.purpose) == [.employees, .employees])
        #expect(employee.allSatisfy { $0.system == "personnel" && $0.reference == "employment:2026-004" })
        #expect(employee.map { $0.value?.revealed } == [Self.name, Self.email])

        // The applicant copies are due at once; the employee records wait for the employment to end.
        let swept = try await test.ledger.applyRetention()
        #expect(Set(swept.erased.map(\.holding)) == Set(applied.map(\.sequence)))
        let schedule = try await test.ledger.retentionSchedule(of: Self.applicant)
        #expect(schedule.map(\.purpose) == [.employees, .employees])
        #expect(schedule.allSatisfy { $0.end == .event([.employmentEnded], consentWithdrawal: false) })

        try await test.event(.employmentEnded, "employment:2026-004", at: instant("2029-08-31T16:00:00Z"))
        let ended = try await test.ledger.applyRetention()
        #expect(ended.erased.map(\.purpose) == [.employees, .employees])
        #expect(try await test.ledger.retentionSchedule(of: Self.applicant).isEmpty)
        for needle in [Self.name, Self.email] { #expect(Self.files(containing: needle, test).isEmpty, "\(needle)") }
    }

    @Test func hiringWithNothingHeldForTheApplicationIsRefused() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.ledger.record(
            [.name(Self.name)], about: Self.applicant, in: "recruitment", for: .jobApplicants,
            reference: "application:2001")
        let count = try await test.store.integrityHead().count
        for (application, employment) in [
            ("application:9999", "employment:1"), ("application:2001", "application:2001"),
        ] {
            let error = try await #require(throws: LedgerError.self) {
                try await test.ledger.hire(
                    Self.applicant, application: BusinessReference(application),
                    employment: BusinessReference(employment))
            }
            #expect(error.rule == .invalidRequest)
            #expect(!error.message.contains(Self.name))
        }
        #expect(try await test.store.integrityHead().count == count)
    }

    /// "Dersom søknaden avslås, sletter vi alle opplysninger og lagrer ingenting": the values and
    /// the identifier go, so the remaining metadata names no one.
    @Test(arguments: StoreFactory.all)
    func aRejectedApplicantLeavesNothing(store: StoreFactory) async throws {
        let test = try await RightsLedger.make(store)
        try await test.ledger.record(
            [.name(Self.name), .email(Self.email)], about: Self.applicant, in: "recruitment", for: .jobApplicants,
            reference: "application:2001")
        try await test.ledger.receiveRequest(
            id: "gdpr-2026-0101", from: Self.applicant, kind: .access, receivedOn: TestLedger.start)
        try await test.event(.applicationRejected, "application:2001", at: instant("2026-04-01T09:00:00Z"))

        let sweep = try await test.ledger.applyRetention()
        #expect(sweep.erased.count == 2)
        guard case .erasure(let erasure) = try #require(sweep.erasures.last).body else {
            Issue.record("not an erasure")
            return
        }
        #expect(erasure.identifierErased)
        #expect(try await test.store.facts(about: Self.applicant).isEmpty)
        for fact in try await test.allFacts() { #expect(!fact.body.subjects.contains(Self.applicant)) }
        for needle in [Self.name, Self.email, Self.applicant.rawValue] {
            #expect(Self.files(containing: needle, test).isEmpty, "\(needle)")
        }
        try await test.store.verify()
    }

    @Test func aRejectedApplicantWhoConsentedIsKeptForOpeningsThenLeavesNothing() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.ledger.record(
            [.name(Self.name)], about: Self.applicant, in: "recruitment", for: .jobApplicants,
            reference: "application:2001")
        try await test.consent(.given, Self.applicant, to: .jobApplicants)
        try await test.event(.applicationRejected, "application:2001", at: instant("2026-04-01T09:00:00Z"))
        #expect(try await test.ledger.applyRetention().erased.isEmpty)
        test.move(to: instant("2027-04-02"))
        let sweep = try await test.ledger.applyRetention()
        #expect(sweep.erased.count == 1)
        #expect(try await test.store.facts(about: Self.applicant).isEmpty)
    }

    /// A rejected applicant who is also a customer under the same identifier keeps it: the
    /// customer data is still held.
    @Test func theIdentifierStaysWhileOtherDataOfItIsHeld() async throws {
        let test = try await RightsLedger.make(.inMemory)
        try await test.recordOrder(for: Self.applicant)
        try await test.ledger.record(
            [.name(Self.name)], about: Self.applicant, in: "recruitment", for: .jobApplicants,
            reference: "application:2001")
        try await test.event(.applicationRejected, "application:2001", at: instant("2026-04-01T09:00:00Z"))
        let sweep = try await test.ledger.applyRetention()
        #expect(sweep.erased.map(\.purpose) == [.jobApplicants])
        #expect(try await test.ledger.retentionSchedule(of: Self.applicant).count == 4)
    }
}
