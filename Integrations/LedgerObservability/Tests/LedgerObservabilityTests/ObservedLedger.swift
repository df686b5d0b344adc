import Foundation
import InMemoryLogging
import InMemoryTracing
import LedgerObservability
import Logging
import MetricsTestKit
import PersonalDataLedger
import Tracing

/// A ledger on an in-memory store whose events go to in-memory log, metrics and tracing
/// handlers, after a story of real personal values: recorded, refused, reported, erased, swept.
struct ObservedLedger {
    static let kari: SubjectID = "customer:10001"

    /// Every personal value and identifier of the story: none may reach a handler. (Digits alone,
    /// such as the customer number, could appear by chance in a logged duration.)
    static let personalValues = [
        "Kari Nordmann", "Nordmann", "kari@example.no", "+4791234567", "16822548834", "customer:10001",
        "order:50017",
    ]

    let logs = InMemoryLogHandler()
    let metrics = TestMetrics()
    let tracer = InMemoryTracer()
    let ledger: Ledger
    /// The span of the request the story's calls run in.
    private(set) var request: FinishedInMemorySpan?

    init() {
        let logs = self.logs
        var logger = Logger(label: "test.ledger", factory: { _ in logs })
        logger.logLevel = .trace
        let observer = MultiplexLedgerObserver(logger: logger, metricsFactory: metrics, tracer: tracer)
        ledger = Ledger(
            store: InMemoryLedgerStore(observer: observer), catalog: .focusNordic, region: .norway,
            actor: "webshop", clock: .fixed(Date(timeIntervalSince1970: 1_780_000_000)), observer: observer)
    }

    /// Records, refuses, reports, erases and sweeps, all inside one request span.
    static func afterTheStory() async throws -> ObservedLedger {
        var observed = ObservedLedger()
        let ledger = observed.ledger
        try await observed.tracer.withSpan("POST /orders") { _ in
            try await ledger.publishPolicy(
                version: "2018-05-25", effectiveFrom: Date(timeIntervalSince1970: 1_527_206_400), isMajor: true)
            try await ledger.consent(.given, by: kari, for: .contactRegister, policy: "2018-05-25", channel: "checkout")
            try await ledger.record(
                [.name("Kari Nordmann"), .email("kari@example.no"), .phone("+4791234567")], about: kari,
                in: "webshop.orders", for: .customerAccountAndOrders, reference: "order:50017")
            do {
                try await ledger.record(
                    [.nationalIDNumber("16822548834")], about: kari, in: "webshop.orders",
                    for: .customerAccountAndOrders, reference: "order:50017")
            } catch let refusal as LedgerError where refusal.rule == .purposeLimitation {}
            try await ledger.record(
                [.email("kari@example.no")], about: kari, in: "marketing.contacts", for: .contactRegister)
            _ = try await ledger.issueReport(for: kari, requestedBy: "dpo")
            try await ledger.erase(kari, scope: .purposes([.contactRegister]))
            try await ledger.applyRetention()
        }
        observed.request = observed.tracer.finishedSpans.first { $0.operationName == "POST /orders" }
        return observed
    }

    /// Every text the handlers hold: log messages, metadata keys and values, metric labels and
    /// dimensions, span names, attributes, events and status messages.
    var everythingHandled: [String] {
        var texts: [String] = []
        for entry in logs.entries {
            texts.append(entry.message.description)
            for (key, value) in entry.metadata { texts += [key, value.description] }
        }
        let metricKeys =
            metrics.counters.map { ($0.label, $0.dimensions) } + metrics.timers.map { ($0.label, $0.dimensions) }
            + metrics.recorders.map { ($0.label, $0.dimensions) } + metrics.meters.map { ($0.label, $0.dimensions) }
        for (label, dimensions) in metricKeys {
            texts.append(label)
            for (key, value) in dimensions { texts += [key, value] }
        }
        for span in tracer.finishedSpans {
            texts.append(span.operationName)
            span.attributes.forEach { key, value in texts += [key, "\(value)"] }
            for event in span.events {
                texts.append(event.name)
                event.attributes.forEach { key, value in texts += [key, "\(value)"] }
            }
            if let message = span.status?.message { texts.append(message) }
        }
        return texts
    }
}
