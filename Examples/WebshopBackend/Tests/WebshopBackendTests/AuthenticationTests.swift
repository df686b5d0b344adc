import Foundation
import Hummingbird
import HummingbirdTesting
import PersonalDataLedger
import Testing

@testable import WebshopBackend

/// One request to a privacy endpoint, with the token it presents.
struct Attempt: Sendable, CustomTestStringConvertible {
    var method: HTTPRequest.Method
    var uri: String
    var token: String?
    var status: HTTPResponse.Status
    var rule: String

    var testDescription: String { "\(method) \(uri) with \(token.map { $0.prefix(3) + "…" } ?? "no token")" }
}

/// Every endpoint refuses a request without a caller's token, with a wrong one, and with a
/// caller of the other role — as an RFC 9457 problem that records nothing.
@Suite struct AuthenticationTests {
    static let wrongToken = "wrong-token-00000000000000000000000000000000"
    static let recordingEndpoints = ["/orders", "/consents", "/shipments"]
    static let dpoEndpoints: [(HTTPRequest.Method, String)] = [
        (.get, "/privacy/subjects/customer:10001/report"), (.post, "/privacy/subjects/customer:10001/erasure"),
    ]

    static let attempts: [Attempt] =
        recordingEndpoints.flatMap { uri in
            [
                Attempt(method: .post, uri: uri, token: nil, status: .unauthorized, rule: "authenticationRequired"),
                Attempt(method: .post, uri: uri, token: wrongToken, status: .unauthorized, rule: "unknownToken"),
                Attempt(method: .post, uri: uri, token: TestCallers.dpoToken, status: .forbidden, rule: "roleRequired"),
            ]
        }
        + dpoEndpoints.flatMap { method, uri in
            [
                Attempt(method: method, uri: uri, token: nil, status: .unauthorized, rule: "authenticationRequired"),
                Attempt(method: method, uri: uri, token: wrongToken, status: .unauthorized, rule: "unknownToken"),
                Attempt(
                    method: method, uri: uri, token: TestCallers.serviceToken, status: .forbidden,
                    rule: "roleRequired"),
            ]
        }

    @Test(arguments: attempts)
    func aCallerWithoutTheRoleIsRefusedAndNothingIsRecorded(_ attempt: Attempt) async throws {
        let (app, ledger) = try await makeWebshop()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: kariOrder))
        }
        let before = try await ledger.store.integrityHead()
        try await app.test(.router) { client in
            let headers = attempt.token.map { TestCallers.bearer($0) } ?? [:]
            try await client.execute(
                uri: attempt.uri, method: attempt.method, headers: headers, body: ByteBuffer(string: kariOrder)
            ) { response in
                #expect(response.status == attempt.status)
                let problem = try readProblem(in: response)
                #expect(problem.rule == attempt.rule)
                let body = String(buffer: response.body)
                for secret in [
                    TestCallers.serviceToken, TestCallers.dpoToken, Self.wrongToken, "Kari", "customer:10001",
                ] {
                    #expect(!body.contains(secret), "a problem must not echo a token, a value or an identifier")
                }
                if attempt.status == .unauthorized {
                    #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                }
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
        #expect(try await ledger.store.integrityHead() == before)
    }

    /// A token is compared whole: a prefix, a longer string or another case is no token.
    @Test(
        arguments: [
            String(TestCallers.dpoToken.dropLast()), TestCallers.dpoToken + "0", TestCallers.dpoToken.uppercased(), "",
        ])
    func onlyTheWholeTokenAuthenticates(_ token: String) {
        #expect(TestCallers.tokens.caller(presenting: token) == nil)
    }

    @Test func eachTokenAuthenticatesItsCaller() {
        #expect(TestCallers.tokens.caller(presenting: TestCallers.dpoToken) == Caller(name: "dpo-desk", role: .dpo))
        #expect(
            TestCallers.tokens.caller(presenting: TestCallers.serviceToken) == Caller(name: "checkout", role: .service))
    }
}
