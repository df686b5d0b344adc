import Foundation
import Hummingbird
import HummingbirdTesting
import InMemoryTracing
import Logging
import PersonalDataLedger
import Testing
import Tracing

@testable import WebshopBackend

/// The spans of an order placed, an order refused and a report issued through the API: a span per
/// request named by its route, the ledger's spans its children, and no personal value in any.
@Suite struct RequestSpanTests {
    /// The process's tracer, bootstrapped once as a service does at start. Each visit runs under a
    /// root span of its own and reads its own trace only, so suites running in parallel do not
    /// see each other's spans.
    static let tracer: InMemoryTracer = {
        let tracer = InMemoryTracer()
        InstrumentationSystem.bootstrap(tracer)
        return tracer
    }()

    /// What the orders carry, the customer and order they name, and the callers' tokens: none may
    /// be in a span.
    static let personalValues = [
        "Kari Nordmann", "Nordmann", "kari.nordmann@example.no", "Storgata 1", "0155 Oslo", "16822548834",
        "customer:10001", "10001", "order:50017", "50017", TestCallers.serviceToken, TestCallers.dpoToken,
    ]

    /// Kari's order, one the ledger refuses (a national ID number for her account), and her
    /// report, through the API with the webshop's observer; answers the spans of that visit,
    /// without the visit's own root span.
    static func spansOfOneVisit() async throws -> [FinishedInMemorySpan] {
        let tracer = Self.tracer
        let observability = WebshopObservability(
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let ledger = Ledger(
            store: InMemoryLedgerStore(observer: observability.observer), catalog: .focusNordic, region: .norway,
            actor: "webshop", observer: observability.observer)
        let webshop = Webshop(ledger: ledger, tokens: TestCallers.tokens)
        try await webshop.publishPolicyIfNeeded()
        let visit = tracer.startSpan("test.visit")
        try await ServiceContext.withValue(visit.context) {
            try await Application(router: webshop.router()).test(.router) { client in
                try await client.execute(
                    uri: "/orders", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: kariOrder)
                ) { response in
                    #expect(response.status == .created)
                }
                try await client.execute(
                    uri: "/orders", method: .post, headers: TestCallers.service(),
                    body: ByteBuffer(string: MetricsEndpointTests.refusedOrder)
                ) { response in
                    #expect(response.status == .unprocessableContent)
                }
                try await client.execute(
                    uri: "/privacy/subjects/customer:10001/report", method: .get, headers: TestCallers.dpo()
                ) { response in
                    #expect(response.status == .ok)
                }
            }
        }
        visit.end()
        return tracer.finishedSpans.filter { $0.traceID == visit.traceID && $0.spanID != visit.spanID }
    }

    @Test func everyRequestHasAServerSpanNamedByItsRouteWithItsStatus() async throws {
        let requests = try await Self.spansOfOneVisit().filter { $0.kind == .server }
            .sorted { $0.startInstant.nanosecondsSinceEpoch < $1.startInstant.nanosecondsSinceEpoch }
        #expect(requests.map(\.operationName) == ["/orders", "/orders", "/privacy/subjects/{id}/report"])
        #expect(requests.map { $0.attributes.get("http.response.status_code") } == [.int(201), .int(422), .int(200)])
        #expect(requests.map { $0.attributes.get("url.path") } == requests.map { .string($0.operationName) })
    }

    /// A ledger call the visit makes: its span's name, how it ended, and the status of the
    /// request that made it.
    struct LedgerCall: Sendable, CustomTestStringConvertible {
        let name: String
        let outcome: String
        let status: Int
        var testDescription: String { "\(name) \(outcome) in a \(status)" }
    }

    /// Each ledger call's span is a child of the span of the request that made it, and says how
    /// the call ended.
    @Test(
        arguments: [
            LedgerCall(name: "ledger.holding", outcome: "accepted", status: 201),
            LedgerCall(name: "ledger.holding", outcome: "refused", status: 422),
            LedgerCall(name: "ledger.reportIssued", outcome: "accepted", status: 200),
        ])
    func aLedgerSpanIsAChildOfItsRequestSpan(_ call: LedgerCall) async throws {
        let spans = try await Self.spansOfOneVisit()
        let ledgerSpan = try #require(
            spans.first {
                $0.operationName == call.name && $0.attributes.get("ledger.outcome") == .string(call.outcome)
            })
        let parent = try #require(spans.first { $0.spanID == ledgerSpan.parentSpanID })
        #expect(parent.kind == .server)
        #expect(parent.attributes.get("http.response.status_code") == .int(Int64(call.status)))
    }

    @Test(arguments: personalValues)
    func noPersonalValueIsInAnySpan(_ value: String) async throws {
        let spans = try await Self.spansOfOneVisit()
        #expect(spans.count >= 6)
        let shown = spans.flatMap(Self.everythingShown(by:))
        #expect(!shown.contains { $0.contains(value) })
    }

    /// Everything a span shows a tracer's backend: its name, its attributes' keys and values, its
    /// events', its status message and the errors recorded on it.
    static func everythingShown(by span: FinishedInMemorySpan) -> [String] {
        var shown = [span.operationName, span.status?.message ?? ""]
        span.attributes.forEach { key, value in shown += [key, "\(value)"] }
        for event in span.events {
            shown.append(event.name)
            event.attributes.forEach { key, value in shown += [key, "\(value)"] }
        }
        shown += span.errors.map { "\($0.error)" }
        return shown
    }
}
