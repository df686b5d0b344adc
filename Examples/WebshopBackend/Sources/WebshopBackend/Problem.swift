import Foundation
import Hummingbird

/// Every error the webshop answers with: an RFC 9457 problem, `application/problem+json`.
///
/// `type` is `urn:webshop:problem:RULE`, `rule` names the rule broken, and `detail` says what
/// to do — never a personal value, a token or an identifier from the request.
struct Problem: Error, Codable, Sendable, Equatable, HTTPResponseError {
    /// The media type of a problem.
    static let mediaType = "application/problem+json"

    var type: String
    var title: String
    var statusCode: Int
    var detail: String
    /// The rule broken, the last part of `type`: `purposeLimitation`, `unknownSubject`…
    var rule: String
    /// `WWW-Authenticate` for a `401`: not part of the body.
    var challenge: String?

    enum CodingKeys: String, CodingKey {
        case type, title, detail, rule
        case statusCode = "status"
    }

    init(_ status: HTTPResponse.Status, rule: String, title: String, detail: String, challenge: String? = nil) {
        self.type = "urn:webshop:problem:\(rule)"
        self.title = title
        self.statusCode = status.code
        self.detail = detail
        self.rule = rule
        self.challenge = challenge
    }

    var status: HTTPResponse.Status { .init(code: statusCode) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var headers: HTTPFields = [.contentType: Self.mediaType]
        if let challenge { headers[.wwwAuthenticate] = challenge }
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(self))))
    }
}

extension Problem {
    static let authenticationRequired = Problem(
        .unauthorized, rule: "authenticationRequired", title: "Authentication required",
        detail: "Send 'Authorization: Bearer TOKEN' with a token the operator gave your service or the DPO.",
        challenge: "Bearer realm=\"webshop\"")

    static let unknownToken = Problem(
        .unauthorized, rule: "unknownToken", title: "Unknown bearer token",
        detail: "The bearer token is not one this server knows; ask the operator for your caller's token.",
        challenge: "Bearer realm=\"webshop\", error=\"invalid_token\"")

    static func roleRequired(_ role: Caller.Role) -> Problem {
        Problem(
            .forbidden, rule: "roleRequired", title: "Role required",
            detail: "This endpoint needs a caller with the '\(role.rawValue)' role.")
    }

    static let unknownSubject = Problem(
        .notFound, rule: "unknownSubject", title: "Unknown subject",
        detail: "The ledger holds no fact about this subject (never recorded, or erased); nothing was recorded.")

    static let noSuchEndpoint = Problem(
        .notFound, rule: "noSuchEndpoint", title: "No such endpoint",
        detail: "No endpoint answers this method and path; see openapi.json for the ones that do.")

    static func malformedBody(_ detail: String) -> Problem {
        Problem(.badRequest, rule: "malformedBody", title: "Malformed body", detail: detail)
    }

    static let bodyTooLarge = Problem(
        .contentTooLarge, rule: "bodyTooLarge", title: "Body too large",
        detail: "A request body may hold at most 64 KiB.")

    static func malformedIdempotencyKey(_ detail: String) -> Problem {
        Problem(.badRequest, rule: "malformedIdempotencyKey", title: "Malformed Idempotency-Key", detail: detail)
    }

    static let idempotencyKeyReused = Problem(
        .unprocessableContent, rule: "idempotencyKeyReused", title: "Idempotency-Key reused",
        detail:
            "This Idempotency-Key was used with a different body; nothing was recorded. Use a new key for a new request."
    )

    static let idempotencyKeyInFlight = Problem(
        .conflict, rule: "idempotencyKeyInFlight", title: "Request with this Idempotency-Key in progress",
        detail: "A request with this Idempotency-Key is still being processed; retry it in a moment.")

    /// A refusal by the ledger: the rule, and the ledger's message (which never holds a value).
    static func refused(rule: String, message: String) -> Problem {
        Problem(.unprocessableContent, rule: rule, title: "Refused by the ledger", detail: message)
    }

    /// A store failure: try again later.
    static func storeFailed(code: String, message: String) -> Problem {
        Problem(.serviceUnavailable, rule: "store.\(code)", title: "The ledger's store failed", detail: message)
    }

    /// Any other error a handler threw, of Hummingbird's or unexpected: the status only, never
    /// the error's own text (it may quote the request).
    static func unexpected(_ status: HTTPResponse.Status) -> Problem {
        switch status {
        case .notFound: return .noSuchEndpoint
        case .unauthorized: return .authenticationRequired
        case .contentTooLarge: return .bodyTooLarge
        case .forbidden:
            return Problem(.forbidden, rule: "forbidden", title: "Forbidden", detail: "This caller may not do this.")
        case .internalServerError:
            return Problem(
                .internalServerError, rule: "internalError", title: "Internal error",
                detail: "The server failed to answer; its log says why.")
        default:
            return Problem(
                status, rule: "http\(status.code)", title: status.reasonPhrase,
                detail: "The request could not be answered (HTTP \(status.code)).")
        }
    }
}
