import Foundation
import PersonalDataLedger
import Testing

@testable import B2BPortal

/// A portal service over a fresh in-memory ledger.
func makeService() -> (PortalService, Ledger) {
    let ledger = Ledger(store: InMemoryLedgerStore(), actor: "b2b-portal")
    return (PortalService(portal: Portal(ledger: ledger), language: .english), ledger)
}

let registerPer = """
    {"register": {"id": "b2b:nordlys-foto:rep-2", "company": "Nordlys Foto AS", "name": "Per Hansen", \
    "email": "per@nordlysfoto.example.no", "phone": "+47 934 56 789"}}
    """

@Test func aRegistrationAnswersWithItsFactsAndShowsInTheReport() async throws {
    let (service, _) = makeService()
    #expect(await service.answer(registerPer) == #"{"facts":[1,2,3]}"#)
    let answer = await service.answer(#"{"report": {"representative": "b2b:nordlys-foto:rep-2"}}"#)
    let letter = try JSONDecoder().decode([String: String].self, from: Data(answer.utf8))["report"] ?? ""
    #expect(letter.contains("per@nordlysfoto.example.no") && letter.contains("Nordlys Foto AS"))
}

@Test func aLinkAnswersWithItsFact() async throws {
    let (service, _) = makeService()
    _ = await service.answer(registerPer)
    let answer = await service.answer(
        #"{"link": {"representative": "b2b:nordlys-foto:rep-2", "customer": "customer:10002"}}"#)
    #expect(answer == #"{"facts":[4]}"#)
}

/// Lines that are not one request are refused naming what is wrong, and record nothing.
@Test(arguments: [
    ("not json", "request"),
    (#"{"register": {"id": "b2b:x", "company": "Nordlys Foto AS"}}"#, "request"),
    (#"{}"#, "request"),
    (
        #"{"link": {"representative": "b2b:x", "customer": "customer:1"}, "report": {"representative": "b2b:x"}}"#,
        "request"
    ),
    (
        #"{"register": {"id": "b2b:x", "company": "Nordlys Foto AS", "name": "Per Hansen", "email": "per at nordlys", "phone": "+47 934 56 789"}}"#,
        "malformedValue"
    ),
])
func aLineThatIsNotARequestIsRefused(line: String, rule: String) async throws {
    let (service, ledger) = makeService()
    let before = try await ledger.store.integrityHead()
    let answer = try JSONDecoder().decode([String: String].self, from: Data(await service.answer(line).utf8))
    #expect(answer["rule"] == rule, "\(answer)")
    #expect(try await ledger.store.integrityHead() == before)
}

@Test func aLineThatIsNotUTF8IsRefusedNotRepaired() async throws {
    let (service, ledger) = makeService()
    var bytes = Array(registerPer.utf8)
    bytes[bytes.firstIndex(of: UInt8(ascii: "H"))!] = 0xFF
    let answer = try JSONDecoder().decode([String: String].self, from: Data(await service.answer(bytes).utf8))
    #expect(answer["rule"] == "invalidUTF8")
    #expect(try await ledger.store.integrityHead().count == 0)
}

@Test func aRefusalNamesTheFieldNotItsValue() async throws {
    let (service, _) = makeService()
    let answer = await service.answer(#"{"register": {"id": "b2b:x", "company": 7, "name": "Per Hansen"}}"#)
    #expect(answer.contains("register.company") && !answer.contains("Per Hansen"))
}

/// Where the ledger is: the options win over `PDL_STORE` and `PDL_KEY_FILE`, as in `pdl`.
@Test(
    arguments: [
        ([], [:], nil, nil),
        (["--store", "postgres://ledger@db/company", "--key-file", "/k"], [:], "postgres://ledger@db/company", "/k"),
        (
            [], ["PDL_STORE": "postgres://ledger@db/company", "PDL_KEY_FILE": "/etc/ledger.key"],
            "postgres://ledger@db/company", "/etc/ledger.key"
        ),
        (["--store", "/srv/b2b"], ["PDL_STORE": "postgres://ledger@db/company"], "/srv/b2b", nil),
    ] as [([String], [String: String], String?, String?)])
func theStoreComesFromTheOptionsThenTheEnvironment(
    arguments: [String], environment: [String: String], location: String?, keyFile: String?
) throws {
    let configuration = try PortalOptions(arguments, environment: environment).storeConfiguration
    #expect(configuration.location == location && configuration.keyFile == keyFile)
}

@Test(arguments: [["--language", "1x"], ["--language"], ["--store"], ["--key-file"], ["--serv"]])
func aMalformedCommandLineIsAUsageError(arguments: [String]) {
    #expect(throws: PortalOptions.UsageError.self) { try PortalOptions(arguments) }
}
