import Hummingbird
import PersonalDataLedger

/// Answers every error as a ``Problem``: a refusal by the ledger as `422` with its rule, a store
/// failure as `503` (so a client can tell "not allowed" from "try again later"), Hummingbird's own
/// errors (no such route, a body too large) and anything unexpected by their status alone.
///
/// Added first, it also wraps the router's "no such route" answer.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return try problem.response(from: request, context: context)
        } catch let error as LedgerError {
            return try Problem.refused(rule: error.rule.name, message: error.message)
                .response(from: request, context: context)
        } catch let error as LedgerStoreError {
            context.logger.error("ledger store failed", metadata: ["code": "\(error.code)"])
            return try Problem.storeFailed(code: "\(error.code)", message: error.message)
                .response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            return try Problem.unexpected(error.status).response(from: request, context: context)
        } catch {
            // The error's text may quote the request: log its type only.
            context.logger.error("request failed", metadata: ["error": "\(type(of: error))"])
            return try Problem.unexpected(.internalServerError).response(from: request, context: context)
        }
    }
}

/// `Cache-Control: no-store` on every answer: reports hold personal data, and nothing else this
/// API answers is worth a cache keeping. Reports also say what they vary with (see
/// ``Webshop/report(_:_:)``).
struct NoStoreMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
