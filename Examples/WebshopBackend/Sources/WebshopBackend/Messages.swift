import Foundation
import Hummingbird
import PersonalDataLedger

/// `POST /orders`: `{"customer": "customer:10001", "order": "order:50017", "data": {"name": "Kari Nordmann"}}`.
///
/// `data` is keyed by category name, so the catalog — not this service — decides what an order may
/// hold: a national ID number is refused (purpose limitation), a misspelt category is unknown.
struct OrderRequest: Decodable {
    var customer: SubjectID
    var order: BusinessReference
    var data: [DataCategory: String]
}

/// `POST /consents`: `{"customer": "customer:10001", "purpose": "contactRegister", "decision": "given",
/// "channel": "checkout-checkbox", "evidence": "form:checkout-v3"}`.
struct ConsentRequest: Decodable {
    var customer: SubjectID
    var purpose: Purpose
    var decision: ConsentDecision.Decision
    var channel: String
    var evidence: String?
}

/// `POST /shipments`: `{"customer": "customer:10001", "order": "order:50017", "carrier": "carrier",
/// "categories": ["name", "deliveryAddress"]}`; `"completesOrder": false` for a partial shipment.
struct ShipmentRequest: Decodable {
    var customer: SubjectID
    var order: BusinessReference
    var carrier: RecipientID
    var categories: [DataCategory]
    var completesOrder: Bool?
}

/// The answer to a recorded write: the sequence numbers of the facts it recorded.
struct Recorded: Codable {
    var facts: [UInt64]
}

/// The answer to a refused write: the rule and what to do, never a personal value.
struct Refusal: Codable {
    var rule: String
    var message: String
}

extension Request {
    /// Decodes a JSON body; a body that is not the JSON the endpoint expects is a `400`.
    ///
    /// The message names the field, never its value: a body may be full of personal data.
    func decodeJSON<Body: Decodable>(as type: Body.Type) async throws -> Body {
        let buffer = try await body.collect(upTo: 64 * 1024)
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw HTTPError(.badRequest, message: "The body is not the JSON this endpoint expects\(error.fieldPath).")
        }
    }
}

extension DecodingError {
    /// " (at field a.b)" for errors at a field, "" otherwise.
    fileprivate var fieldPath: String {
        let path: [any CodingKey]
        switch self {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        @unknown default: path = []
        }
        return path.isEmpty ? "" : " (at field \(path.map(\.stringValue).joined(separator: ".")))"
    }
}

extension Response {
    /// A JSON response.
    static func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
    }
}

/// Turns a refusal by the ledger into `422 Unprocessable Content` with the rule and message, and
/// a store failure into `503` — so a client can tell "you asked for something not allowed" from
/// "try again later".
struct LedgerErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as LedgerError {
            return try .json(Refusal(rule: error.rule.name, message: error.message), status: .unprocessableContent)
        } catch let error as LedgerStoreError {
            context.logger.error("ledger store failed", metadata: ["code": "\(error.code)"])
            return try .json(Refusal(rule: "store.\(error.code)", message: error.message), status: .serviceUnavailable)
        }
    }
}
