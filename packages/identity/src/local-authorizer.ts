import { problemResponse, toProblem } from "@orders/http-problem";
import type { JwtAuthorizerContext } from "./claims";
import { type JwtAuthorizerConfig, verifyAuthorization } from "./jwt-verifier";
import { type GatewayService, isProtectedPath } from "./protected-routes";

/** A fetch handler that takes bindings, as a Hono app's `fetch(request, env)`. */
export type FetchWithBindings = (request: Request, env?: unknown) => Response | Promise<Response>;

/** The slice of API Gateway's v2 event the local authorizer hands on. */
export interface LocalAuthorizerEvent {
  requestContext: { authorizer: { jwt: JwtAuthorizerContext } };
}

/**
 * API Gateway's JWT authorizer for a local Node server: requests to the service's protected paths need a
 * valid bearer token (else 401 problem+json with `WWW-Authenticate`, before the app runs); the app then
 * gets the claims as `env.event.requestContext.authorizer.jwt`, the same place the Lambda event puts them.
 * Public paths pass through untouched.
 *
 * @example
 * serve({ fetch: withLocalAuthorizer(app.fetch, { service: "api", ...config }), port });
 */
export function withLocalAuthorizer(
  fetch: FetchWithBindings,
  options: JwtAuthorizerConfig & { service: GatewayService },
): (request: Request, env?: unknown) => Promise<Response> {
  return async (request, env) => {
    const path = new URL(request.url).pathname;
    if (!isProtectedPath(options.service, path)) return fetch(request, env);
    let jwt: JwtAuthorizerContext;
    try {
      jwt = await verifyAuthorization(request.headers.get("authorization") ?? undefined, options);
    } catch (error) {
      const problem = toProblem(error, { instance: path, extensions: {} });
      const headers = (error as { headers?: Record<string, string> }).headers ?? {};
      return problemResponse(problem, { ...headers, "Cache-Control": "no-store" });
    }
    const event: LocalAuthorizerEvent = { requestContext: { authorizer: { jwt } } };
    return fetch(request, { ...(typeof env === "object" && env !== null ? env : {}), event });
  };
}
export { type JwtAuthorizerConfig, remoteKeys, verifyAuthorization } from "./jwt-verifier";
