import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// An identifier recorded one way and looked for another way.
struct FindCase: Sendable, CustomTestStringConvertible {
    let name: String
    let category: DataCategory
    let format: ValueFormat
    let recorded: String
    let query: String
    let other: String
    let purpose: Purpose
    let system: SystemID

    var testDescription: String { name }

    static let table: [FindCase] = [
        FindCase(
            name: "email, case and spaces differ", category: .email, format: .email,
            recorded: "kari.nordmann@example.no",
            query: "  Kari.Nordmann@EXAMPLE.no ", other: "ola.nordmann@example.no", purpose: .customerAccountAndOrders,
            system: "webshop.orders"),
        FindCase(
            name: "phone, national form found by E.164", category: .phone, format: .phone, recorded: "912 34 567",
            query: "+4791234567", other: "+47 987 65 432", purpose: .customerAccountAndOrders, system: "webshop.orders"),
        FindCase(
            name: "Norwegian national ID number", category: .nationalIDNumber, format: .nationalIDNumber,
            recorded: "16822548834", query: "168225 48834", other: "11812448848", purpose: .complaintsAndService,
            system: "service.cases"),
        FindCase(
            name: "bank account with and without dots", category: .bankAccount, format: .bankAccount,
            recorded: "8601.11.17947", query: "86011117947", other: "NO93 8601 1117 947",
            purpose: .campaignsAndCompetitions, system: "marketing.campaigns"),
    ]
}

@Suite struct FindTests {
    @discardableResult
    private func record(_ row: FindCase, _ value: String, for subject: SubjectID, in test: KeyedLedger) async throws
        -> Fact
    {
        if row.purpose == .campaignsAndCompetitions {
            try await test.ledger.consent(
                .given, by: subject, for: row.purpose, policy: "2018-05-25", channel: "web-form")
        }
        return try await test.ledger.record(
            [DataItem(row.category, value: value)], about: subject, in: row.system, for: row.purpose,
            reference: "ref:1")[0]
    }

    @Test(arguments: StoreFactory.all, FindCase.table)
    func findsTheSubjectThatHoldsTheIdentifierAndNoOther(store: StoreFactory, row: FindCase) async throws {
        let test = try await KeyedLedger.make(store)
        let held = try await record(row, row.recorded, for: KeyedLedger.kari, in: test)
        try await record(row, row.other, for: KeyedLedger.ola, in: test)

        let matches = try await test.ledger.find(row.query, as: row.format)
        #expect(matches.map(\.subject) == [KeyedLedger.kari])
        let location = try #require(matches.first?.locations.first)
        #expect(location.holding == held.sequence)
        #expect(location.category == row.category)
        #expect(location.system == row.system)
        #expect(location.purpose == row.purpose)
        #expect(location.reference == "ref:1")
        #expect(location.isCurrent)
        #expect(try await test.ledger.find(row.other, as: row.format).map(\.subject) == [KeyedLedger.ola])
    }

    @Test func convenienceFindersUseTheirFormats() async throws {
        let test = try await KeyedLedger.make()
        try await test.recordOrder()
        try await test.ledger.record(
            [.nationalIDNumber("16822548834")], about: KeyedLedger.kari, in: "service.cases",
            for: .complaintsAndService, reference: "case:7001")
        #expect(try await test.ledger.find(email: "KARI.NORDMANN@example.no").map(\.subject) == [KeyedLedger.kari])
        #expect(try await test.ledger.find(phone: "91234567").map(\.subject) == [KeyedLedger.kari])
        #expect(try await test.ledger.find(phone: "91234567", region: .sweden).isEmpty, "+4691234567 is another number")
        #expect(try await test.ledger.find(nationalIDNumber: "16822548834").map(\.subject) == [KeyedLedger.kari])
        #expect(try await test.ledger.find(email: "someone.else@example.no").isEmpty)
    }

    @Test(arguments: StoreFactory.all)
    func findsEverySubjectHoldingItAndNamesTheirLinks(store: StoreFactory) async throws {
        let test = try await KeyedLedger.make(store)
        try await test.recordOrder(for: KeyedLedger.kari)
        try await test.recordOrder(for: KeyedLedger.kariAtWork, reference: "order:50018")
        try await test.recordOrder(for: KeyedLedger.ola, email: "ola@example.no")
        try await test.ledger.link(KeyedLedger.kari, to: KeyedLedger.kariAtWork)

        let matches = try await test.ledger.find(email: "kari.nordmann@example.no")
        #expect(matches.map(\.subject) == [KeyedLedger.kariAtWork, KeyedLedger.kari])
        #expect(matches.map(\.linkedSubjects) == [[KeyedLedger.kari], [KeyedLedger.kariAtWork]])
        #expect(matches.allSatisfy { $0.locations.count == 1 })
        let ola = try await test.ledger.find(email: "ola@example.no")
        #expect(ola.map(\.subject) == [KeyedLedger.ola])
        #expect(ola[0].linkedSubjects.isEmpty)
    }

    @Test(arguments: StoreFactory.all)
    func aLinkedSubjectIsNamedEvenWhenItDoesNotHoldTheIdentifier(store: StoreFactory) async throws {
        let test = try await KeyedLedger.make(store)
        try await test.recordOrder(for: KeyedLedger.kari)
        try await test.ledger.record(
            [.name("Kari Nordmann")], about: KeyedLedger.kariAtWork, in: "webshop.orders",
            for: .customerAccountAndOrders)
        try await test.ledger.link(KeyedLedger.kariAtWork, to: KeyedLedger.kari)
        let matches = try await test.ledger.find(email: "kari.nordmann@example.no")
        #expect(matches.map(\.subject) == [KeyedLedger.kari])
        #expect(matches[0].linkedSubjects == [KeyedLedger.kariAtWork])
    }

    @Test(arguments: StoreFactory.all)
    func erasedValuesAreNotFound(store: StoreFactory) async throws {
        let test = try await KeyedLedger.make(store)
        let facts = try await test.recordOrder()
        try await test.recordOrder(for: KeyedLedger.ola, reference: "order:50018")  // the same email, another key
        try await test.eraseValues([KeyedLedger.holding(.email, in: facts)], of: KeyedLedger.kari)
        #expect(try await test.ledger.find(email: "kari.nordmann@example.no").map(\.subject) == [KeyedLedger.ola])
        #expect(
            try await test.ledger.find(phone: "+47 912 34 567").map(\.subject) == [KeyedLedger.kari, KeyedLedger.ola])
    }

    @Test(arguments: StoreFactory.all)
    func nothingIsFoundOnceTheSubjectIdentifierIsErased(store: StoreFactory) async throws {
        let test = try await KeyedLedger.make(store)
        let facts = try await test.recordOrder()
        try await test.eraseValues(Set(facts.map(\.sequence)), of: KeyedLedger.kari, identifier: true)
        #expect(try await test.ledger.find(email: "kari.nordmann@example.no").isEmpty)
        #expect(try await test.ledger.find(phone: "+47 912 34 567").isEmpty)
    }

    @Test func tokensDifferBetweenKeysAndAnotherKeyFindsNothing() async throws {
        let test = try await KeyedLedger.make()
        try await test.recordOrder()
        let other = test.reopened(key: .random())
        try await other.record(
            [.email("kari.nordmann@example.no")], about: KeyedLedger.ola, in: "webshop.orders",
            for: .customerAccountAndOrders)
        let tokens = try await test.allFacts().compactMap { fact -> String? in
            guard case .holding(let holding) = fact.body, holding.category == .email else { return nil }
            return holding.lookupToken?.revealed
        }
        #expect(tokens.count == 2)
        #expect(tokens[0] != tokens[1])
        #expect(try await test.ledger.find(email: "kari.nordmann@example.no").map(\.subject) == [KeyedLedger.kari])
        #expect(try await other.find(email: "kari.nordmann@example.no").map(\.subject) == [KeyedLedger.ola])
    }

    @Test func theTokenIsTheKeyedHashOfFormatAndNormalisedValueAndNeverTheValue() async throws {
        let test = try await KeyedLedger.make()
        try await test.recordOrder(email: "Kari.Nordmann@Example.NO")
        try await test.ledger.record(
            [.nationalIDNumber("16822548834")], about: KeyedLedger.kari, in: "service.cases",
            for: .complaintsAndService, reference: "case:7001")
        let expected: [DataCategory: String] = [
            .email: hex(
                HMACSHA256.authenticationCode(
                    for: Array("email:kari.nordmann@example.no".utf8), key: KeyedLedger.fixedKeyBytes)),
            .phone: hex(
                HMACSHA256.authenticationCode(for: Array("phone:+4791234567".utf8), key: KeyedLedger.fixedKeyBytes)),
            .nationalIDNumber: hex(
                HMACSHA256.authenticationCode(
                    for: Array("nationalIDNumber:16822548834".utf8), key: KeyedLedger.fixedKeyBytes)),
        ]
        var seen: [DataCategory: String] = [:]
        for fact in try await test.allFacts() {
            guard case .holding(let holding) = fact.body else { continue }
            let token = holding.lookupToken?.revealed
            if let token {
                #expect(token.count == 64 && token.allSatisfy { "0123456789abcdef".contains($0) })
                #expect(token != holding.value?.revealed)
                seen[holding.category] = token
            }
            for key in fact.body.indexKeys {
                let text = "\(key)"
                #expect(!text.contains("kari.nordmann") && !text.contains("91234567") && !text.contains("16822548834"))
            }
        }
        #expect(seen == expected, "name, address have no token; identifiers have HMAC(key, format:value)")
    }

    @Test func withoutAKeyNoTokensAreMadeAndFindIsRefused() async throws {
        let test = try await KeyedLedger.make(key: nil)
        try await test.recordOrder()
        for fact in try await test.allFacts() {
            if case .holding(let holding) = fact.body { #expect(holding.lookupToken == nil) }
        }
        let error = try await #require(throws: LedgerError.self) {
            try await test.ledger.find(email: "kari.nordmann@example.no")
        }
        #expect(error.rule == .identifierKeyRequired)
        #expect(error.message.contains("identifier key"))
    }

    @Test(arguments: [
        (ValueFormat.email, "kari.nordmann-at-example.no"), (.email, "kari@@example.no"), (.phone, "91a34567"),
        (.nationalIDNumber, "16822548835"), (.nationalIDNumber, "1682254883"), (.bankAccount, "8601.11.17949"),
    ])
    func malformedIdentifiersAreRefusedWithoutEcho(format: ValueFormat, raw: String) async throws {
        let test = try await KeyedLedger.make()
        let error = try await #require(throws: LedgerError.self) { try await test.ledger.find(raw, as: format) }
        #expect(error.rule == .malformedValue)
        #expect(!error.message.contains(raw))
        #expect(!error.description.contains(raw))
        #expect(!error.message.contains("1682254"))
    }

    @Test func onlyIdentifierFormatsCanBeSearched() async throws {
        let test = try await KeyedLedger.make()
        try await test.recordOrder()
        let error = try await #require(throws: LedgerError.self) {
            try await test.ledger.find("Kari Nordmann", as: .text)
        }
        #expect(error.rule == .invalidRequest)
        #expect(!error.message.contains("Kari"))
    }
}
