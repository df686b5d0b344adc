import Hummingbird
import LedgerObservability
import Logging
import PersonalDataLedger
import Prometheus

/// What the webshop shows of its ledger: a log line per event, spans with the active tracer, and
/// metrics served at `GET /metrics` in the Prometheus text format.
///
/// One observer is given to the ledger and to its store (when the webshop makes the store
/// itself); no event carries a personal value, so neither the log nor the metrics page does.
/// `/metrics` is served without authentication, as Prometheus scrapes it: expose the port to the
/// monitoring network only.
struct WebshopObservability: Sendable {
    /// Where the ledger's metrics are kept until scraped.
    let registry: PrometheusCollectorRegistry
    /// The observer to give the ledger and its store.
    let observer: MultiplexLedgerObserver

    init(logger: Logger = Logger(label: "webshop.ledger")) {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        self.observer = MultiplexLedgerObserver(
            logger: logger, metricsFactory: PrometheusMetricsFactory(registry: registry))
    }

    /// The server's routes: `webshop`'s privacy API, and `/metrics` beside it.
    func serverRouter(for webshop: Webshop) -> Router<WebshopContext> {
        let router = webshop.router()
        addMetricsRoute(to: router)
        return router
    }

    /// Serves the metrics at `GET /metrics`, in the Prometheus text exposition format.
    func addMetricsRoute<Context: RequestContext>(to router: Router<Context>) {
        let registry = self.registry
        router.get("metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(
                status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}
