import InMemoryTracing
import LedgerObservability
import Logging
import MetricsTestKit
import PersonalDataLedger
import Testing
import Tracing

@Suite struct LedgerObservabilityTests {
    @Test func eachEventIsOneLogLine() async throws {
        let observed = try await ObservedLedger.afterTheStory()
        let lines = observed.logs.entries
        let accepted = lines.filter { $0.message == "ledger.write.accepted" }
        // policy, consent, two holdings, the report, the erasure, the sweep
        #expect(accepted.count == 7)
        #expect(accepted.filter { $0.metadata["ledger.kind"] == "holding" }.count == 2)
        let refused = try #require(lines.first { $0.message == "ledger.write.refused" })
        #expect(refused.level == .notice)
        #expect(refused.metadata["ledger.rule"] == "purposeLimitation")
        #expect(refused.metadata["ledger.kind"] == "holding")
        let report = try #require(lines.first { $0.message == "ledger.report.issued" })
        #expect(report.metadata["ledger.subjects"] == "1")
        let erased = try #require(lines.first { $0.message == "ledger.erased" })
        #expect(erased.metadata["ledger.values"] == "1")
        #expect(erased.metadata["ledger.reason"] == "subjectRequest")
        #expect(lines.contains { $0.message == "ledger.store.appended" && $0.level == .debug })
        #expect(lines.contains { $0.message == "ledger.retention.progress" })
    }

    @Test func writesRefusalsReportsAndAppendsAreCounted() async throws {
        let observed = try await ObservedLedger.afterTheStory()
        let metrics = observed.metrics
        #expect(
            metrics.counterTotal(
                label: "ledger_writes_total", dimensions: [("kind", "holding"), ("outcome", "accepted")]) == 2)
        #expect(
            metrics.counterTotal(
                label: "ledger_refusals_total", dimensions: [("kind", "holding"), ("rule", "purposeLimitation")]) == 1)
        #expect(metrics.counterTotal(label: "ledger_facts_recorded_total", dimensions: [("kind", "holding")]) == 4)
        #expect(metrics.counterTotal(label: "ledger_reports_issued_total") == 1)
        #expect(
            metrics.counterTotal(label: "ledger_erased_values_total", dimensions: [("reason", "subjectRequest")]) == 1)
        // Every fact of the story was one append of the in-memory store: policy, consent, three and
        // one holdings, the report, the erasure.
        #expect(metrics.counterTotal(label: "ledger_store_appends_total") == 6)
        #expect(metrics.counterTotal(label: "ledger_store_appended_bytes_total") > 0)
        #expect(try metrics.expectTimer("ledger_report_duration_seconds").values.count == 1)
        #expect(
            try metrics.expectTimer(
                "ledger_write_duration_seconds", [("kind", "holding"), ("outcome", "refused")]
            ).values.count == 1)
    }

    @Test func eachWriteIsASpanUnderTheCallersContext() async throws {
        let observed = try await ObservedLedger.afterTheStory()
        let request = try #require(observed.request)
        let spans = observed.tracer.finishedSpans.filter { $0.operationName.hasPrefix("ledger.") }
        #expect(
            spans.map(\.operationName) == [
                "ledger.policyVersion", "ledger.consentDecision", "ledger.holding", "ledger.holding", "ledger.holding",
                "ledger.reportIssued", "ledger.erasure", "ledger.erasure",
            ])
        #expect(spans.allSatisfy { $0.traceID == request.traceID && $0.parentSpanID == request.spanID })
        let refused = spans[3]
        #expect(refused.attributes.get("ledger.rule") == .string("purposeLimitation"))
        #expect(refused.attributes.get("ledger.outcome") == .string("refused"))
        #expect(refused.status?.code == .error)
        #expect(refused.errors.isEmpty, "the error's message is not given to the tracer")
        let erasure = spans[6]
        #expect(erasure.events.map(\.name) == ["ledger.store.appended", "ledger.erased"])
    }

    @Test(arguments: ObservedLedger.personalValues)
    func noPersonalValueReachesALogMetricOrSpan(_ value: String) async throws {
        let observed = try await ObservedLedger.afterTheStory()
        let leaks = observed.everythingHandled.filter { $0.contains(value) }
        #expect(leaks.isEmpty)
    }

    @Test func theStoryReachesEveryHandler() async throws {
        // The leak test above is only as good as what it searches.
        let observed = try await ObservedLedger.afterTheStory()
        #expect(observed.logs.entries.count > 10)
        #expect(observed.metrics.counters.count > 5)
        #expect(observed.tracer.finishedSpans.count == 9)
    }
}
