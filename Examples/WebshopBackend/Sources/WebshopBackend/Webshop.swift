import Foundation
import Hummingbird
import PersonalDataLedger
import PersonalDataLedgerReports

/// The webshop's privacy-relevant endpoints, over one ledger.
///
/// Each endpoint records what just happened — an order placed, a consent decision, a shipment —
/// as it happens, so the ledger is never a reconstruction after the fact. A write the ledger
/// refuses comes back as a `422` problem with the rule it broke; nothing of it was recorded.
///
/// Every endpoint needs a caller's bearer token (``CallerTokens``): the `service` role records,
/// only the `dpo` role reads reports and erases. Every error is an RFC 9457 ``Problem``; a POST
/// with an `Idempotency-Key` is answered once and replayed on a retry (``IdempotencyTable``).
/// Every request has a span named by its route (``RequestTracingMiddleware``), and the ledger's
/// spans are its children.
struct Webshop: Sendable {
    /// The privacy policy version the checkout shows; consent is recorded under it.
    static let policyVersion = "2018-05-25"

    let ledger: Ledger
    let tokens: CallerTokens
    let idempotency: IdempotencyTable

    init(ledger: Ledger, tokens: CallerTokens, idempotency: IdempotencyTable = IdempotencyTable()) {
        self.ledger = ledger
        self.tokens = tokens
        self.idempotency = idempotency
    }

    /// Publishes the policy version the checkout shows, unless the ledger already knows it.
    func publishPolicyIfNeeded() async throws {
        guard try await !ledger.policyVersions().contains(where: { $0.version == Self.policyVersion }) else { return }
        try await ledger.publishPolicy(
            version: Self.policyVersion, effectiveFrom: Date(timeIntervalSince1970: 1_527_206_400), isMajor: true)
    }

    func router() -> Router<WebshopContext> {
        let router = Router(context: WebshopContext.self)
        router.add(middleware: RequestTracingMiddleware())
        router.add(middleware: NoStoreMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: BearerTokenAuthenticator(tokens: tokens))
        let service = router.group().add(middleware: RequireRole(role: .service))
        service.post("orders") { request, context in try await recordOrder(request, context) }
        service.post("consents") { request, context in try await recordConsent(request, context) }
        service.post("shipments") { request, context in try await recordShipment(request, context) }
        let dpo = router.group("privacy/subjects").add(middleware: RequireRole(role: .dpo))
        dpo.get(":id/report") { request, context in try await report(request, context) }
        dpo.post(":id/erasure") { request, context in try await erase(request, context) }
        return router
    }

    /// `POST /orders`: the customer placed an order; what they entered is held in the order system
    /// under the contract.
    func recordOrder(_ request: Request, _ context: WebshopContext) async throws -> Response {
        try await answerOnce(request, context, status: .created) { body, caller in
            let order = try RequestBody.decode(OrderRequest.self, from: body)
            let items = order.data.sorted { $0.key < $1.key }.map { DataItem($0.key, value: $0.value) }
            let facts = try await ledger.record(
                items, about: order.customer, in: "webshop.orders", for: .customerAccountAndOrders,
                source: .dataSubject, reference: order.order, actor: caller.actor)
            return Recorded(facts: facts.map(\.sequence))
        }
    }

    /// `POST /consents`: the customer gave, refused or withdrew consent to a purpose.
    func recordConsent(_ request: Request, _ context: WebshopContext) async throws -> Response {
        try await answerOnce(request, context, status: .created) { body, caller in
            let consent = try RequestBody.decode(ConsentRequest.self, from: body)
            let fact = try await ledger.consent(
                consent.decision, by: consent.customer, for: consent.purpose, policy: Self.policyVersion,
                channel: consent.channel, evidence: consent.evidence, actor: caller.actor)
            return Recorded(facts: [fact.sequence])
        }
    }

    /// `POST /shipments`: the warehouse handed the order to a carrier. The carrier received the
    /// categories on the label; a shipment that completes the order starts its retention clock.
    func recordShipment(_ request: Request, _ context: WebshopContext) async throws -> Response {
        try await answerOnce(request, context, status: .created) { body, caller in
            let shipment = try RequestBody.decode(ShipmentRequest.self, from: body)
            guard !shipment.order.rawValue.isEmpty else {
                throw Problem.malformedBody("Name the order the shipment belongs to, such as 'order:50017'.")
            }
            var facts = [
                try await ledger.disclose(
                    shipment.categories, of: shipment.customer, to: shipment.carrier, for: .shipping,
                    reference: shipment.order, actor: caller.actor)
            ]
            if shipment.completesOrder ?? true {
                facts.append(
                    try await ledger.recordLifecycleEvent(
                        .orderDelivered, reference: shipment.order, actor: caller.actor))
            }
            return Recorded(facts: facts.map(\.sequence))
        }
    }

    /// `GET /privacy/subjects/{id}/report`: the access report (GDPR Art. 15) — JSON, or the HTML
    /// letter when the client accepts `text/html`, in Norwegian when it prefers `nb` or `no`.
    ///
    /// A subject the ledger holds nothing about is a `404`, and records nothing. The answer holds
    /// personal data: no cache may keep it, and it varies with the caller and what they accept.
    func report(_ request: Request, _ context: WebshopContext) async throws -> Response {
        let caller = try context.requireIdentity()
        let subject = try await knownSubject(context)
        let report = try await ledger.issueReport(for: subject, requestedBy: caller.actor)
        var response: Response
        if request.headers[.accept]?.contains("text/html") == true {
            let language = request.headers[.acceptLanguage].map(Language.preferred(in:)) ?? .english
            response = Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(
                    byteBuffer: ByteBuffer(
                        string: report.htmlLetter(in: language, catalog: ledger.catalog, country: ledger.region))))
        } else {
            response = .json(try report.jsonData(), status: .ok)
        }
        response.headers[.vary] = "Accept, Accept-Language, Authorization"
        return response
    }

    /// `POST /privacy/subjects/{id}/erasure`: erases everything of the subject (and of the
    /// identifiers linked to it) that no legal hold keeps (GDPR Art. 17), and says what was kept
    /// and which recipients must be told.
    func erase(_ request: Request, _ context: WebshopContext) async throws -> Response {
        try await answerOnce(request, context, status: .ok) { body, caller in
            // Inside: a retry after the identifier was erased replays the first answer, not a 404.
            let subject = try await knownSubject(context)
            let erasure = body.isEmpty ? ErasureRequest() : try RequestBody.decode(ErasureRequest.self, from: body)
            let reason = erasure.reason ?? .subjectRequest
            guard [.subjectRequest, .consentWithdrawn].contains(reason) else {
                throw Problem.malformedBody(
                    "The reason must be 'subjectRequest' or 'consentWithdrawn' (at field reason).")
            }
            let result = try await ledger.erase(subject, reason: reason, actor: caller.actor)
            return Erased(
                facts: result.erasures.map(\.sequence), erasedHoldings: result.erased.count,
                identifiersErased: result.identifiersErased.count,
                kept: result.kept.map {
                    .init(holding: $0.holding, category: $0.category.rawValue, hold: $0.hold.rawValue, until: $0.until)
                },
                recipientsToTell: result.recipientsToTell.map(\.recipient.rawValue))
        }
    }

    /// The subject of the path, when the ledger holds a fact about it; a ``Problem/unknownSubject``
    /// otherwise. Asked only after the caller was authorised, so no one else learns who exists.
    private func knownSubject(_ context: WebshopContext) async throws -> SubjectID {
        let subject = SubjectID(try context.parameters.require("id"))
        guard try await !ledger.store.facts(about: subject).isEmpty else { throw Problem.unknownSubject }
        return subject
    }

    /// Runs a POST's `body` once per `Idempotency-Key`: a retry with the same key and body gets the
    /// first answer and records nothing; the same key with another body is a `422` problem. A
    /// POST without the header runs every time.
    private func answerOnce<Answer: Encodable>(
        _ request: Request, _ context: WebshopContext, status: HTTPResponse.Status,
        _ body: (Data, Caller) async throws -> Answer
    ) async throws -> Response {
        let caller = try context.requireIdentity()
        let bytes: Data
        do {
            bytes = Data(buffer: try await request.body.collect(upTo: RequestBody.limit))
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Problem.bodyTooLarge
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        guard let key = try IdempotencyKey(request.headers) else {
            return .json(try encoder.encode(try await body(bytes, caller)), status: status)
        }
        switch await idempotency.claim(caller: caller.name, key: key.value, body: bytes) {
        case .replay(let answer): return .json(answer.body, status: .init(code: answer.status))
        case .mismatch: throw Problem.idempotencyKeyReused
        case .inFlight: throw Problem.idempotencyKeyInFlight
        case .proceed: break
        }
        do {
            let answer = try encoder.encode(try await body(bytes, caller))
            await idempotency.finish(
                caller: caller.name, key: key.value, answer: .init(status: status.code, body: answer))
            return .json(answer, status: status)
        } catch {
            await idempotency.abandon(caller: caller.name, key: key.value)
            throw error
        }
    }
}

extension Caller {
    /// The ledger's actor for what this caller does: `webshop.NAME`.
    var actor: ActorID { ActorID("webshop.\(name)") }
}

extension Language {
    /// The language of the letter for an `Accept-Language` header: its first language that
    /// letters are written in (Norwegian, `no` or `nn`, reads Bokmål), English otherwise.
    static func preferred(in acceptLanguage: String) -> Language {
        for entry in acceptLanguage.split(separator: ",") {
            let tag = entry.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            let primary = String(tag.prefix { $0 != "-" })
            if ["no", "nn"].contains(primary) { return .norwegianBokmal }
            if let language = Language.reportLanguages.first(where: { $0.rawValue == primary }) { return language }
        }
        return .english
    }
}
