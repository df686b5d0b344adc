import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PersonalDataLedger
import Testing

@testable import WebshopBackend

/// The example's `openapi.json`, read with `$ref`s followed.
struct OpenAPIDocument {
    static let path = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "openapi.json")

    let root: [String: Any]

    init() throws {
        root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.path)) as? [String: Any])
    }

    /// `value`, or what its `$ref` (`#/a/b/c`) points to.
    func resolve(_ value: Any?) -> [String: Any] {
        guard let object = value as? [String: Any] else { return [:] }
        guard let reference = object["$ref"] as? String, reference.hasPrefix("#/") else { return object }
        var node: Any? = root
        for part in reference.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] }
        return resolve(node)
    }

    var paths: [String: Any] { root["paths"] as? [String: Any] ?? [:] }

    /// Every documented operation, as `METHOD /path`.
    var operations: [String] {
        paths.flatMap { path, item in
            ((item as? [String: Any]) ?? [:]).keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }
                .map { "\($0.uppercased()) \(path)" }
        }.sorted()
    }

    /// Whether `operation` needs a caller: its own `security`, else the document's; `[]` is none
    /// (`/metrics`, which Prometheus scrapes).
    func needsCaller(_ operation: [String: Any]) -> Bool {
        guard let security = (operation["security"] ?? root["security"]) as? [Any] else { return false }
        return !security.isEmpty
    }

    func operation(_ name: String) -> [String: Any] {
        let parts = name.split(separator: " ", maxSplits: 1).map(String.init)
        return resolve((paths[parts[1]] as? [String: Any])?[parts[0].lowercased()])
    }

    /// The content types documented for `status` of `operation`; `nil` when the status is not.
    func contentTypes(of operation: [String: Any], status: Int) -> Set<String>? {
        guard let responses = operation["responses"] as? [String: Any], let response = responses["\(status)"] else {
            return nil
        }
        return Set((resolve(response)["content"] as? [String: Any] ?? [:]).keys)
    }
}

/// The OpenAPI document kept in the example matches the running server: every documented
/// operation answers only with documented statuses and content types — to its own caller, to no
/// caller, to a wrong one, to the other role, to a malformed body, about an unknown subject — and
/// every route the server has is documented.
@Suite struct OpenAPITests {
    static let operations = (try? OpenAPIDocument().operations) ?? []

    /// The server's routes, as `Server` builds them: the privacy API and `/metrics` beside it.
    static func serverRouter() async throws -> Router<WebshopContext> {
        try await makeObservedRouter(logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Every operation answers a token no caller has with `401` (those that need a caller, also
    /// no token), and every error it documents is a problem.
    @Test func theDocumentIsOpenAPI31AndEveryErrorIsAProblem() throws {
        let document = try OpenAPIDocument()
        #expect(document.root["openapi"] as? String == "3.1.0")
        #expect(!Self.operations.isEmpty)
        for name in Self.operations {
            let operation = document.operation(name)
            #expect(document.contentTypes(of: operation, status: 401) == [Problem.mediaType], "\(name)")
            let statuses = (operation["responses"] as? [String: Any] ?? [:]).keys.compactMap { Int($0) }
            for status in statuses where status >= 400 {
                #expect(
                    document.contentTypes(of: operation, status: status) == [Problem.mediaType], "\(name) \(status)")
            }
        }
    }

    @Test func everyRouteTheServerHasIsDocumentedAndEveryDocumentedOneIsARoute() async throws {
        let routes = try await Self.serverRouter().routes
            .map { "\($0.method.rawValue) \($0.path.description)" }.sorted()
        #expect(routes == Self.operations)
    }

    @Test(arguments: operations)
    func everyAnswerIsDocumented(_ name: String) async throws {
        let document = try OpenAPIDocument()
        let operation = document.operation(name)
        let parts = name.split(separator: " ", maxSplits: 1).map(String.init)
        let method = HTTPRequest.Method(rawValue: parts[0])!
        let roles = (operation["security"] as? [[String: [String]]])?.first?["bearer"] ?? []
        let own = roles.contains("dpo") ? TestCallers.dpoToken : TestCallers.serviceToken
        let other = roles.contains("dpo") ? TestCallers.serviceToken : TestCallers.dpoToken
        let example = (document.resolve(operation["requestBody"])["content"] as? [String: Any])
            .flatMap { $0["application/json"] as? [String: Any] }?["example"]
        let body =
            try example.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) } ?? ""

        func uri(subject: String) -> String { parts[1].replacingOccurrences(of: "{id}", with: subject) }
        var requests: [(label: String, uri: String, headers: HTTPFields, body: String)] = [
            ("own caller", uri(subject: "customer:10001"), TestCallers.bearer(own), body),
            ("no caller", uri(subject: "customer:10001"), [:], body),
            ("wrong token", uri(subject: "customer:10001"), TestCallers.bearer("x" + own), body),
            ("other role", uri(subject: "customer:10001"), TestCallers.bearer(other), body),
        ]
        if method == .post {
            requests.append(("malformed body", uri(subject: "customer:10001"), TestCallers.bearer(own), "{"))
            let key: HTTPFields = [IdempotencyKey.field: "openapi-check"]
            requests.append(("key, first", uri(subject: "customer:10001"), TestCallers.bearer(own, key), body))
            requests.append(("key, other body", uri(subject: "customer:10001"), TestCallers.bearer(own, key), "{}"))
        }
        if parts[1].contains("{id}") {
            requests.append(("unknown subject", uri(subject: "customer:99999"), TestCallers.bearer(own), body))
        }

        let app = Application(router: try await Self.serverRouter())
        let sent = requests
        let answers = try await app.test(.router) { client in
            // Kari's order, so the report and the erasure have someone to answer about.
            try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: kariOrder))
            var answers: [(label: String, status: Int, contentType: String, cacheControl: String?)] = []
            for request in sent {
                let response = try await client.execute(
                    uri: request.uri, method: method, headers: request.headers, body: ByteBuffer(string: request.body))
                answers.append(
                    (
                        request.label, Int(response.status.code),
                        response.headers[.contentType]?.split(separator: ";").first.map(String.init) ?? "none",
                        response.headers[.cacheControl]
                    ))
            }
            return answers
        }
        for answer in answers {
            let documented = document.contentTypes(of: operation, status: answer.status)
            #expect(documented != nil, "\(name), \(answer.label): status \(answer.status) is not documented")
            #expect(
                documented?.contains(answer.contentType) == true,
                "\(name), \(answer.label): \(answer.contentType) is not documented for \(answer.status)")
            #expect(answer.cacheControl == "no-store", "\(name), \(answer.label)")
        }
        // The requests reached success and both refusals, so the checks above saw each kind of answer;
        // an operation that needs no caller answers every caller but one with a token no one has.
        let statuses = Set(answers.map(\.status))
        if document.needsCaller(operation) {
            #expect(statuses.isSuperset(of: [401, 403]) && statuses.contains { (200..<300).contains($0) })
        } else {
            #expect(answers.map(\.status) == answers.map { $0.label == "wrong token" ? 401 : 200 })
        }
    }
}
