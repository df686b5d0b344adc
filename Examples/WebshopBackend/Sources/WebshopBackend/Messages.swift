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

/// `POST /privacy/subjects/{id}/erasure`: `{"reason": "subjectRequest"}` (the default) or
/// `"consentWithdrawn"`; erases everything of the subject no legal hold keeps.
struct ErasureRequest: Decodable {
    var reason: Erasure.Reason?
}

/// The answer to an erasure: counts and categories, never a value or an identifier.
struct Erased: Codable {
    /// One holding a legal hold keeps.
    struct Kept: Codable {
        var holding: UInt64
        var category: String
        var hold: String
        var until: Date?
    }

    /// The sequence numbers of the erasure facts recorded.
    var facts: [UInt64]
    /// How many holdings were erased.
    var erasedHoldings: Int
    /// How many subject identifiers were erased (the subject's and linked ones).
    var identifiersErased: Int
    var kept: [Kept]
    /// The recipients that must be told (GDPR Art. 19).
    var recipientsToTell: [String]
}

/// A JSON request body: at most 64 KiB, decoded from the bytes the idempotency check saw.
enum RequestBody {
    static let limit = 64 * 1024

    /// Decodes `data`; a body that is not the JSON the endpoint expects is a `400` problem whose
    /// detail names the field, never its value: a body may be full of personal data.
    static func decode<Body: Decodable>(_ type: Body.Type, from data: Data) throws -> Body {
        do {
            return try JSONDecoder().decode(Body.self, from: data)
        } catch let error as DecodingError {
            throw Problem.malformedBody("The body is not the JSON this endpoint expects\(error.fieldPath).")
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
    static func json(_ body: Data, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: body))
        )
    }
}
