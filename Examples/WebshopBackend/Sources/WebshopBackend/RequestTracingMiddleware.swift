import Hummingbird

/// Opens a span for every request — Hummingbird's `TracingMiddleware`, with the active tracer —
/// that shows the route's pattern, never the request's path: the ledger's `ledger.<kind>` spans
/// are its children.
///
/// `TracingMiddleware` records the path as `url.path` and the query as `url.query`, and the path
/// of `/privacy/subjects/customer:10001/report` names the customer. It is shown the request with
/// its path replaced by the route's pattern (`/privacy/subjects/{id}/report`, `NotFound` when no
/// route matched), no query and no `User-Agent`; the handlers get the request as it came. No
/// header is recorded, and ``ProblemMiddleware`` (inside) turns every error into an answer, so
/// no error's text reaches the span: its attributes are the method, the route, the status and the
/// body sizes.
struct RequestTracingMiddleware<Context: RequestContext>: RouterMiddleware {
    // No query reaches it at all (below); the argument only picks the initialiser.
    private let tracing = TracingMiddleware<Context>(redactingQueryParameters: [])

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var head = request.head
        head.path = context.endpointPath ?? "NotFound"
        head.headerFields[.userAgent] = nil
        let shown = Request(head: head, body: request.body)
        return try await tracing.handle(shown, context: context) { _, context in try await next(request, context) }
    }
}
