import Foundation
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import PersonalDataLedger
import Testing

@testable import WebshopBackend

/// `GET /metrics` after orders placed through the API: the ledger's counters, in Prometheus text,
/// and its log lines, with no personal value in either.
@Suite struct MetricsEndpointTests {
    /// What the orders below carry, and the customer and order they name: none may be in the page.
    static let personalValues = [
        "Kari Nordmann", "Nordmann", "kari.nordmann@example.no", "Storgata 1", "0155 Oslo", "16822548834",
        "customer:10001", "order:50017",
    ]

    static let refusedOrder = """
        {"customer": "customer:10001", "order": "order:50017",
         "data": {"name": "Kari Nordmann", "nationalIDNumber": "16822548834"}}
        """

    /// Places Kari's order and one the ledger refuses, then answers the metrics page and the log
    /// lines written meanwhile (message and metadata).
    static func metricsAfterTwoOrders() async throws -> (
        status: HTTPResponse.Status, type: String?, body: String, log: [String]
    ) {
        let logs = InMemoryLogHandler()
        let router = try await makeObservedRouter(logger: Logger(label: "test", factory: { _ in logs }))
        let page = try await Application(router: router).test(.router) { client in
            try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: kariOrder)
            ) { response in
                #expect(response.status == .created)
            }
            try await client.execute(
                uri: "/orders", method: .post, headers: TestCallers.service(), body: ByteBuffer(string: refusedOrder)
            ) {
                response in
                #expect(response.status == .unprocessableContent)
            }
            return try await client.execute(uri: "/metrics", method: .get) { response in
                (response.status, response.headers[.contentType], String(buffer: response.body))
            }
        }
        let log = logs.entries.map { entry in
            ([entry.message.description] + entry.metadata.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
        }
        return (page.0, page.1, page.2, log)
    }

    /// The value of the sample of `name` whose labels include every one of `labels`.
    static func sample(_ name: String, _ labels: [String], in page: String) -> String? {
        for line in page.split(separator: "\n") where line.hasPrefix(name + "{") || line.hasPrefix(name + " ") {
            let (series, value) = (line.prefix { $0 != " " }, line.split(separator: " ").last ?? "")
            if labels.allSatisfy({ series.contains($0) }) { return String(value) }
        }
        return nil
    }

    @Test func theCountersShowTheOrderRecordedAndTheOneRefused() async throws {
        let page = try await Self.metricsAfterTwoOrders()
        #expect(page.status == .ok)
        #expect(page.type?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(
            Self.sample("ledger_writes_total", [#"kind="holding""#, #"outcome="accepted""#], in: page.body) == "1")
        #expect(
            Self.sample("ledger_refusals_total", [#"kind="holding""#, #"rule="purposeLimitation""#], in: page.body)
                == "1")
        #expect(Self.sample("ledger_facts_recorded_total", [#"kind="holding""#], in: page.body) == "3")
        #expect(Self.sample("ledger_store_appends_total", [], in: page.body) == "2")
        #expect(
            page.log.filter { $0.hasPrefix("ledger.write.accepted ") && $0.contains("ledger.kind=holding") }.count == 1)
        #expect(
            page.log.contains { $0.hasPrefix("ledger.write.refused") && $0.contains("ledger.rule=purposeLimitation") })
    }

    @Test(arguments: personalValues)
    func neitherTheMetricsPageNorTheLogHoldsAPersonalValue(_ value: String) async throws {
        let page = try await Self.metricsAfterTwoOrders()
        #expect(!page.body.contains(value))
        #expect(!page.log.contains { $0.contains(value) })
    }
}
