import Hummingbird
import HummingbirdAuth

/// The request context of the webshop's routes: Hummingbird's, with the authenticated caller.
typealias WebshopContext = BasicAuthRequestContext<Caller>

/// Authenticates a request by its `Authorization: Bearer TOKEN` header against the callers'
/// tokens.
///
/// A request without a bearer token goes on unauthenticated (the routes that need a caller answer
/// `401`); one with a token no caller has is answered `401` at once. The token itself is never
/// logged or echoed.
struct BearerTokenAuthenticator: AuthenticatorMiddleware {
    typealias Context = WebshopContext
    let tokens: CallerTokens

    func authenticate(request: Request, context: Context) async throws -> Caller? {
        guard let bearer = request.headers.bearer else { return nil }
        guard let caller = tokens.caller(presenting: bearer.token) else { throw Problem.unknownToken }
        return caller
    }
}

/// Lets a request through only when its caller has `role`: `401` without a caller, `403` with
/// a caller of another role.
struct RequireRole: RouterMiddleware {
    typealias Context = WebshopContext
    let role: Caller.Role

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let caller = context.identity else { throw Problem.authenticationRequired }
        guard try await RolePolicy<Caller>(role).isAuthorized(identity: caller, request: request) else {
            throw Problem.roleRequired(role)
        }
        return try await next(request, context)
    }
}
