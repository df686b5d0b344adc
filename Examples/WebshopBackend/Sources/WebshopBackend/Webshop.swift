import Foundation
import Hummingbird
import PersonalDataLedger
import PersonalDataLedgerReports

/// The webshop's privacy-relevant endpoints, over one ledger.
///
/// Each endpoint records what just happened — an order placed, a consent decision, a shipment —
/// as it happens, so the ledger is never a reconstruction after the fact. A write the ledger
/// refuses comes back as `422` with the rule it broke; nothing of it was recorded.
struct Webshop: Sendable {
    /// The privacy policy version the checkout shows; consent is recorded under it.
    static let policyVersion = "2018-05-25"

    let ledger: Ledger

    /// Publishes the policy version the checkout shows, unless the ledger already knows it.
    func publishPolicyIfNeeded() async throws {
        guard try await !ledger.policyVersions().contains(where: { $0.version == Self.policyVersion }) else { return }
        try await ledger.publishPolicy(
            version: Self.policyVersion, effectiveFrom: Date(timeIntervalSince1970: 1_527_206_400), isMajor: true)
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: LedgerErrorMiddleware())
        router.post("orders") { request, context in try await recordOrder(request, context) }
        router.post("consents") { request, context in try await recordConsent(request, context) }
        router.post("shipments") { request, context in try await recordShipment(request, context) }
        // A real service serves this only to the person it is about, after authenticating them.
        router.get("privacy/subjects/:id/report") { request, context in try await report(request, context) }
        return router
    }

    /// `POST /orders`: the customer placed an order; what they entered is held in the order system
    /// under the contract.
    func recordOrder(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let order = try await request.decodeJSON(as: OrderRequest.self)
        let items = order.data.sorted { $0.key < $1.key }.map { DataItem($0.key, value: $0.value) }
        let facts = try await ledger.record(
            items, about: order.customer, in: "webshop.orders", for: .customerAccountAndOrders,
            source: .dataSubject, reference: order.order)
        return try .json(Recorded(facts: facts.map(\.sequence)), status: .created)
    }

    /// `POST /consents`: the customer gave, refused or withdrew consent to a purpose.
    func recordConsent(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let consent = try await request.decodeJSON(as: ConsentRequest.self)
        let fact = try await ledger.consent(
            consent.decision, by: consent.customer, for: consent.purpose, policy: Self.policyVersion,
            channel: consent.channel, evidence: consent.evidence)
        return try .json(Recorded(facts: [fact.sequence]), status: .created)
    }

    /// `POST /shipments`: the warehouse handed the order to a carrier. The carrier received the
    /// categories on the label; a shipment that completes the order starts its retention clock.
    func recordShipment(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let shipment = try await request.decodeJSON(as: ShipmentRequest.self)
        guard !shipment.order.rawValue.isEmpty else {
            throw HTTPError(.badRequest, message: "Name the order the shipment belongs to, such as 'order:50017'.")
        }
        var facts = [
            try await ledger.disclose(
                shipment.categories, of: shipment.customer, to: shipment.carrier, for: .shipping,
                reference: shipment.order)
        ]
        if shipment.completesOrder ?? true {
            facts.append(try await ledger.recordLifecycleEvent(.orderDelivered, reference: shipment.order))
        }
        return try .json(Recorded(facts: facts.map(\.sequence)), status: .created)
    }

    /// `GET /privacy/subjects/{id}/report`: the access report (GDPR Art. 15) — JSON, or the HTML
    /// letter when the client accepts `text/html`, in Norwegian when it prefers `nb` or `no`.
    func report(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let subject = SubjectID(try context.parameters.require("id"))
        let report = try await ledger.issueReport(for: subject, requestedBy: "webshop.privacy-page")
        guard request.headers[.accept]?.contains("text/html") == true else {
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(data: try report.jsonData())))
        }
        let language = request.headers[.acceptLanguage].map(Language.preferred(in:)) ?? .english
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(
                byteBuffer: ByteBuffer(
                    string: report.htmlLetter(in: language, catalog: ledger.catalog, country: ledger.region))))
    }
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
