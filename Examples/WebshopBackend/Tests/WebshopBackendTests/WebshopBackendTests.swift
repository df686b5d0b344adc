import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PersonalDataLedger
import Testing

@testable import WebshopBackend

/// The callers of every test webshop: one service, one DPO.
enum TestCallers {
    static let serviceToken = "service-token-0123456789abcdef0123456789abcdef"
    static let dpoToken = "dpo-token-fedcba9876543210fedcba9876543210"
    static let tokens = try! CallerTokens(
        lines: "service checkout \(serviceToken)\ndpo dpo-desk \(dpoToken)\n", source: "the test tokens")

    /// `Authorization: Bearer` with the service's token, plus `extra`.
    static func service(_ extra: HTTPFields = [:]) -> HTTPFields { bearer(serviceToken, extra) }
    /// `Authorization: Bearer` with the DPO's token, plus `extra`.
    static func dpo(_ extra: HTTPFields = [:]) -> HTTPFields { bearer(dpoToken, extra) }

    static func bearer(_ token: String, _ extra: HTTPFields = [:]) -> HTTPFields {
        var fields = extra
        fields[.authorization] = "Bearer \(token)"
        return fields
    }
}

/// A webshop over a fresh in-memory ledger, with its policy published.
func makeWebshop(
    idempotency: IdempotencyTable = IdempotencyTable()
) async throws -> (Application<RouterResponder<WebshopContext>>, Ledger) {
    let ledger = Ledger(store: InMemoryLedgerStore(), catalog: .focusNordic, region: .norway, actor: "webshop")
    let webshop = Webshop(ledger: ledger, tokens: TestCallers.tokens, idempotency: idempotency)
    try await webshop.publishPolicyIfNeeded()
    return (Application(router: webshop.router()), ledger)
}

/// The server's routes as `Server` builds them — the privacy API and `/metrics` — over a fresh
/// in-memory ledger that reports to `logger` and the metrics page, with its policy published.
func makeObservedRouter(logger: Logger) async throws -> Router<WebshopContext> {
    let observability = WebshopObservability(logger: logger)
    let ledger = Ledger(
        store: InMemoryLedgerStore(observer: observability.observer), catalog: .focusNordic, region: .norway,
        actor: "webshop", observer: observability.observer)
    let webshop = Webshop(ledger: ledger, tokens: TestCallers.tokens)
    try await webshop.publishPolicyIfNeeded()
    return observability.serverRouter(for: webshop)
}

/// The problem a response carries, checked to be `application/problem+json` with its status.
func readProblem(in response: TestResponse) throws -> Problem {
    #expect(response.headers[.contentType] == Problem.mediaType)
    let problem = try JSONDecoder().decode(Problem.self, from: Data(buffer: response.body))
    #expect(problem.statusCode == Int(response.status.code))
    #expect(problem.type == "urn:webshop:problem:\(problem.rule)")
    return problem
}

let kariOrder = """
    {"customer": "customer:10001", "order": "order:50017",
     "data": {"name": "Kari Nordmann", "email": "kari.nordmann@example.no", "deliveryAddress": "Storgata 1, 0155 Oslo"}}
    """

@Test func anOrderRecordedShowsInTheReport() async throws {
    let (app, _) = try await makeWebshop()
    try await app.test(.router) { client in
        try await client.execute(
            uri: "/orders", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: kariOrder)
        ) { response in
            #expect(response.status == .created)
        }
        try await client.execute(
            uri: "/privacy/subjects/customer:10001/report", method: .get, headers: TestCallers.dpo()
        ) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let report = try AccessReport(jsonData: Data(buffer: response.body))
            #expect(report.subject == "customer:10001")
            #expect(Set(report.heldData.map(\.category)) == [.name, .email, .deliveryAddress])
            #expect(report.heldData.allSatisfy { $0.reference == "order:50017" && $0.system == "webshop.orders" })
        }
    }
}

@Test func anOrderWithACategoryThePurposeMayNotHoldIsRefusedAndChangesNothing() async throws {
    let (app, ledger) = try await makeWebshop()
    let before = try await ledger.store.integrityHead()
    let order = """
        {"customer": "customer:10001", "order": "order:50017",
         "data": {"name": "Kari Nordmann", "nationalIDNumber": "16822548834"}}
        """
    try await app.test(.router) { client in
        try await client.execute(
            uri: "/orders", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: order)
        ) { response in
            #expect(response.status == .unprocessableContent)
            let rule = try readProblem(in: response).rule
            #expect(rule == "purposeLimitation")
            let body = String(buffer: response.body)
            #expect(!body.contains("16822548834") && !body.contains("Kari"), "a refusal must not echo a value")
        }
    }
    #expect(try await ledger.store.integrityHead() == before)
}

@Test func malformedJSONIsABadRequest() async throws {
    let (app, ledger) = try await makeWebshop()
    let before = try await ledger.store.integrityHead()
    try await app.test(.router) { client in
        for body in ["{\"customer\": ", "{\"customer\": \"customer:1\", \"order\": \"order:1\"}"] {
            try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .badRequest)
                let rule = try readProblem(in: response).rule
                #expect(rule == "malformedBody")
            }
        }
    }
    #expect(try await ledger.store.integrityHead() == before)
}

@Test func consentAndShipmentAreRecorded() async throws {
    let (app, ledger) = try await makeWebshop()
    try await app.test(.router) { client in
        try await client.execute(
            uri: "/orders", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: kariOrder))
        let consent = """
            {"customer": "customer:10001", "purpose": "contactRegister", "decision": "given",
             "channel": "checkout-checkbox", "evidence": "form:checkout-v3"}
            """
        try await client.execute(
            uri: "/consents", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: consent)
        ) { response in
            #expect(response.status == .created)
        }
        let shipment = """
            {"customer": "customer:10001", "order": "order:50017", "carrier": "carrier",
             "categories": ["name", "deliveryAddress"]}
            """
        try await client.execute(
            uri: "/shipments", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: shipment)
        ) { response in
            #expect(response.status == .created)
        }
        // The carrier's agreement covers shipping only.
        let wrongRecipient = shipment.replacingOccurrences(
            of: "\"carrier\": \"carrier\"", with: "\"carrier\": \"it-partner\"")
        try await client.execute(
            uri: "/shipments", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: wrongRecipient)
        ) {
            response in
            #expect(response.status == .unprocessableContent)
            let rule = try readProblem(in: response).rule
            #expect(rule == "recipientOccasion")
        }
    }
    #expect(try await ledger.mayProcess("customer:10001", for: .contactRegister).isAllowed)
    let report = try await ledger.issueReport(for: "customer:10001", requestedBy: "test")
    #expect(report.recipients.map(\.recipient) == ["carrier"])
    // Each fact names the caller that recorded it.
    #expect(Set(try await ledger.store.facts(about: "customer:10001").map(\.actor)) == ["webshop.checkout"])
    #expect(report.consentHistory.map(\.decision) == [.given])
}

@Test func theReportIsAnHTMLLetterWhenTheClientAcceptsHTML() async throws {
    let (app, _) = try await makeWebshop()
    try await app.test(.router) { client in
        try await client.execute(
            uri: "/orders", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: kariOrder))
        try await client.execute(
            uri: "/privacy/subjects/customer:10001/report", method: .get,
            headers: TestCallers.dpo([.accept: "text/html,application/xhtml+xml", .acceptLanguage: "nb-NO, en;q=0.5"])
        ) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: response.body)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.contains("lang=\"nb\""))
            #expect(html.contains("Kari Nordmann"))
        }
    }
}

@Test func theCommandLineDefaults() throws {
    let defaults = try Options([])
    #expect(defaults.storeConfiguration.location == nil && defaults.port == 8080 && !defaults.inMemory)
    let custom = try Options(["--store", "/tmp/ledger", "--port", "9000", "--in-memory"])
    #expect(custom.storeConfiguration.location == "/tmp/ledger" && custom.port == 9000 && custom.inMemory)
}

/// Where the ledger is: the options win over `PDL_STORE` and `PDL_KEY_FILE`, as in `pdl`.
@Test(
    arguments: [
        (["--store", "postgres://ledger@db:5432/company"], [:], "postgres://ledger@db:5432/company", nil),
        (
            [], ["PDL_STORE": "postgres://ledger@db/company", "PDL_KEY_FILE": "/etc/ledger.key"],
            "postgres://ledger@db/company", "/etc/ledger.key"
        ),
        (
            ["--store", "/srv/ledger", "--key-file", "/k"],
            ["PDL_STORE": "postgres://ledger@db/company", "PDL_KEY_FILE": "/etc/ledger.key"], "/srv/ledger", "/k"
        ),
        ([], ["PDL_STORE": ""], nil, nil),
    ] as [([String], [String: String], String?, String?)])
func theStoreComesFromTheOptionsThenTheEnvironment(
    arguments: [String], environment: [String: String], location: String?, keyFile: String?
) throws {
    let configuration = try Options(arguments, environment: environment).storeConfiguration
    #expect(configuration.location == location && configuration.keyFile == keyFile)
}

@Test(arguments: [["--port", "eighty"], ["--store"], ["--key-file"], ["--stor", "/tmp/ledger"]])
func aMalformedCommandLineIsAUsageError(arguments: [String]) {
    #expect(throws: Options.UsageError.self) { try Options(arguments) }
}

/// A PostgreSQL ledger without its key file is refused before anything connects, saying how to
/// give it.
@Test func aPostgresStoreWithoutAKeyFileIsRefused() async throws {
    let options = try Options(["--store", "postgres://ledger@127.0.0.1:1/company"])
    await #expect {
        _ = try await options.storeConfiguration.open(defaultLocation: Options.defaultStore)
    } throws: { error in
        (error as? LedgerStoreError)?.message.contains("--key-file") == true
    }
}
