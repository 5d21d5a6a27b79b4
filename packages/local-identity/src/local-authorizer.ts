import { problemResponse, toProblem } from "@orders/http-kit";
import {
  API_SCOPE,
  type GatewayService,
  InsufficientScopeError,
  isProtectedPath,
  type JwtAuthorizerContext,
  UnauthorizedError,
} from "@orders/identity";
import { type JwtAuthorizerConfig, remoteKeys, verifyAuthorization } from "./jwt-verifier";

/** A fetch handler that takes bindings, as a Hono app's `fetch(request, env)`. */
export type FetchWithBindings<Env> = (request: Request, env?: Env) => Response | Promise<Response>;

/** The slice of API Gateway's v2 event the local authorizer hands on. */
export interface LocalAuthorizerEvent {
  requestContext: { authorizer: { jwt: JwtAuthorizerContext } };
}

/** The local authorizer's settings: the issuer to trust, and what its protected routes require. */
export interface LocalAuthorizerOptions extends JwtAuthorizerConfig {
  service: GatewayService;
  /**
   * The authorization scopes of every protected route (at least one must be in the token), as infra sets
   * them on the gateway's routes: {@link API_SCOPE} unless given.
   */
  scopes?: readonly string[];
}

/**
 * What the services put on every answer to a caller (`securityHeaders` and `noStoreWhen` in
 * `@orders/http-kit`), on the refusals made here before the app runs: a browser never sniffs the body
 * into script or style, no other origin learns where the reader came from, and no cache keeps an answer to
 * a caller's token.
 */
const refusalHeaders = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
} as const;

/**
 * API Gateway's JWT authorizer for a local Node server: requests to the service's protected paths need a
 * valid bearer access token (else 401 problem+json with `WWW-Authenticate`, before the app runs) carrying one
 * of the route's scopes (else 403 `insufficient_scope`: ID tokens carry none), both refusals `nosniff`,
 * `no-referrer` and `no-store` as every answer of the services; the app then gets the claims
 * as `env.event.requestContext.authorizer.jwt`, the same place the Lambda event puts them, with `scopes` as
 * API Gateway passes them (the token's list on a route that requires scopes, `null` otherwise). A token
 * whose subject is blank is refused too: it could name no customer. Public paths pass through untouched.
 *
 * @example
 * serve({ fetch: withLocalAuthorizer(app.fetch, { service: "api", ...config }), port });
 */
export function withLocalAuthorizer<Env>(
  fetch: FetchWithBindings<Env>,
  options: LocalAuthorizerOptions,
): (request: Request, env?: Env) => Promise<Response> {
  const required = options.scopes ?? [API_SCOPE];
  return async (request, env) => {
    const path = new URL(request.url).pathname;
    if (!isProtectedPath(options.service, path)) return fetch(request, env);
    let jwt: JwtAuthorizerContext;
    try {
      jwt = authorize(await verifyAuthorization(request.headers.get("authorization") ?? undefined, options));
    } catch (error) {
      const problem = toProblem(error, { instance: path, extensions: {} });
      const headers = (error as { headers?: Record<string, string> }).headers ?? {};
      return problemResponse(problem, { ...headers, ...refusalHeaders });
    }
    const event: LocalAuthorizerEvent = { requestContext: { authorizer: { jwt } } };
    // The node server's own bindings stay; the event is what a Lambda behind API Gateway would see.
    return fetch(request, { ...(typeof env === "object" && env !== null ? env : {}), event } as Env);
  };

  function authorize(verified: JwtAuthorizerContext): JwtAuthorizerContext {
    if ((verified.claims.sub ?? "").trim() === "") {
      throw new UnauthorizedError("The token names no subject.", { invalidToken: true });
    }
    if (required.length === 0) return { claims: verified.claims, scopes: null };
    const scopes = verified.scopes ?? [];
    if (!scopes.some((scope) => required.includes(scope))) throw new InsufficientScopeError(required);
    return { claims: verified.claims, scopes };
  }
}

export { type JwtAuthorizerConfig, remoteKeys, verifyAuthorization } from "./jwt-verifier";

/**
 * The local authorizer's settings from the environment a local server is started with: `JWT_ISSUER`,
 * `JWT_AUDIENCE` (comma-separated) and `JWT_JWKS_URL`. Throws when one is missing: a local server never
 * runs its protected routes open.
 */
export function authorizerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): JwtAuthorizerConfig {
  const issuer = env.JWT_ISSUER;
  const audience = env.JWT_AUDIENCE?.split(",")
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
  const jwksUrl = env.JWT_JWKS_URL;
  if (!issuer || !audience?.length || !jwksUrl) {
    throw new Error(
      "Set JWT_ISSUER, JWT_AUDIENCE and JWT_JWKS_URL: the local authorizer needs the issuer to trust.",
    );
  }
  return { issuer, audience, jwks: remoteKeys(jwksUrl) };
}

/** The environment that points a local server's authorizer at an issuer (the inverse of the above). */
export function authorizerEnv(settings: {
  issuer: string;
  audience: string;
  jwksUri: string;
}): Record<string, string> {
  return { JWT_ISSUER: settings.issuer, JWT_AUDIENCE: settings.audience, JWT_JWKS_URL: settings.jwksUri };
}
