import PersonalDataLedger
import Testing

@testable import B2BPortal

@Test func aRepresentativesDataComesFromTheirCompany() async throws {
    let ledger = Ledger(store: InMemoryLedgerStore(), actor: "b2b-portal")
    try await Portal(ledger: ledger).register(Story.per)
    let report = try await ledger.issueReport(for: Story.per.id, requestedBy: "test")
    #expect(Set(report.heldData.map(\.category)) == [.name, .email, .phone])
    #expect(report.heldData.allSatisfy { $0.source == "Nordlys Foto AS" && $0.system == "b2b.portal" })
}

@Test func theAccessReportOfALinkedRepresentativeCoversTheWebshopToo() async throws {
    let ledger = Ledger(store: InMemoryLedgerStore(), actor: "b2b-portal")
    let portal = Portal(ledger: ledger)
    try await Story.webshopOrder(in: ledger)
    try await portal.register(Story.kari)
    try await portal.link(Story.kari.id, toWebshopCustomer: Story.webshopCustomer)

    let report = try await ledger.issueReport(for: Story.kari.id, requestedBy: "test")
    #expect(report.linkedSubjects == [Story.webshopCustomer])
    #expect(Set(report.heldData.map(\.system)) == ["b2b.portal", "webshop.orders"])

    let text = try await portal.answerAccessRequest(from: Story.kari.id, in: .norwegianBokmal)
    #expect(text.contains("Nordlys Foto AS"))
    #expect(text.contains("kari.nordmann@example.no"))
}

@Test func thePortalMayNotCollectANationalIDNumber() async throws {
    let ledger = Ledger(store: InMemoryLedgerStore(), actor: "b2b-portal")
    let before = try await ledger.store.integrityHead()
    await #expect(throws: LedgerError.self) {
        try await ledger.record(
            [.nationalIDNumber("16822548834")], about: Story.per.id, in: "b2b.portal",
            for: .customerAccountAndOrders, source: .thirdParty(Story.per.company))
    }
    #expect(try await ledger.store.integrityHead() == before)
}
