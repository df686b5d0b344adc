import Foundation
import Hummingbird
import HummingbirdTesting
import PersonalDataLedger
import Testing

@testable import WebshopBackend

/// What makes the privacy API safe to copy: unknown subjects, caching, one error format,
/// idempotent POSTs, erasure.
@Suite struct PrivacyAPITests {
    @Test(arguments: ["/privacy/subjects/customer:99999/report", "/privacy/subjects/customer:99999/erasure"])
    func anUnknownSubjectIsNotFoundAndNothingIsRecorded(_ uri: String) async throws {
        let (app, ledger) = try await makeWebshop()
        let before = try await ledger.store.integrityHead()
        try await app.test(.router) { client in
            let method: HTTPRequest.Method = uri.hasSuffix("report") ? .get : .post
            try await client.execute(uri: uri, method: method, headers: TestCallers.dpo()) { response in
                #expect(response.status == .notFound)
                let problem = try readProblem(in: response)
                #expect(problem.rule == "unknownSubject")
                #expect(!String(buffer: response.body).contains("99999"))
            }
        }
        #expect(try await ledger.store.integrityHead() == before)
        #expect(try await ledger.store.facts(for: .accountability("customer:99999")).isEmpty)
    }

    @Test(arguments: [[:], [.accept: "text/html"]] as [HTTPFields])
    func aReportIsNeverCachedAndVariesWithWhoAsksAndWhatTheyAccept(_ headers: HTTPFields) async throws {
        let (app, _) = try await makeWebshop()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: kariOrder))
            try await client.execute(
                uri: "/privacy/subjects/customer:10001/report", method: .get, headers: TestCallers.dpo(headers)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.headers[.vary] == "Accept, Accept-Language, Authorization")
                #expect(String(buffer: response.body).contains("Kari Nordmann"))
            }
        }
    }

    /// Hummingbird's own answers — no such route, a method the route does not have — are
    /// problems too.
    @Test(
        arguments: [
            (HTTPRequest.Method.get, "/"), (.get, "/orders"), (.delete, "/privacy/subjects/customer:10001/report"),
        ])
    func aRoutingErrorIsAProblem(method: HTTPRequest.Method, uri: String) async throws {
        let (app, _) = try await makeWebshop()
        try await app.test(.router) { client in
            try await client.execute(uri: uri, method: method, headers: TestCallers.dpo()) { response in
                #expect(response.status == .notFound)
                let rule = try readProblem(in: response).rule
                #expect(rule == "noSuchEndpoint")
            }
        }
    }

    @Test func aBodyOver64KiBIsAProblem() async throws {
        let (app, ledger) = try await makeWebshop()
        let before = try await ledger.store.integrityHead()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service(),
                body: ByteBuffer(string: String(repeating: " ", count: 65 * 1024) + kariOrder)
            ) { response in
                #expect(response.status == .contentTooLarge)
                let rule = try readProblem(in: response).rule
                #expect(rule == "bodyTooLarge")
            }
        }
        #expect(try await ledger.store.integrityHead() == before)
    }

    @Test func aRetryWithTheSameKeyGetsTheFirstAnswerAndRecordsNothingTwice() async throws {
        let (app, ledger) = try await makeWebshop()
        let key: HTTPFields = [IdempotencyKey.field: "0d9e6f1c-6c1e-4c39-9a57-8a2f1b6f3e21"]
        try await app.test(.router) { client in
            let first = try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service(key), body: ByteBuffer(string: kariOrder))
            #expect(first.status == .created)
            let afterFirst = try await ledger.store.integrityHead()
            let retry = try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service(key), body: ByteBuffer(string: kariOrder))
            #expect(retry.status == .created)
            #expect(String(buffer: retry.body) == String(buffer: first.body))
            #expect(try await ledger.store.integrityHead() == afterFirst)
        }
        #expect(try await ledger.store.facts(about: "customer:10001").count == 3)
    }

    @Test func theSameKeyWithAnotherBodyIsRefusedAndRecordsNothing() async throws {
        let (app, ledger) = try await makeWebshop()
        let key: HTTPFields = [IdempotencyKey.field: "order-50017-attempt"]
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service(key), body: ByteBuffer(string: kariOrder))
            let afterFirst = try await ledger.store.integrityHead()
            let other = kariOrder.replacingOccurrences(of: "order:50017", with: "order:50018")
            try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service(key), body: ByteBuffer(string: other)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let rule = try readProblem(in: response).rule
                #expect(rule == "idempotencyKeyReused")
            }
            #expect(try await ledger.store.integrityHead() == afterFirst)
        }
    }

    /// A refused write keeps no answer: it recorded nothing, so the corrected retry may use the key.
    @Test func aRefusedWriteDoesNotUseUpItsKey() async throws {
        let (app, _) = try await makeWebshop()
        let key: HTTPFields = [IdempotencyKey.field: "consent-1"]
        try await app.test(.router) { client in
            let withdrawnBeforeGiven = """
                {"customer": "customer:10001", "purpose": "noSuchPurpose", "decision": "given", "channel": "web"}
                """
            let refused = try await client.execute(
                uri: "/consents", method: .post, headers: TestCallers.service(key),
                body: ByteBuffer(string: withdrawnBeforeGiven))
            #expect(refused.status == .unprocessableContent)
            let rule = try readProblem(in: refused).rule
            #expect(rule == "unknownPurpose")
            let fixed = withdrawnBeforeGiven.replacingOccurrences(of: "noSuchPurpose", with: "contactRegister")
            // Another body under the key: accepted, as the refused one left no answer.
            let accepted = try await client.execute(
                uri: "/consents", method: .post, headers: TestCallers.service(key), body: ByteBuffer(string: fixed))
            #expect(accepted.status == .created)
        }
    }

    @Test(arguments: ["", String(repeating: "k", count: 256), "two words"])
    func aMalformedKeyIsAProblem(_ value: String) async throws {
        let (app, ledger) = try await makeWebshop()
        let before = try await ledger.store.integrityHead()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service([IdempotencyKey.field: value]),
                body: ByteBuffer(string: kariOrder)
            ) { response in
                #expect(response.status == .badRequest)
                let rule = try readProblem(in: response).rule
                #expect(rule == "malformedIdempotencyKey")
            }
        }
        #expect(try await ledger.store.integrityHead() == before)
    }

    /// Keys are kept per caller, at most `capacity` of them: the oldest goes first.
    @Test func theIdempotencyTableIsBounded() async throws {
        let table = IdempotencyTable(capacity: 3)
        for key in ["a", "b", "c", "d"] {
            #expect(await table.claim(caller: "checkout", key: key, body: Data(key.utf8)) == .proceed)
            await table.finish(caller: "checkout", key: key, answer: .init(status: 201, body: Data(key.utf8)))
        }
        #expect(await table.count == 3)
        // "a" went first, so it is new again; "d" is still answered.
        #expect(await table.claim(caller: "checkout", key: "a", body: Data("x".utf8)) == .proceed)
        #expect(
            await table.claim(caller: "checkout", key: "d", body: Data("d".utf8))
                == .replay(.init(status: 201, body: Data("d".utf8))))
        // Another caller's key of the same name is its own.
        #expect(await table.claim(caller: "other", key: "d", body: Data("e".utf8)) == .proceed)
        #expect(await table.claim(caller: "other", key: "d", body: Data("e".utf8)) == .inFlight)
    }

    @Test func theIdempotencyTableForgetsKeysAfterTheirLifetime() async throws {
        let table = IdempotencyTable(capacity: 10, lifetime: .zero)
        #expect(await table.claim(caller: "checkout", key: "a", body: Data()) == .proceed)
        await table.finish(caller: "checkout", key: "a", answer: .init(status: 201, body: Data()))
        #expect(await table.claim(caller: "checkout", key: "a", body: Data("other".utf8)) == .proceed)
        #expect(await table.count == 1)
    }

    /// Once the order is delivered no hold keeps it: everything goes, the identifier too, and the
    /// report is then a `404`. A retry of the erasure replays its answer.
    @Test func theDPOErasesADeliveredCustomerAndARetryErasesNothingMore() async throws {
        let (app, ledger) = try await makeWebshop()
        let key: HTTPFields = [IdempotencyKey.field: "gdpr-erasure-1"]
        let shipment = """
            {"customer": "customer:10001", "order": "order:50017", "carrier": "carrier", "categories": ["name"]}
            """
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: kariOrder))
            try await client.execute(
                uri: "/shipments", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: shipment))
            let erased = try await client.execute(
                uri: "/privacy/subjects/customer:10001/erasure", method: .post, headers: TestCallers.dpo(key),
                body: ByteBuffer(string: #"{"reason": "subjectRequest"}"#))
            #expect(erased.status == .ok)
            #expect(erased.headers[.cacheControl] == "no-store")
            let answer = try JSONDecoder().decode(Erased.self, from: Data(buffer: erased.body))
            #expect(answer.erasedHoldings == 3 && answer.kept.isEmpty && answer.identifiersErased == 1)
            #expect(answer.recipientsToTell == ["carrier"])
            let body = String(buffer: erased.body)
            #expect(!body.contains("Kari") && !body.contains("customer:10001"))
            // A retry replays the first answer and erases nothing more.
            let head = try await ledger.store.integrityHead()
            let retry = try await client.execute(
                uri: "/privacy/subjects/customer:10001/erasure", method: .post, headers: TestCallers.dpo(key),
                body: ByteBuffer(string: #"{"reason": "subjectRequest"}"#))
            #expect(retry.status == .ok && String(buffer: retry.body) == body)
            #expect(try await ledger.store.integrityHead() == head)
            let report = try await client.execute(
                uri: "/privacy/subjects/customer:10001/report", method: .get, headers: TestCallers.dpo())
            #expect(report.status == .notFound)
        }
        let facts = try await ledger.store.facts(from: 1, limit: .max)
        #expect(!facts.contains { $0.body.personalValues.contains(PersonalValue("Kari Nordmann")) })
    }

    @Test func anErasureWithAnUnknownReasonIsAProblem() async throws {
        let (app, ledger) = try await makeWebshop()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: kariOrder))
            let before = try await ledger.store.integrityHead()
            try await client.execute(
                uri: "/privacy/subjects/customer:10001/erasure", method: .post, headers: TestCallers.dpo(),
                body: ByteBuffer(string: #"{"reason": "retentionExpired"}"#)
            ) { response in
                #expect(response.status == .badRequest)
                let rule = try readProblem(in: response).rule
                #expect(rule == "malformedBody")
            }
            #expect(try await ledger.store.integrityHead() == before)
        }
    }
}
